package dev.exporthub.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The page's static files, read once from this jar. */
final class Assets {

  /**
   * One file.
   *
   * @param contentType its MIME type with charset
   * @param content     the bytes (shared, never written to)
   * @param etag        a strong entity tag over the bytes
   */
  record Asset(String contentType, byte[] content, String etag) { }

  private static final String BASE = "/dev/exporthub/console/assets/";

  private final Map<String, Asset> byPath = new TreeMap<>();

  Assets() {
    add("/", "index.html", "text/html; charset=utf-8");
    add("/index.html", "index.html", "text/html; charset=utf-8");
    add("/assets/console.css", "console.css", "text/css; charset=utf-8");
    add("/assets/console.js", "console.js", "text/javascript; charset=utf-8");
    add("/assets/favicon.svg", "favicon.svg", "image/svg+xml");
  }

  Optional<Asset> get(String path) {
    return Optional.ofNullable(byPath.get(path));
  }

  private void add(String path, String resource, String contentType) {
    try (InputStream in = Assets.class.getResourceAsStream(BASE + resource)) {
      if (in == null) {
        throw new IllegalStateException("The console's asset " + resource + " is missing from the jar");
      }
      byte[] content = in.readAllBytes();
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
      String etag = "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
      byPath.put(path, new Asset(contentType, content, etag));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the console's asset " + resource, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
