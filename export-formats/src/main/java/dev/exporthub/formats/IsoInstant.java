package dev.exporthub.formats;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 UTC text of instants, character for character what {@link DateTimeFormatter#ISO_INSTANT}
 * writes ({@code 2026-01-31T12:00:00Z}, the fraction in groups of three digits only when not zero),
 * without its allocations: every item carries several instants, and the formatter builds a
 * {@code LocalDateTime}, its text and a {@code StringBuilder} for each. Years outside 0000 to 9999
 * (which ISO_INSTANT writes with a sign or more digits) go to the formatter itself.
 */
final class IsoInstant {

  /** The most characters {@link #write} writes: {@code 9999-12-31T23:59:59.999999999Z}. */
  static final int MAX_LENGTH = 30;

  /** 0000-01-01T00:00:00Z. */
  private static final long FIRST_FAST_SECOND = -62_167_219_200L;

  /** 9999-12-31T23:59:59Z. */
  private static final long LAST_FAST_SECOND = 253_402_300_799L;

  private static final int SECONDS_PER_DAY = 86_400;

  private IsoInstant() {
  }

  static String format(Instant instant) {
    char[] text = new char[MAX_LENGTH];
    int length = write(instant, text, 0);
    return length < 0 ? DateTimeFormatter.ISO_INSTANT.format(instant) : new String(text, 0, length);
  }

  /**
   * Writes the text of {@code instant} into {@code into} from {@code at}, which must have room for
   * {@link #MAX_LENGTH} characters.
   *
   * @return the index after the last character written, or {@code -1} (nothing written) for a year
   *         outside 0000 to 9999, which {@link #format} handles
   */
  static int write(Instant instant, char[] into, int at) {
    long seconds = instant.getEpochSecond();
    if (seconds < FIRST_FAST_SECOND || seconds > LAST_FAST_SECOND) {
      return -1;
    }
    long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
    int secondOfDay = Math.floorMod(seconds, SECONDS_PER_DAY);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm, eras of 400 years from 0000-03-01).
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    int dayOfEra = (int) (z - era * 146_097);
    int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    int shiftedMonth = (5 * dayOfYear + 2) / 153;
    int day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
    int month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
    int year = (int) (yearOfEra + era * 400) + (month <= 2 ? 1 : 0);

    int i = at;
    i = digits(year, 4, into, i);
    into[i++] = '-';
    i = digits(month, 2, into, i);
    into[i++] = '-';
    i = digits(day, 2, into, i);
    into[i++] = 'T';
    i = digits(secondOfDay / 3600, 2, into, i);
    into[i++] = ':';
    i = digits(secondOfDay / 60 % 60, 2, into, i);
    into[i++] = ':';
    i = digits(secondOfDay % 60, 2, into, i);
    int nano = instant.getNano();
    if (nano > 0) {
      into[i++] = '.';
      if (nano % 1_000_000 == 0) {
        i = digits(nano / 1_000_000, 3, into, i);
      } else if (nano % 1000 == 0) {
        i = digits(nano / 1000, 6, into, i);
      } else {
        i = digits(nano, 9, into, i);
      }
    }
    into[i++] = 'Z';
    return i;
  }

  /** Writes {@code value} (not negative) as exactly {@code width} digits, zero-padded; two digits a step. */
  private static int digits(int value, int width, char[] into, int at) {
    int v = value;
    int i = at + width;
    while (i - at >= 2) {
      int pair = v % 100;
      v /= 100;
      into[--i] = ONES[pair];
      into[--i] = TENS[pair];
    }
    if (i > at) {
      into[--i] = (char) ('0' + v % 10);
    }
    return at + width;
  }

  private static final char[] TENS = new char[100];
  private static final char[] ONES = new char[100];

  static {
    for (int i = 0; i < 100; i++) {
      TENS[i] = (char) ('0' + i / 10);
      ONES[i] = (char) ('0' + i % 10);
    }
  }
}
