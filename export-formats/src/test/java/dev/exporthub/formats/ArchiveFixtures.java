package dev.exporthub.formats;

import dev.exporthub.api.BundleMetadata;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.PolicyDecision;
import dev.exporthub.api.References;
import dev.exporthub.api.SectionKind;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.WriteContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Bundles, contexts and archive helpers for the ZIP bundle, auditor package and verifier tests. */
final class ArchiveFixtures {

  /** The bundle id of every fixture bundle. */
  static final String BUNDLE_ID = "EXP-0123456789abcdef";

  private ArchiveFixtures() {
  }

  /** The policy decision that allowed the fixture exports. */
  static PolicyDecision decision() {
    return PolicyDecision.of("q-42", ExportScope.tenant("tenant-a"), List.of(),
        List.of("Long-range exports may have reduced data availability or increased generation time"),
        List.of("tenant-isolation", "federation-access", "export-permissions", "compliance-restrictions",
            "data-retention", "format-restrictions"));
  }

  /** A context with the decision, the fixture caller, the options and a clock fixed at {@code now}. */
  static WriteContext context(Map<String, String> options, Instant now) {
    return new WriteContext(decision(), Fixtures.CALLER, options, Clock.fixed(now, ZoneOffset.UTC));
  }

  static WriteContext context(Map<String, String> options) {
    return context(options, Fixtures.GENERATED);
  }

  static WriteContext context() {
    return context(Map.of());
  }

  static WriteContext bagit() {
    return context(Map.of(AuditorPackageWriter.LAYOUT_OPTION, "bagit"));
  }

  /** The compliance pack of {@link Fixtures#compliancePack()}, as the given format's bundle. */
  static ExportBundle compliancePack(ExportFormat format) {
    return Fixtures.compliancePack().withFormat(format);
  }

  /**
   * A full operational export: the ten source sections in phase order, with two items in most,
   * none in one, and summaries, titles and values full of characters that HTML, CSV and Markdown
   * treat specially.
   */
  static ExportBundle fullOperational(ExportFormat format, Instant generatedAt) {
    List<ExportSection> sections = new ArrayList<>();
    Map<SourceType, List<String>> references = new TreeMap<>();
    Instant at = Fixtures.FROM.plusSeconds(3600);
    int n = 0;
    for (SectionKind kind : ExportCategory.FULL_OPERATIONAL.sections()) {
      List<ExportItem> items = new ArrayList<>();
      int count = kind == SectionKind.SCHEDULES ? 0 : 2;
      for (int i = 0; i < count; i++) {
        String id = kind.fileStem().toUpperCase(java.util.Locale.ROOT) + "-" + (++n);
        items.add(Fixtures.item(id, kind.itemType(), at.plusSeconds(60L * i), Fixtures.data(
            "id", id,
            "note", i == 0 ? "<b>bold</b> & \"quoted\", ; = \\" : "=HYPERLINK(\"x\")",
            "value", i + 0.5,
            "at", at,
            "nested", Map.of("b", 1, "a", List.of("x", "y")))));
        references.computeIfAbsent(kind.source().orElseThrow(), k -> new ArrayList<>()).add(id);
      }
      sections.add(ExportSection.of(kind, count + " records <script>alert('" + kind.id() + "')</script> & more",
          generatedAt, items));
    }
    return bundle(ExportCategory.FULL_OPERATIONAL, ExportScope.tenant("tenant-a"),
        "Full export of tenant-a <i>&</i> \"friends\"", "Everything | all * phases\nsecond line", format, generatedAt,
        sections, References.of(references));
  }

  /** A bundle with metadata consistent with its sections. */
  static ExportBundle bundle(ExportCategory category, ExportScope scope, String title, String description,
      ExportFormat format, Instant generatedAt, List<ExportSection> sections, References references) {
    long items = sections.stream().mapToLong(ExportSection::itemCount).sum();
    List<String> sources = new ArrayList<>();
    for (ExportSection section : sections) {
      if (!sources.contains(section.dataSource())) {
        sources.add(section.dataSource());
      }
    }
    TimeRange range = TimeRange.of(Fixtures.FROM, Fixtures.TO);
    String digest = "0123456789abcdef" + "fe".repeat(24);
    BundleMetadata metadata = new BundleMetadata(generatedAt, "auditor@example.com", format, sections.size(), items,
        BundleMetadata.estimateSize(items, sections.size()), sources, range, 17, true, digest,
        BundleMetadata.SCHEMA_VERSION);
    return new ExportBundle(BUNDLE_ID, "export-0042", title, description, category, format, scope, range, sections,
        references, metadata);
  }

  // ---- archives

  static byte[] render(FormatWriter writer, ExportBundle bundle, WriteContext context) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writer.write(bundle, context, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Every entry of an archive in order, read with {@link ZipInputStream}. */
  static Map<String, byte[]> entries(byte[] zip) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        if (entries.put(entry.getName(), in.readAllBytes()) != null) {
          throw new AssertionError("duplicate entry " + entry.getName());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  /**
   * An archive of exactly these entries, in order (for tampering with packages). Names may repeat,
   * which {@link ZipOutputStream} refuses: the archive is then spliced from one-entry archives and
   * has a central directory that lists nothing, which the stream check does not read.
   */
  static byte[] zip(List<Map.Entry<String, byte[]>> entries) {
    if (entries.stream().map(Map.Entry::getKey).distinct().count() < entries.size()) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (Map.Entry<String, byte[]> entry : entries) {
        byte[] single = zip(List.of(entry));
        all.write(single, 0, centralDirectoryOffset(single));
      }
      byte[] end = zip(List.of());
      all.write(end, 0, end.length);
      return all.toByteArray();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, byte[]> entry : entries) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * An archive of these entries as a plain {@link ZipOutputStream} writes it with the given entry
   * time, at the default level: what a reproducible archive of them should be, byte for byte.
   */
  static byte[] zipLike(Map<String, byte[]> entries, java.time.LocalDateTime time) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      zip.setLevel(java.util.zip.Deflater.DEFAULT_COMPRESSION);
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        ZipEntry zipEntry = new ZipEntry(entry.getKey());
        zipEntry.setTimeLocal(time);
        zip.putNextEntry(zipEntry);
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Where the central directory of an archive without a comment starts. */
  static int centralDirectoryOffset(byte[] zip) {
    return java.nio.ByteBuffer.wrap(zip).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(zip.length - 22 + 16);
  }

  static byte[] zip(Map<String, byte[]> entries) {
    return zip(new ArrayList<>(entries.entrySet()));
  }

  /** Extracts an archive into {@code dir} (the names are checked first) and returns {@code dir}. */
  static Path extract(byte[] zip, Path dir) throws IOException {
    for (Map.Entry<String, byte[]> entry : entries(zip).entrySet()) {
      Path file = dir.resolve(entry.getKey()).normalize();
      if (!file.startsWith(dir) || EntryNames.unsafeReason(entry.getKey()) != null) {
        throw new AssertionError("unsafe entry " + entry.getKey());
      }
      Files.createDirectories(file.getParent());
      Files.write(file, entry.getValue());
    }
    return dir;
  }

  static String sha256(byte[] bytes) {
    return digest("SHA-256", bytes);
  }

  static String sha512(byte[] bytes) {
    return digest("SHA-512", bytes);
  }

  private static String digest(String algorithm, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A manifest's lines as path to hex digest, in order; asserts the {@code <hex>  <path>\n} form. */
  static Map<String, String> manifest(byte[] manifest) {
    String text = text(manifest);
    if (!text.endsWith("\n")) {
      throw new AssertionError("manifest does not end with a line end");
    }
    Map<String, String> lines = new LinkedHashMap<>();
    for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
      int gap = line.indexOf("  ");
      if (gap != 64 && gap != 128 || !line.substring(0, gap).matches("[0-9a-f]+")) {
        throw new AssertionError("not '<hex>  <path>': " + line);
      }
      lines.put(line.substring(gap + 2), line.substring(0, gap));
    }
    return lines;
  }
}
