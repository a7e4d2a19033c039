package dev.exporthub.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A pipelined {@link ZipArchive} writes the bytes of one deflated on the calling thread. */
class ZipArchivePipelineTest {

  private static final Instant TIME = Instant.parse("2026-01-31T12:00:00Z");
  private static final String ALPHABET = "abcdefgh ,\n\"{}0123";

  private static byte[] archive(long seed, boolean pipelined, boolean sha512, List<ZipArchive.Entry> entries)
      throws IOException {
    Random random = new Random(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipArchive zip = new ZipArchive(out, TIME, sha512, pipelined)) {
      int count = 1 + random.nextInt(5);
      for (int i = 0; i < count; i++) {
        int size = random.nextInt(4) == 0 ? random.nextInt(700_000) : random.nextInt(3000);
        long contentSeed = random.nextLong();
        entries.add(zip.entry("dir/entry-" + i + ".txt", body -> {
          Random content = new Random(contentSeed);
          int written = 0;
          while (written < size) {
            int n = Math.min(size - written, 1 + content.nextInt(40_000));
            byte[] chunk = new byte[n];
            for (int k = 0; k < n; k++) {
              chunk[k] = (byte) ALPHABET.charAt(content.nextInt(ALPHABET.length()));
            }
            if (n == 1) {
              body.write(chunk[0]);
            } else {
              body.write(chunk);
            }
            written += n;
          }
        }));
        if (random.nextBoolean()) {
          zip.text("text-" + i + ".md", "# title " + i + "\n");
        }
      }
      zip.finish();
    }
    return out.toByteArray();
  }

  @Property(tries = 40)
  void sameBytesEitherWay(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) throws IOException {
    boolean sha512 = seed % 2 == 0;
    List<ZipArchive.Entry> sequential = new java.util.ArrayList<>();
    List<ZipArchive.Entry> pipelined = new java.util.ArrayList<>();
    byte[] expected = archive(seed, false, sha512, sequential);
    byte[] actual = archive(seed, true, sha512, pipelined);
    assertArrayEquals(expected, actual);
    assertEquals(sequential, pipelined);
  }

  @Test
  @DisplayName("a body that fails stops the helper and leaves no central directory")
  void failureStopsTheHelper() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread[] helper = new Thread[1];
    IllegalStateException error = assertThrows(IllegalStateException.class, () -> {
      try (ZipArchive zip = new ZipArchive(out, TIME, false, true)) {
        helper[0] = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("exporthub-zip-deflate") && t.isAlive()).findFirst().orElseThrow();
        zip.entry("a.txt", body -> body.write(new byte[300_000]));
        zip.entry("b.txt", body -> {
          body.write(new byte[200_000]);
          throw new IllegalStateException("bad data");
        });
        zip.finish();
      }
    });
    assertEquals("bad data", error.getMessage());
    helper[0].join(5_000);
    assertFalse(helper[0].isAlive(), "the helper thread ended");
    String bytes = out.toString(StandardCharsets.ISO_8859_1);
    assertFalse(bytes.contains("PK\u0005\u0006"), "no end of central directory");
  }

  @Test
  @DisplayName("a helper stopped before the end fails finish() instead of leaving an archive without its central directory")
  void helperStoppedEarly() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipArchive zip = new ZipArchive(out, TIME, false, true)) {
      Thread helper = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().equals("exporthub-zip-deflate") && t.isAlive()).findFirst().orElseThrow();
      zip.entry("a.txt", body -> body.write(new byte[300_000]));
      helper.interrupt();
      helper.join(5_000);
      assertFalse(helper.isAlive());
      IOException error = assertThrows(IOException.class, zip::finish);
      assertTrue(error.getMessage().contains("before the archive was complete"), error.getMessage());
    }
    assertFalse(out.toString(StandardCharsets.ISO_8859_1).contains("PK\u0005\u0006"), "no end of central directory");
  }

  @Test
  @DisplayName("times outside the instants a LocalDateTime holds are clamped like any other, and a pipelined archive still opens")
  void extremeTimes() throws IOException {
    assertEquals(ZipArchive.LATEST, ZipArchive.entryTime(Instant.MAX));
    assertEquals(ZipArchive.EARLIEST, ZipArchive.entryTime(Instant.MIN));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipArchive zip = new ZipArchive(out, Instant.MAX, false, true)) {
      zip.text("a.txt", "a");
      zip.finish();
    }
    assertTrue(out.toString(StandardCharsets.ISO_8859_1).contains("PK\u0005\u0006"), "a complete archive");
  }

  @Test
  @DisplayName("a failing target stream fails the archive with its IOException")
  void targetFailure() {
    OutputStream broken = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("disk full");
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException("disk full");
      }
    };
    IOException error = assertThrows(IOException.class, () -> {
      try (ZipArchive zip = new ZipArchive(broken, TIME, false, true)) {
        Random random = new Random(1);
        zip.entry("a.bin", body -> {
          byte[] noise = new byte[3_000_000];
          random.nextBytes(noise);
          body.write(noise);
        });
        zip.finish();
      }
    });
    assertTrue(error.getMessage().contains("disk full"), error.getMessage());
  }
}
