package dev.exporthub.formats;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.ZipOutputStream;

/**
 * The JDK's {@link ZipOutputStream}, deflating at the default level as reproducible archives must,
 * whose deflater can be freed without closing the stream under it.
 */
final class ZipStream extends ZipOutputStream implements Deflation {

  ZipStream(OutputStream out) {
    super(out, StandardCharsets.UTF_8);
    setMethod(ZipOutputStream.DEFLATED);
    setLevel(Deflater.DEFAULT_COMPRESSION);
  }

  /**
   * Frees the deflater's native memory now rather than when the stream is collected: closing
   * would write a central directory (the end of a complete archive) and close the caller's
   * stream. The stream is unusable afterwards.
   */
  @Override
  public void release() {
    def.end();
  }

  @Override
  public OutputStream content() {
    return this;
  }
}
