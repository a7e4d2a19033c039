package dev.exporthub.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link Utf8Writer} writes the bytes of an {@code OutputStreamWriter} (UTF-8) behind a {@code BufferedWriter}. */
class Utf8WriterTest {

  /** Text with every kind of character, unpaired surrogates included. */
  @Provide
  Arbitrary<List<String>> pieces() {
    Arbitrary<Character> chars = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.chars().range(' ', '~')),
        net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('\u0080', '\u07FF')),
        net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('\u0800', '\uFFFF')),
        net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('\uD800', '\uDFFF')));
    Arbitrary<String> piece = Arbitraries.oneOf(chars.list().ofMaxSize(40).map(Utf8WriterTest::text),
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(5000).ofMaxLength(40_000));
    return piece.list().ofMaxSize(12);
  }

  private static String text(List<Character> chars) {
    StringBuilder s = new StringBuilder();
    chars.forEach(s::append);
    return s.toString();
  }

  @Property(tries = 400)
  void sameBytesAsOutputStreamWriter(@ForAll("pieces") List<String> pieces) throws IOException {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    Writer reference = new BufferedWriter(new OutputStreamWriter(expected, StandardCharsets.UTF_8));
    ByteArrayOutputStream actual = new ByteArrayOutputStream();
    Utf8Writer writer = new Utf8Writer(actual);
    int k = 0;
    for (String piece : pieces) {
      switch (k++ % 4) {
        case 0 -> {
          reference.write(piece);
          writer.write(piece);
        }
        case 1 -> {
          reference.write(piece.toCharArray(), 0, piece.length());
          writer.write(piece.toCharArray(), 0, piece.length());
        }
        case 2 -> {
          reference.write(piece);
          writer.write(new StringBuilder(piece));
        }
        default -> {
          for (int i = 0; i < piece.length(); i++) {
            reference.write(piece.charAt(i));
            writer.write(piece.charAt(i));
          }
        }
      }
    }
    reference.flush();
    writer.flush();
    assertArrayEquals(expected.toByteArray(), actual.toByteArray());
  }

  @Test
  @DisplayName("a surrogate pair split across two writes is one code point; lone halves are '?'")
  void splitPairs() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Utf8Writer writer = new Utf8Writer(out);
    writer.write("a\uD83D");
    writer.write("\uDE00b\uDE00c\uD83Dd");
    writer.write('\uD83D');
    writer.write('\uDE01');
    writer.flush();
    assertArrayEquals("a\uD83D\uDE00b?c?d\uD83D\uDE01".getBytes(StandardCharsets.UTF_8),
        out.toByteArray());
  }
}
