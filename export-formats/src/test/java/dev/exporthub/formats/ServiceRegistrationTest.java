package dev.exporthub.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exporthub.api.spi.FormatWriter;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The module registers its writers for {@link java.util.ServiceLoader}. */
class ServiceRegistrationTest {

  private static final String SERVICES = "META-INF/services/" + FormatWriter.class.getName();

  @Test
  @DisplayName("the registration file of the module lists exactly the six built-in writers")
  void registrationFile() throws IOException {
    // The test class path has its own registration file too; read the module's.
    List<String> found = new ArrayList<>();
    var resources = JsonFormatWriter.class.getClassLoader().getResources(SERVICES);
    while (resources.hasMoreElements()) {
      URL url = resources.nextElement();
      if (url.toString().contains("/test-classes/")) {
        continue;
      }
      try (var in = url.openStream()) {
        found.addAll(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList());
      }
    }
    assertEquals(List.of(JsonFormatWriter.class.getName(), CsvFormatWriter.class.getName(),
        HtmlFormatWriter.class.getName(), MarkdownFormatWriter.class.getName(), ZipBundleWriter.class.getName(),
        AuditorPackageWriter.class.getName()), found);
  }
}
