package dev.exporthub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives the page in the system's headless Chromium through the system's chromedriver: nothing is
 * downloaded. Skipped when either is missing ({@code .ci/run} installs Debian's {@code chromium}
 * and {@code chromium-driver}).
 */
@DisplayName("The console in a real browser")
class ConsoleBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
  private static final Path TARGET = Path.of(System.getProperty("basedir", "."), "target");

  /** An auditor of tenant-1, pinned to facility a, who may also use the bundle formats. */
  private static final Caller AUDITOR = Caller.of("ana", "tenant-1", "auditor", Set.of("export:bundle-formats"));

  @TempDir
  static Path temp;

  private static WebDriver driver;
  private static Path downloads;

  @BeforeAll
  static void startBrowser() throws IOException {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String missing = "needs /usr/bin/chromium and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)";
    if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
      org.junit.jupiter.api.Assertions.fail(missing + ", and CI must run this test (.ci/run installs them)");
    }
    assumeTrue(present, missing);
    downloads = Files.createDirectories(temp.resolve("downloads"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-extensions", "--window-size=1440,1800", "--user-data-dir=" + temp.resolve("profile"));
    options.setExperimentalOption("prefs", Map.of(
        "download.default_directory", downloads.toString(),
        "download.prompt_for_download", false,
        "download.directory_upgrade", true));
    // The browser's console, to see any Content-Security-Policy violation or script error.
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
  }

  @AfterAll
  static void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  private static WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  private static String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  /** No script error, no refused resource, no Content-Security-Policy violation in the browser's console. */
  private static void assertCleanConsole() {
    List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()
            || e.getMessage().contains("Content Security Policy"))
        .map(LogEntry::toString)
        .toList();
    assertEquals(List.of(), problems);
  }

  /**
   * Saves a screenshot of the browser's page under {@code target/}, and into the directory of the
   * system property {@code exporthub.docs.images} when it is set (the documentation's pictures are
   * made so, never by hand). Returns its size.
   */
  private static long screenshot(String name) throws IOException {
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Files.createDirectories(TARGET);
    Files.write(TARGET.resolve(name), png);
    String docs = System.getProperty("exporthub.docs.images");
    if (docs != null && !docs.isBlank()) {
      Files.write(Files.createDirectories(Path.of(docs)).resolve(name), png);
    }
    return png.length;
  }

  private static void open(ConsoleFixture fixture) {
    driver.get(fixture.server.uri().toString());
    waiting().until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
  }

  @Test
  @DisplayName("an HTML export opens in the browser under its own Content-Security-Policy without an error")
  void htmlExport() throws Exception {
    try (ConsoleFixture fixture = new ConsoleFixture(b -> b.callerResolver(CallerResolver.fixed(AUDITOR)))) {
      Path html = temp.resolve("compliance-pack.html");
      try (java.io.OutputStream out = Files.newOutputStream(html)) {
        fixture.hub.export(dev.exporthub.api.ExportRequest.builder(ExportCategory.COMPLIANCE_PACK, ExportFormat.HTML)
            .build(), AUDITOR, out).orThrow();
      }
      driver.get(html.toUri().toString());
      assertTrue(driver.findElements(By.cssSelector("table.items tbody tr")).size() > 0, "rows are shown");
      assertCleanConsole();
      assertTrue(screenshot("html-export.png") > 10_000, "a real screenshot");
    }
  }

  @Test
  @DisplayName("a time range: a preset exports that range; a custom range over 90 days shows the policy's refusal")
  void timeRange() {
    try (ConsoleFixture fixture = new ConsoleFixture(b -> b.callerResolver(CallerResolver.fixed(AUDITOR)))) {
      open(fixture);
      new Select(driver.findElement(By.id("category"))).selectByValue("compliance-pack");
      new Select(driver.findElement(By.id("format"))).selectByValue("json");
      new Select(driver.findElement(By.id("range"))).selectByValue("7");
      driver.findElement(By.id("generate")).click();
      waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("preview-bundle-id")));
      // The range ends at the console's now (its clock is the sample's, days away from the browser's).
      java.time.Instant now = fixture.clock.instant();
      String[] ends = text("preview-range").replace(" UTC", "Z").replace(' ', 'T').split("TtoT");
      java.time.Duration length = java.time.Duration.between(java.time.Instant.parse(ends[0]),
          java.time.Instant.parse(ends[1]));
      assertEquals(java.time.Duration.ofDays(7), length, text("preview-range"));
      assertTrue(java.time.Duration.between(java.time.Instant.parse(ends[1]), now).abs().toMinutes() < 5,
          text("preview-range") + " ends near the console's now " + now);
      assertCleanConsole(); // before the refusal below, whose 403 the browser logs

      new Select(driver.findElement(By.id("range"))).selectByValue("custom");
      WebElement from = driver.findElement(By.id("range-from"));
      ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
          "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'))", from,
          now.minus(java.time.Duration.ofDays(120)).toString().substring(0, 16));
      driver.findElement(By.id("generate")).click();
      waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("preview-error")));
      String error = text("preview-error");
      assertTrue(error.contains("Export denied by policy") && error.contains("90"), error);
      driver.manage().logs().get(LogType.BROWSER); // reading drains it: the 403 is this test's own
    }
  }

  @Test
  @DisplayName("a range and a facility: the export holds that facility's items, the preview its first rows, the chart today's export")
  void rangeAndFacility() {
    List<String> offered = ConsoleFixture.DATA.facilityIds("tenant-1");
    try (ConsoleFixture fixture = new ConsoleFixture(b -> b.callerResolver(
        CallerResolver.fixed(AUDITOR).offering(offered)))) {
      open(fixture);
      Select facility = new Select(driver.findElement(By.id("facility")));
      List<String> choices = facility.getOptions().stream().map(o -> o.getDomProperty("value")).toList();
      assertEquals(offered, choices.subList(1, choices.size()), "all facilities, then each one offered");
      String chosen = offered.get(0);
      facility.selectByValue(chosen);
      assertEquals(chosen, text("scope-facility"));
      new Select(driver.findElement(By.id("category"))).selectByValue("audit-findings");
      new Select(driver.findElement(By.id("format"))).selectByValue("json");
      new Select(driver.findElement(By.id("range"))).selectByValue("30");
      driver.findElement(By.id("generate")).click();
      waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("preview-bundle-id")));

      dev.exporthub.api.LogEntry.ExportGenerated generated = fixture.hub.log().recentExports(1).get(0);
      assertEquals(chosen, generated.facilityId(), "the export is narrowed to the chosen facility");
      long items = generated.export().itemsIncluded();
      assertTrue(items > 0, "the 30 days before the sample's now hold findings of " + chosen);
      assertTrue(driver.findElement(By.className("bundle-title")).getText().contains(chosen));

      // The preview's first rows: the items themselves, with the source's columns.
      WebElement rows = driver.findElement(By.cssSelector("#bundle-preview .section-row table.rows-table"));
      List<WebElement> body = rows.findElements(By.cssSelector("tbody tr"));
      assertEquals(Math.min(items, 5), body.size(), "the first five rows");
      List<String> head = rows.findElements(By.cssSelector("thead th")).stream().map(WebElement::getText).toList();
      assertEquals(List.of("Item", "Time (UTC)"), head.subList(0, 2));
      assertTrue(head.size() > 4, "one column per field of the source: " + head);
      List<String> ids = body.stream().map(r -> r.findElement(By.className("row-id")).getText()).toList();
      assertEquals(ids.size(), Set.copyOf(ids).size(), "each row is its own item: " + ids);
      assertTrue(ids.stream().noneMatch(String::isBlank), ids.toString());

      // The chart of exports per day: fourteen bars, today's counts this export.
      List<WebElement> bars = driver.findElements(By.cssSelector("#daily-chart svg[role=img] rect.bar"));
      assertEquals(14, bars.size());
      waiting().until(d -> "1".equals(d.findElements(By.cssSelector("#daily-chart rect.bar")).get(13)
          .getDomAttribute("data-exports")));
      assertCleanConsole();
    }
  }

  @Test
  @DisplayName("choose a category and a format, generate, preview, download, and see statistics and history update")
  void exportAndDownload() throws Exception {
    try (ConsoleFixture fixture = new ConsoleFixture(b -> b.callerResolver(
        CallerResolver.fixed(AUDITOR, "tenant-1-fac-a")))) {
      open(fixture);

      // The Export Builder's scope info (docs/SPECIFICATION.md §12) and its blue #3b82f6 panel title.
      assertEquals("tenant-1", text("scope-tenant"));
      assertEquals("tenant-1-fac-a", text("scope-facility"));
      assertEquals("ana", text("scope-user"));
      assertEquals("auditor", text("scope-role"));
      assertEquals("rgba(59, 130, 246, 1)",
          driver.findElement(By.cssSelector("#builder .panel-title")).getCssValue("background-color"));
      assertEquals("0", text("stat-total-exports"));
      assertTrue(driver.findElement(By.id("history-empty")).isDisplayed());
      assertTrue(driver.findElement(By.id("preview-empty")).isDisplayed());
      // The chart of exports per day: one bar a day for 14 days, each with its number as a title.
      List<WebElement> bars = driver.findElements(By.cssSelector("#daily-chart svg[role=img] rect.bar"));
      assertEquals(14, bars.size());
      assertTrue(bars.stream().allMatch(b -> "0".equals(b.getDomAttribute("data-exports"))));
      assertEquals(java.time.LocalDate.ofInstant(fixture.clock.instant(), java.time.ZoneOffset.UTC).toString(),
          bars.get(13).getDomAttribute("data-date"), "the last bar is the console's today, not the browser's");

      // Only what the caller may export.
      Select category = new Select(driver.findElement(By.id("category")));
      List<String> categories = category.getOptions().stream().map(o -> o.getDomProperty("value")).toList();
      List<String> visible = fixture.hub.visibility(AUDITOR).keySet().stream().map(ExportCategory::id).toList();
      assertEquals(visible, categories);
      assertTrue(!categories.contains("executive-summary"));

      category.selectByValue("compliance-pack");
      Select format = new Select(driver.findElement(By.id("format")));
      List<String> formats = format.getOptions().stream().map(o -> o.getDomProperty("value")).toList();
      assertEquals(fixture.hub.visibility(AUDITOR).get(ExportCategory.COMPLIANCE_PACK).stream()
          .map(ExportFormat::id).toList(), formats);
      format.selectByValue("json");

      // Generate, with a visible loading state.
      fixture.delayMillis = 300;
      WebElement generate = driver.findElement(By.id("generate"));
      generate.click();
      waiting().until(d -> "true".equals(d.findElement(By.id("generate")).getDomAttribute("aria-busy")));
      assertTrue(!driver.findElement(By.id("generate")).isEnabled(), "disabled while generating");
      assertTrue(driver.findElement(By.id("generate")).getText().contains("Generating"));
      waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("preview-bundle-id")));
      fixture.delayMillis = 0;
      waiting().until(d -> d.findElement(By.id("generate")).isEnabled());

      // The preview: the bundle preview component and the metadata grid.
      dev.exporthub.api.LogEntry.ExportGenerated generated = fixture.hub.log().recentExports(1).get(0);
      String bundleId = generated.export().bundleId();
      assertEquals(bundleId, text("preview-bundle-id"));
      WebElement bundle = driver.findElement(By.id("bundle-preview"));
      assertTrue(bundle.findElement(By.className("bundle-title")).getText().startsWith("Compliance Pack"));
      List<String> badges = bundle.findElements(By.className("badge")).stream().map(WebElement::getText).toList();
      assertEquals(List.of("Compliance Pack", "JSON", "3 sections",
          String.format(java.util.Locale.ROOT, "%,d items", generated.export().itemsIncluded())), badges);
      List<WebElement> sections = bundle.findElements(By.className("section-row"));
      assertEquals(List.of("Audit Findings", "Environmental Drift Events", "SLA Compliance"),
          sections.stream().map(s -> s.findElement(By.className("section-title")).getText()).toList());
      assertEquals("Phase 50: Audit & Governance Engine",
          sections.get(0).findElement(By.className("section-source")).getText());
      String footer = bundle.findElement(By.className("bundle-footer")).getText();
      assertTrue(footer.contains(bundleId) && footer.contains("Computation Time") && footer.contains(" ms"), footer);
      assertTrue(text("preview-sources").contains("Phase 51: Drift Detection Engine"));
      assertTrue(text("preview-generated").endsWith(" UTC"));

      // Download: the file arrives, equal to the artifact, and the download is logged.
      driver.findElement(By.id("download")).click();
      Path file = downloads.resolve(bundleId + ".json");
      waiting().until(d -> Files.exists(file) && !Files.exists(downloads.resolve(bundleId + ".json.crdownload")));
      assertEquals(generated.export().sha256(),
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));

      // Statistics and history follow.
      waiting().until(ExpectedConditions.textToBe(By.id("stat-total-downloads"), "1"));
      assertEquals("1", text("stat-total-exports"));
      assertTrue(text("stat-exports-trend").contains("+100.0%"));
      assertTrue(text("stat-average-size").endsWith(" KB"));
      assertEquals("4", text("stat-data-sources"));
      List<WebElement> rows = driver.findElements(By.cssSelector("#history-rows tr"));
      assertEquals(1, rows.size());
      assertTrue(rows.get(0).getText().startsWith("Compliance Pack JSON 3"), rows.get(0).getText());
      assertEquals("1", driver.findElements(By.cssSelector("#daily-chart rect.bar")).get(13).getDomAttribute(
          "data-exports"), "today's bar counts the export");
      assertEquals(1, fixture.hub.log().entries().stream().filter(e -> e instanceof dev.exporthub.api.LogEntry.ExportDownloaded).count());

      // A second export lands on top of the history.
      new Select(driver.findElement(By.id("category"))).selectByValue("operational-snapshot");
      String second = fixture.hub.formats().stream().map(d -> d.format().id())
          .filter(id -> id.equals("csv")).findFirst().orElse("json");
      new Select(driver.findElement(By.id("format"))).selectByValue(second);
      driver.findElement(By.id("generate")).click();
      waiting().until(d -> d.findElements(By.cssSelector("#history-rows tr")).size() == 2);
      waiting().until(ExpectedConditions.textToBe(By.id("stat-total-exports"), "2"));
      assertTrue(driver.findElements(By.cssSelector("#history-rows tr")).get(0).getText()
          .startsWith("Operational Snapshot"));
      waiting().until(d -> d.findElements(By.cssSelector("#bundle-preview .section-row")).size() == 4);
      assertCleanConsole();

      assertTrue(screenshot("console.png") > 10_000, "a real screenshot");
    }
  }

  @Test
  @DisplayName("shows a hostile user id and facility as text, never as markup")
  void noInjection() {
    String user = "<img src=x onerror=\"window.pwned=1\">";
    String facility = "<script>window.pwned=2</script>";
    Caller caller = Caller.of(user, "tenant-1", "auditor", Set.of());
    try (ConsoleFixture fixture = new ConsoleFixture(b -> b.callerResolver(CallerResolver.fixed(caller, facility)))) {
      open(fixture);
      assertEquals(user, text("scope-user"));
      assertEquals(facility, text("scope-facility"));
      new Select(driver.findElement(By.id("category"))).selectByValue("audit-findings");
      driver.findElement(By.id("generate")).click();
      waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("preview-bundle-id")));
      assertTrue(driver.findElement(By.className("bundle-title")).getText().contains(facility),
          driver.findElement(By.className("bundle-title")).getText());
      JavascriptExecutor js = (JavascriptExecutor) driver;
      assertEquals(0L, js.executeScript("return document.querySelectorAll('main img, main script').length;"));
      assertEquals(Boolean.TRUE, js.executeScript("return typeof window.pwned === 'undefined';"));
      assertCleanConsole();
    }
  }
}
