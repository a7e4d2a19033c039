package dev.exporthub.testkit;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TimeZone;
import java.util.function.Supplier;

/**
 * A default locale and time zone to run code under, restored afterwards. The ones chosen are the
 * classic traps: Turkish case mapping, German decimal commas, Arabic-Indic digits; a zone at
 * +12:45/+13:45 and one at -03:30/-02:30, both with daylight saving time.
 */
record Environment(Locale locale, TimeZone zone) {

  /** Every combination of {@code tr}, {@code de}, {@code ar} with {@code Pacific/Chatham}, {@code America/St_Johns}. */
  static final List<Environment> HOSTILE = List.of(
      of("tr-TR", "Pacific/Chatham"), of("tr-TR", "America/St_Johns"),
      of("de-DE", "Pacific/Chatham"), of("de-DE", "America/St_Johns"),
      of("ar-EG", "Pacific/Chatham"), of("ar-EG", "America/St_Johns"));

  /** The neutral one: the root locale and UTC. */
  static final Environment ROOT = new Environment(Locale.ROOT, TimeZone.getTimeZone("UTC"));

  Environment {
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(zone, "zone");
  }

  static Environment of(String languageTag, String zoneId) {
    return new Environment(Locale.forLanguageTag(languageTag), TimeZone.getTimeZone(zoneId));
  }

  /**
   * Runs {@code action} with this default locale (every category) and time zone, then restores
   * the previous ones. Not safe while other threads read the defaults: properties that use it
   * must not run in parallel.
   */
  <T> T apply(Supplier<T> action) {
    Locale previousLocale = Locale.getDefault();
    Locale previousDisplay = Locale.getDefault(Locale.Category.DISPLAY);
    Locale previousFormat = Locale.getDefault(Locale.Category.FORMAT);
    TimeZone previousZone = TimeZone.getDefault();
    try {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
      return action.get();
    } finally {
      Locale.setDefault(previousLocale);
      Locale.setDefault(Locale.Category.DISPLAY, previousDisplay);
      Locale.setDefault(Locale.Category.FORMAT, previousFormat);
      TimeZone.setDefault(previousZone);
    }
  }

  @Override
  public String toString() {
    return locale.toLanguageTag() + " " + zone.getID();
  }
}
