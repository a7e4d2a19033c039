package dev.exporthub.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vladsch.flexmark.ast.AutoLink;
import com.vladsch.flexmark.ast.BlockQuote;
import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.HardLineBreak;
import com.vladsch.flexmark.ast.HtmlBlock;
import com.vladsch.flexmark.ast.HtmlCommentBlock;
import com.vladsch.flexmark.ast.HtmlInline;
import com.vladsch.flexmark.ast.HtmlInlineComment;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.ImageRef;
import com.vladsch.flexmark.ast.IndentedCodeBlock;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.LinkRef;
import com.vladsch.flexmark.ast.MailLink;
import com.vladsch.flexmark.ast.OrderedList;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.util.ast.Node;
import java.util.List;

/** Checks that a parsed Markdown document holds none of the constructs data must never open. */
final class MarkdownSafety {

  static final List<Class<? extends Node>> FORBIDDEN = List.of(Link.class, Image.class, LinkRef.class,
      ImageRef.class, AutoLink.class, MailLink.class, Reference.class, HtmlInline.class, HtmlInlineComment.class,
      HtmlBlock.class, HtmlCommentBlock.class, Code.class, IndentedCodeBlock.class, FencedCodeBlock.class,
      BlockQuote.class, OrderedList.class, HardLineBreak.class);

  private MarkdownSafety() {
  }

  static void assertNoMarkupFromData(Node document) {
    for (Class<? extends Node> type : FORBIDDEN) {
      assertEquals(0, count(document, type), () -> type.getSimpleName() + " in the document");
    }
  }

  static int count(Node node, Class<? extends Node> type) {
    int count = type.isInstance(node) ? 1 : 0;
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      count += count(child, type);
    }
    return count;
  }
}
