package dev.exporthub.formats;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.ZipEntry;

/**
 * Where a {@link ZipArchive} deflates its entries: on the calling thread ({@link ZipStream}) or on a
 * helper thread beside it ({@link PipelinedDeflater}). Either way the calling thread drives it, and
 * the bytes are the same.
 */
interface Deflation {

  void putNextEntry(ZipEntry entry) throws IOException;

  /** The stream of the current entry's content. */
  OutputStream content();

  void closeEntry() throws IOException;

  /** Writes the central directory. */
  void finish() throws IOException;

  /** Frees what the deflation holds; an unfinished archive stays without its central directory. */
  void release();
}
