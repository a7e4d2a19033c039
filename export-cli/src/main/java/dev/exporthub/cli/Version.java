package dev.exporthub.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code --version}: the project version, filtered into {@code exporthub.properties} at build time. */
final class Version implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("exporthub.properties")) {
      if (in != null) {
        properties.load(in);
      }
    }
    return new String[] {"exporthub " + properties.getProperty("version", "unknown")};
  }
}
