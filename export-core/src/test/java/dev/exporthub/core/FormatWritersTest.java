package dev.exporthub.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.PolicyDecision;
import dev.exporthub.api.spi.WriteContext;
import dev.exporthub.core.source.InMemoryDataSource;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.InvalidRequestException;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.formats.CsvFormatWriter;
import dev.exporthub.formats.HtmlFormatWriter;
import dev.exporthub.formats.JsonFormatWriter;
import dev.exporthub.formats.MarkdownFormatWriter;
import dev.exporthub.core.plugins.AlternativeJsonWriter;
import dev.exporthub.core.plugins.PlainTextWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatWritersTest {

  /** The four text writers, listed explicitly rather than discovered. */
  private static FormatWriters textWriters() {
    return FormatWriters.of(List.of(new JsonFormatWriter(), new CsvFormatWriter(), new HtmlFormatWriter(),
        new MarkdownFormatWriter()));
  }

  private static final String SERVICES = "META-INF/services/" + FormatWriter.class.getName();

  @Test
  @DisplayName("the built-in writers answer for json, csv, html and markdown, in the order of SPECIFICATION.md §5.1")
  void builtIn() {
    FormatWriters writers = textWriters();
    assertEquals(List.of("json", "csv", "html", "markdown"), ids(writers.available()));
    assertInstanceOf(JsonFormatWriter.class, writers.writer(ExportFormat.JSON));
    assertInstanceOf(CsvFormatWriter.class, writers.writer(ExportFormat.CSV));
    assertInstanceOf(HtmlFormatWriter.class, writers.writer(ExportFormat.HTML));
    assertInstanceOf(MarkdownFormatWriter.class, writers.writer(ExportFormat.MARKDOWN));
    assertEquals(new FormatDescriptor(ExportFormat.MARKDOWN, "text/markdown; charset=utf-8", ".md", false),
        writers.descriptor(ExportFormat.MARKDOWN));
    assertEquals("EXP-1.md", writers.descriptor(ExportFormat.MARKDOWN).fileName("EXP-1"));
    assertTrue(writers.conflicts().isEmpty());
  }

  @Test
  @DisplayName("an unknown format is an invalid request listing the available ones")
  void unknownFormat() {
    InvalidRequestException error = assertThrows(InvalidRequestException.class,
        () -> textWriters().writer(ExportFormat.ZIP));
    assertEquals("Unknown export format 'zip'; available: json, csv, html, markdown", error.getMessage());
    assertThrows(InvalidRequestException.class, () -> textWriters().descriptor(ExportFormat.of("xlsx")));
    assertFalse(textWriters().supports(ExportFormat.of("xlsx")));
  }

  @Test
  @DisplayName("discovery finds the six registered built-ins and a plugin, and skips three broken providers")
  void discoverSurvivesBrokenPlugins() throws IOException {
    // The test class path lists a provider whose constructor throws, one whose class is missing and
    // one whose descriptor() throws, around a working PlainTextWriter.
    FormatWriters writers = FormatWriters.discover(getClass().getClassLoader());
    assertEquals(List.of("json", "csv", "html", "markdown", "zip", "auditor-package", "plain-text"), ids(writers.available()));
    assertTrue(writers.conflicts().isEmpty());

    FormatWriter plugin = writers.writer(PlainTextWriter.FORMAT);
    assertInstanceOf(PlainTextWriter.class, plugin);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExportBundle bundle = compliancePack();
    plugin.write(bundle, context(), out);
    assertEquals(bundle.title() + "\nAudit Findings: 1\nEnvironmental Drift Events: 0\nSLA Compliance: 0\n",
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("a provider that is not even a valid class file is skipped too")
  void invalidClassFile(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("META-INF/services"));
    Files.createDirectories(dir.resolve("com/example"));
    Files.writeString(dir.resolve(SERVICES), "com.example.Garbage\n");
    Files.write(dir.resolve("com/example/Garbage.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, 1, 2, 3});
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      assertThrows(ClassFormatError.class, () -> Class.forName("com.example.Garbage", false, loader));
      FormatWriters writers = FormatWriters.discover(loader);
      assertEquals(List.of("json", "csv", "html", "markdown", "zip", "auditor-package", "plain-text"), ids(writers.available()));
    }
  }

  @Test
  @DisplayName("two writer classes for one format: a conflict naming both, until the host prefers one")
  void conflictNeedsExplicitChoice(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(dir.resolve(SERVICES), AlternativeJsonWriter.class.getName() + "\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      FormatWriters writers = FormatWriters.discover(loader);

      assertEquals(Map.of(ExportFormat.JSON, List.of(JsonFormatWriter.class.getName(),
          AlternativeJsonWriter.class.getName())), writers.conflicts(), "in discovery order");
      IllegalStateException error = assertThrows(IllegalStateException.class,
          () -> writers.writer(ExportFormat.JSON));
      assertTrue(error.getMessage().contains(JsonFormatWriter.class.getName()), error.getMessage());
      assertTrue(error.getMessage().contains(AlternativeJsonWriter.class.getName()), error.getMessage());
      assertTrue(error.getMessage().contains("ExportHub.Builder.writer"), error.getMessage());
      assertFalse(writers.supports(ExportFormat.JSON));
      assertEquals(List.of("csv", "html", "markdown", "zip", "auditor-package", "plain-text"), ids(writers.available()),
          "the other formats keep working");

      AlternativeJsonWriter chosen = new AlternativeJsonWriter();
      FormatWriters resolved = writers.withPreferred(chosen);
      assertSame(chosen, resolved.writer(ExportFormat.JSON));
      assertTrue(resolved.conflicts().isEmpty());
      assertEquals(List.of("json", "csv", "html", "markdown", "zip", "auditor-package", "plain-text"), ids(resolved.available()));
      assertThrows(IllegalStateException.class, () -> writers.writer(ExportFormat.JSON), "immutable");

      FormatWriters builtInChosen = writers.withPreferred(new JsonFormatWriter());
      assertInstanceOf(JsonFormatWriter.class, builtInChosen.writer(ExportFormat.JSON));
    }
  }

  @Test
  @DisplayName("of(...) refuses two writer classes for one format at once, naming both")
  void ofRefusesClash() {
    IllegalStateException error = assertThrows(IllegalStateException.class,
        () -> FormatWriters.of(List.of(new JsonFormatWriter(), new CsvFormatWriter(), new AlternativeJsonWriter())));
    assertEquals("Two or more format writers for 'json': " + JsonFormatWriter.class.getName() + " and "
        + AlternativeJsonWriter.class.getName() + "; register the one to use with ExportHub.Builder.writer(...)",
        error.getMessage());
    assertEquals(List.of("json"), ids(FormatWriters.of(List.of(new JsonFormatWriter(), new JsonFormatWriter()))
        .available()), "two instances of one class are no clash");
  }

  @Test
  @DisplayName("withPreferred adds a format that was not there, without changing the original")
  void withPreferredAdds() {
    FormatWriters base = textWriters();
    FormatWriters more = base.withPreferred(new PlainTextWriter());
    assertEquals(List.of("json", "csv", "html", "markdown", "plain-text"), ids(more.available()));
    assertEquals(List.of("json", "csv", "html", "markdown"), ids(base.available()));
  }

  @Test
  @DisplayName("a plugin jar built at run time is discovered through a URLClassLoader and exports")
  void pluginJar(@TempDir Path dir) throws Exception {
    Path source = dir.resolve("src/com/example/exports/ShoutWriter.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, """
        package com.example.exports;

        import dev.exporthub.api.ExportBundle;
        import dev.exporthub.api.ExportFormat;
        import dev.exporthub.api.spi.FormatDescriptor;
        import dev.exporthub.api.spi.FormatWriter;
        import dev.exporthub.api.spi.WriteContext;
        import java.io.IOException;
        import java.io.OutputStream;
        import java.nio.charset.StandardCharsets;
        import java.util.Locale;

        public final class ShoutWriter implements FormatWriter {
          public FormatDescriptor descriptor() {
            return new FormatDescriptor(ExportFormat.of("shout"), "text/plain", ".shout.txt", false);
          }

          public void write(ExportBundle bundle, WriteContext context, OutputStream out) throws IOException {
            out.write((bundle.bundleId() + " " + bundle.title().toUpperCase(Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8));
          }
        }
        """);
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String classPath = location(FormatWriter.class);
    int status = javac.run(null, null, null, "-d", classes.toString(), "-cp", classPath, source.toString());
    assertEquals(0, status, "the plugin compiles");

    Path jar = dir.resolve("shout-plugin.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(SERVICES));
      out.write("com.example.exports.ShoutWriter\n".getBytes(StandardCharsets.UTF_8));
      out.putNextEntry(new JarEntry("com/example/exports/ShoutWriter.class"));
      out.write(Files.readAllBytes(classes.resolve("com/example/exports/ShoutWriter.class")));
    }

    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
      FormatWriters writers = FormatWriters.discover(loader);
      ExportFormat shout = ExportFormat.of("shout");
      assertEquals(List.of("json", "csv", "html", "markdown", "zip", "auditor-package", "plain-text", "shout"), ids(writers.available()));
      FormatWriter writer = writers.writer(shout);
      assertSame(loader, writer.getClass().getClassLoader(), "loaded from the jar");
      assertEquals("EXP-1.shout.txt", writers.descriptor(shout).fileName("EXP-1"));
      ExportBundle bundle = compliancePack();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      writer.write(bundle, context(), out);
      assertEquals(bundle.bundleId() + " COMPLIANCE PACK — TENANT T-1, 2025-12-16 TO 2026-01-15",
          out.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  @DisplayName("the registry is immutable: its list of descriptors cannot be changed")
  void immutable() {
    List<FormatDescriptor> available = textWriters().available();
    assertThrows(UnsupportedOperationException.class, () -> available.clear());
    assertThrows(UnsupportedOperationException.class, () -> textWriters().conflicts().clear());
    assertEquals(List.of(), FormatWriters.of(List.of()).available());
  }

  /** A compliance pack of one audit finding, assembled by a hub. */
  private static ExportBundle compliancePack() {
    ExportHub hub = ExportHub.builder()
        .dataSource(InMemoryDataSource.of(List.of(ExportHubTest.finding("AF-1", "t-1", null, ExportHubTest.NOW.minusSeconds(60)))))
        .clock(ExportHubTest.CLOCK).build();
    return hub.preview(ExportRequest.builder(ExportCategory.COMPLIANCE_PACK, ExportFormat.JSON).build(), ExportHubTest.AUDITOR);
  }

  private static WriteContext context() {
    return new WriteContext(PolicyDecision.of("q-1", ExportScope.tenant("t-1"), List.of(), List.of(), List.of()),
        ExportHubTest.AUDITOR, Map.of(), ExportHubTest.CLOCK);
  }

  private static String location(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private static List<String> ids(List<FormatDescriptor> descriptors) {
    return descriptors.stream().map(d -> d.format().id()).toList();
  }
}
