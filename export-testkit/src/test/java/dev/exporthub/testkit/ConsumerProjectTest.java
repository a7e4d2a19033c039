package dev.exporthub.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportFormat;
import dev.exporthub.codec.FormulaGuard;
import dev.exporthub.core.ExportHub;
import dev.exporthub.formats.JsonFormatWriter;
import dev.exporthub.samples.SampleData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The kit is usable from a separate Maven project with one test-scoped dependency: this test
 * writes such a project (a plugin writer, its {@link FormatWriterContract} subclass and an
 * {@link EngineLaws} subclass, taken from the module's README) and builds it with
 * {@code mvn -o -B test} as a real process.
 *
 * <p>Where the artifacts come from: not from the user's local repository, where {@code mvn
 * install} may not have put this build's jars yet (this test runs in the {@code test} phase,
 * before the module is even packaged). The test assembles a fresh local repository instead:
 * Export Hub's artifacts are this build's own (each module's jar or classes directory as found on
 * this test's class path, jarred when needed, with the module's {@code pom.xml} from the source
 * tree), and every other group is a symbolic link into the user's repository, so jqwik, JUnit,
 * Jackson and Maven's plugins resolve offline as they do for this build. Nothing is written into
 * the user's repository. Surefire passes the paths it needs as system properties; run elsewhere
 * (an IDE), the test is skipped.
 */
@DisplayName("A separate Maven project")
class ConsumerProjectTest {

  private static final Pattern SNIPPET =
      Pattern.compile("<!-- consumer-project: (\\S+) -->\\s*```[a-z]*\\n(.*?)```", Pattern.DOTALL);

  /** The Export Hub artifacts the consumer needs, each with a class that lives in it. */
  private static final Map<String, Class<?>> MODULES = new LinkedHashMap<>();

  static {
    MODULES.put("export-api", ExportFormat.class);
    MODULES.put("export-codec", FormulaGuard.class);
    MODULES.put("export-core", ExportHub.class);
    MODULES.put("export-formats", JsonFormatWriter.class);
    MODULES.put("export-samples", SampleData.class);
    MODULES.put("export-testkit", FormatWriterContract.class);
  }

  @Test
  @DisplayName("with export-testkit as its one test dependency runs FormatWriterContract and EngineLaws on its own writer")
  void buildsAndPasses() throws Exception {
    Path root = Path.of(property("exporthub.root")).toRealPath();
    String version = property("exporthub.version");
    Path userRepository = Path.of(property("exporthub.localRepository"));
    Path mvn = Path.of(property("maven.home"), "bin", "mvn");
    Assumptions.assumeTrue(Files.isExecutable(mvn), "no Maven at " + mvn);

    Path work = root.resolve("export-testkit/target/consumer-project");
    deleteRecursively(work);
    Path repository = work.resolve("repository");
    layer(userRepository, repository, List.of("dev", "exporthub"));
    install(repository, "export-hub-parent", version, root.resolve("pom.xml"), null);
    for (Map.Entry<String, Class<?>> module : MODULES.entrySet()) {
      install(repository, module.getKey(), version, root.resolve(module.getKey()).resolve("pom.xml"),
          location(module.getValue()));
    }

    Path project = work.resolve("project");
    Files.createDirectories(project);
    Files.writeString(project.resolve("pom.xml"), consumerPom(version, pluginVersions(root.resolve("pom.xml"))));
    String readme = Files.readString(root.resolve("export-testkit/README.md"));
    Matcher snippets = SNIPPET.matcher(readme);
    List<String> written = new ArrayList<>();
    while (snippets.find()) {
      Path file = project.resolve(snippets.group(1));
      Files.createDirectories(file.getParent());
      Files.writeString(file, snippets.group(2));
      written.add(snippets.group(1));
    }
    assertEquals(4, written.size(), "the README's consumer-project snippets: " + written);

    Path log = work.resolve("build.log");
    ProcessBuilder build = new ProcessBuilder(mvn.toString(), "-B", "-o",
        "-Dmaven.repo.local=" + repository, "test")
        .directory(project.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    build.environment().put("JAVA_HOME", System.getProperty("java.home"));
    build.environment().remove("MAVEN_ARGS");
    Process process = build.start();
    process.getOutputStream().close();
    if (!process.waitFor(8, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("The consumer build did not finish within 8 minutes; see " + log);
    }
    String output = Files.readString(log);
    assertEquals(0, process.exitValue(), () -> "The consumer build failed:\n" + tail(output));

    Path reports = project.resolve("target/surefire-reports");
    assertReport(reports, "com.example.tsv.TsvFormatWriterContractTest", 8, output);
    assertReport(reports, "com.example.tsv.TsvEngineLawsTest", 7, output);
  }

  private static void assertReport(Path reports, String testClass, int tests, String output) throws Exception {
    Path report = reports.resolve("TEST-" + testClass + ".xml");
    assertTrue(Files.exists(report), () -> "No test report " + report + ":\n" + tail(output));
    Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
        .getDocumentElement();
    assertEquals(tests, Integer.parseInt(suite.getAttribute("tests")), testClass + " tests");
    for (String outcome : List.of("failures", "errors", "skipped")) {
      assertEquals(0, Integer.parseInt(suite.getAttribute(outcome)), testClass + " " + outcome);
    }
  }

  /**
   * Makes {@code target} a local repository that is {@code source} except below {@code excluded}
   * (a path of directory names), which stays empty: every other entry is a symbolic link.
   */
  private static void layer(Path source, Path target, List<String> excluded) throws IOException {
    Files.createDirectories(target);
    if (excluded.isEmpty()) {
      return;
    }
    try (Stream<Path> entries = Files.list(source)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        String name = entry.getFileName().toString();
        if (name.equals(excluded.get(0))) {
          layer(entry, target.resolve(name), excluded.subList(1, excluded.size()));
        } else {
          Files.createSymbolicLink(target.resolve(name), entry.toAbsolutePath());
        }
      }
    }
  }

  /** Lays out one artifact as {@code mvn install} would: its pom and, unless a pom-only artifact, its jar. */
  private static void install(Path repository, String artifactId, String version, Path pom, Path classes)
      throws IOException {
    Path dir = repository.resolve("dev/exporthub").resolve(artifactId).resolve(version);
    Files.createDirectories(dir);
    Files.copy(pom, dir.resolve(artifactId + "-" + version + ".pom"));
    if (classes == null) {
      return;
    }
    Path jar = dir.resolve(artifactId + "-" + version + ".jar");
    if (Files.isDirectory(classes)) {
      jar(classes, jar);
    } else {
      Files.copy(classes, jar);
    }
  }

  /** Where a class was loaded from: a module's jar, or its classes directory when the reactor did not package it. */
  private static Path location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static void jar(Path classes, Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes)) {
      files = walk.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
    }
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
      for (Path file : files) {
        String name = classes.relativize(file).toString().replace('\\', '/');
        if (name.equals("META-INF/MANIFEST.MF")) {
          continue;
        }
        JarEntry entry = new JarEntry(name);
        entry.setLastModifiedTime(FileTime.fromMillis(0));
        zip.putNextEntry(entry);
        Files.copy(file, zip);
        zip.closeEntry();
      }
    }
  }

  /** The versions the reactor pins for the plugins a {@code test} build needs, so they resolve offline. */
  private static Map<String, String> pluginVersions(Path parentPom) throws Exception {
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(parentPom.toFile());
    NodeList plugins = pom.getElementsByTagName("plugin");
    Map<String, String> versions = new LinkedHashMap<>();
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      NodeList ids = plugin.getElementsByTagName("artifactId");
      NodeList version = plugin.getElementsByTagName("version");
      if (ids.getLength() > 0 && version.getLength() > 0) {
        versions.putIfAbsent(ids.item(0).getTextContent().strip(), version.item(0).getTextContent().strip());
      }
    }
    return versions;
  }

  private static String consumerPom(String version, Map<String, String> plugins) {
    StringBuilder build = new StringBuilder();
    for (String plugin : List.of("maven-resources-plugin", "maven-compiler-plugin",
        "maven-surefire-plugin")) {
      build.append("      <plugin>\n        <groupId>org.apache.maven.plugins</groupId>\n        <artifactId>")
          .append(plugin).append("</artifactId>\n        <version>").append(plugins.get(plugin))
          .append("</version>\n      </plugin>\n");
    }
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0"
                 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example</groupId>
          <artifactId>tsv-format-writer</artifactId>
          <version>1.0.0</version>

          <properties>
            <maven.compiler.release>17</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>

          <dependencies>
            <!-- The plugin's own code implements the SPI. -->
            <dependency>
              <groupId>dev.exporthub</groupId>
              <artifactId>export-api</artifactId>
              <version>%1$s</version>
            </dependency>
            <!-- The one test dependency: jqwik, JUnit Jupiter and the engine come with it. -->
            <dependency>
              <groupId>dev.exporthub</groupId>
              <artifactId>export-testkit</artifactId>
              <version>%1$s</version>
              <scope>test</scope>
            </dependency>
          </dependencies>

          <build>
            <plugins>
        %2$s    </plugins>
          </build>
        </project>
        """.formatted(version, build.toString().indent(4));
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    Assumptions.assumeTrue(value != null && !value.isBlank(),
        "system property " + name + " is set by this module's Surefire configuration");
    return value;
  }

  private static String tail(String output) {
    return output.length() <= 6000 ? output : "..." + output.substring(output.length() - 6000);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      // Files.walk does not follow the repository's symbolic links: only the links themselves go.
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
