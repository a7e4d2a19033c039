package dev.exporthub.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The page's files")
class AssetsTest {

  private final Assets assets = new Assets();

  private String text(String path) {
    return new String(assets.get(path).orElseThrow().content(), StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("put data into the page as text only: no HTML parsing, no eval")
  void noHtmlSinks() {
    String js = text("/assets/console.js");
    for (String sink : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
        "new Function", "setAttribute('on", "createContextualFragment", "DOMParser")) {
      assertFalse(js.contains(sink), sink);
    }
    assertTrue(js.contains("textContent"));
  }

  @Test
  @DisplayName("have no inline script, inline style, inline handler or external origin")
  void noInlineCode() {
    String html = text("/");
    assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE).matcher(html).find(),
        "every script has a src");
    assertFalse(html.contains("<style"), "no style element");
    assertFalse(Pattern.compile("\\sstyle=", Pattern.CASE_INSENSITIVE).matcher(html).find(), "no style attribute");
    assertFalse(Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(html).find(), "no handler attribute");
    for (String path : List.of("/", "/assets/console.css", "/assets/console.js")) {
      String content = text(path);
      assertFalse(Pattern.compile("(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}").matcher(
          content.replace("http://www.w3.org/2000/svg", "")).find(), path + " names no external origin");
      assertFalse(content.contains("@import"), path);
    }
  }

  @Test
  @DisplayName("have the five components and card colours of SPECIFICATION.md §12")
  void components() {
    String html = text("/");
    for (String title : List.of("Export Builder", "Export Preview", "Total Exports", "Total Downloads", "Average Size",
        "Data Sources", "Export History")) {
      assertTrue(html.contains(title), title);
    }
    String css = text("/assets/console.css");
    assertTrue(css.contains("#3b82f6"));
    for (String card : List.of("card-blue", "card-green", "card-purple", "card-orange")) {
      assertTrue(css.contains("." + card), card);
      assertTrue(html.contains(card), card);
    }
  }
}
