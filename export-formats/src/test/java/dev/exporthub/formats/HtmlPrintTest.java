package dev.exporthub.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.References;
import dev.exporthub.api.SectionKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML export printed as a reader would print it: Debian's Chromium prints it to PDF headless,
 * and poppler's {@code pdfinfo} and {@code pdftotext} read the pages back. Every section starts a
 * page, no page is empty, and a table that runs over a page repeats its header row there.
 */
class HtmlPrintTest {

  private static final Pattern ITEM_ID = Pattern.compile("\\b(AF|DE|SLA)-\\d{3}\\b");
  /** The compact table's header row as {@code pdftotext -layout} lays it out: Item, the fields, References. */
  private static final Pattern HEADER_ROW =
      Pattern.compile("(?m)^\\s*Item\\s+severity\\s+status\\s+description\\s+References\\s*$");

  @TempDir
  Path dir;

  @Test
  @DisplayName("printed to PDF: a page per section start, no empty page, the header row on every page of a table")
  void printsCleanly() throws IOException, InterruptedException {
    ExportBundle bundle = bundle();
    Path html = Files.write(dir.resolve("export.html"), Fixtures.render(new HtmlFormatWriter(), bundle));
    Path pdf = dir.resolve("export.pdf");
    SystemTools.Result printed = SystemTools.run(dir, "chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + dir.resolve("profile"),
        "--no-pdf-header-footer", "--print-to-pdf=" + pdf, html.toUri().toString());
    assertTrue(Files.size(pdf) > 0, printed::output);

    SystemTools.Result info = SystemTools.run(dir, "pdfinfo", pdf.toString());
    Matcher pages = Pattern.compile("(?m)^Pages:\\s+(\\d+)$").matcher(info.output());
    assertTrue(pages.find(), info.output());
    int count = Integer.parseInt(pages.group(1));
    assertTrue(count >= 4 && count <= 40, "a sane page count for three sections of 80 rows: " + count);

    int sectionStarts = 0;
    for (int page = 1; page <= count; page++) {
      String text = SystemTools.run(dir, "pdftotext", "-f", Integer.toString(page), "-l", Integer.toString(page),
          "-layout", pdf.toString(), "-").output();
      assertTrue(!text.isBlank(), "page " + page + " is empty");
      if (ITEM_ID.matcher(text).find()) {
        assertTrue(HEADER_ROW.matcher(text).find(),
            "page " + page + " holds rows but no header row:\n" + text);
      }
      for (ExportSection section : bundle.sections()) {
        if (text.stripLeading().startsWith(section.title())) {
          sectionStarts++;
        }
      }
    }
    assertEquals(bundle.sections().size(), sectionStarts, "each section begins at the top of a page");
  }

  private static ExportBundle bundle() {
    List<ExportSection> sections = new ArrayList<>();
    String[] prefixes = {"AF", "DE", "SLA"};
    List<SectionKind> kinds = ExportCategory.COMPLIANCE_PACK.sections();
    for (int s = 0; s < kinds.size(); s++) {
      List<ExportItem> items = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        String id = prefixes[s] + "-" + String.format("%03d", i);
        items.add(Fixtures.item(id, kinds.get(s).itemType(), Fixtures.FROM.plusSeconds(3600L * i),
            Fixtures.data("severity", i % 3 == 0 ? "critical" : "low", "status", "open",
                "description", "Finding " + i + " about a control that was not met in facility " + i % 7)));
      }
      sections.add(ExportSection.of(kinds.get(s), items.size() + " records", Fixtures.GENERATED, items));
    }
    return ArchiveFixtures.bundle(ExportCategory.COMPLIANCE_PACK, ExportScope.tenant("tenant-a"), "Compliance Pack",
        "Audit findings, drift events and SLA compliance", ExportFormat.HTML, Fixtures.GENERATED, sections,
        References.of(Map.of()));
  }
}
