/**
 * The six built-in formats, found through {@link dev.exporthub.api.spi.FormatWriter}, and the
 * {@code PackageVerifier} auditors run on archives.
 */
module dev.exporthub.formats {
  requires transitive dev.exporthub.api;
  requires com.fasterxml.jackson.core;
  requires dev.exporthub.codec;
  requires org.apache.commons.csv;

  exports dev.exporthub.formats;

  provides dev.exporthub.api.spi.FormatWriter with
      dev.exporthub.formats.JsonFormatWriter,
      dev.exporthub.formats.CsvFormatWriter,
      dev.exporthub.formats.HtmlFormatWriter,
      dev.exporthub.formats.MarkdownFormatWriter,
      dev.exporthub.formats.ZipBundleWriter,
      dev.exporthub.formats.AuditorPackageWriter;
}
