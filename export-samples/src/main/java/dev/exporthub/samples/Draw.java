package dev.exporthub.samples;

import static dev.exporthub.samples.Vocabulary.LEVELS;
import static dev.exporthub.samples.Vocabulary.LEVEL_WEIGHTS;

import dev.exporthub.api.source.SourceType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The random draws of one record, and what it knows about itself. Every method that draws advances
 * the record's one generator, so the order of the calls is part of the data: reordering two of
 * them changes every value drawn after.
 */
final class Draw {

  final SplittableRandom rng;
  final String tenantId;
  final Instant at;
  final String id;
  private final RecordGenerator generator;
  private final SourceType type;
  private final long index;
  private final int tenant;

  Draw(RecordGenerator generator, SourceType type, long index, SplittableRandom rng, int tenant, Instant at) {
    this.generator = generator;
    this.type = type;
    this.index = index;
    this.rng = rng;
    this.tenant = tenant;
    this.tenantId = generator.tenantId(tenant);
    this.at = at;
    this.id = generator.id(type, index);
  }

  /** {@code value} rounded half-up to {@code decimals} places: the double nearest that decimal. */
  static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }

  boolean chance(double probability) {
    return rng.nextDouble() < probability;
  }

  /** A whole number in {@code [low, high]}. */
  long between(long low, long high) {
    return low + rng.nextLong(high - low + 1);
  }

  String pick(String[] values) {
    return values[rng.nextInt(values.length)];
  }

  int levelIndex() {
    int roll = rng.nextInt(100);
    int level = 0;
    int cumulative = LEVEL_WEIGHTS[0];
    while (roll >= cumulative) {
      level++;
      cumulative += LEVEL_WEIGHTS[level];
    }
    return level;
  }

  String level() {
    return LEVELS[levelIndex()];
  }

  /** A facility of the tenant, or {@code null} (tenant-wide) with probability {@code tenantWide}. */
  String facility(double tenantWide) {
    int facilities = generator.facilities();
    boolean wide = chance(tenantWide);
    int facility = facilities == 0 ? 0 : rng.nextInt(facilities);
    return wide || facilities == 0 ? null : generator.facilityId(tenant, facility);
  }

  /**
   * An operator's home facility, or {@code null} (a tenant-wide roll-up) with probability
   * {@code tenantWide}. Without facilities nothing is drawn.
   */
  String homeFacility(int operator, double tenantWide) {
    int facilities = generator.facilities();
    return facilities == 0 || chance(tenantWide) ? null : generator.facilityId(tenant, operator % facilities);
  }

  String sensorId(String facility, String prefix) {
    return (facility != null ? facility : tenantId) + "-" + prefix + "-" + (10 + rng.nextInt(90));
  }

  String operatorId(int operator) {
    return tenantId + "-op-0" + (operator + 1);
  }

  String operatorName(int operator) {
    return generator.operatorName(tenant, operator);
  }

  /**
   * When the item was closed: {@code at} plus {@code duration}, with probability
   * {@code closedShare} and only when that lies before now; otherwise {@code null} (still open).
   */
  Instant resolution(Duration duration, double closedShare) {
    boolean closes = chance(closedShare);
    Instant closed = at.plus(duration);
    return closes && closed.isBefore(generator.now()) ? closed : null;
  }

  /** A time to close an item with this SLA: mostly within it, about a quarter of the time late. */
  Duration slaBoundDuration(Duration sla) {
    double factor = chance(0.75) ? 0.1 + 0.85 * rng.nextDouble() : 1.05 + 1.5 * rng.nextDouble();
    return Duration.ofSeconds(Math.max(60, Math.round(sla.toSeconds() * factor)));
  }

  /**
   * Adds the id of a record of {@code other} with the same tenant, near this record's relative
   * position in time (a little earlier, as a cause comes before its effect), unless there is
   * none nearby or it is already listed.
   */
  void relate(SourceType other, List<String> related) {
    long m = generator.count(other);
    // Drawn even when other is empty: below the return, it would shift every later draw.
    int back = rng.nextInt(4);
    if (m == 0) {
      return;
    }
    long n = generator.count(type);
    long origin = Math.max(0, Math.min(m - 1, index * m / n) - back);
    int limit = 64 + 16 * generator.tenants();
    for (int k = 0; k < limit && origin - k >= 0; k++) {
      if (generator.tenantIndex(other, origin - k) == tenant) {
        add(generator.id(other, origin - k), related);
        return;
      }
    }
    for (int k = 1; k < limit && origin + k < m; k++) {
      if (generator.tenantIndex(other, origin + k) == tenant) {
        add(generator.id(other, origin + k), related);
        return;
      }
    }
  }

  void relate(double share, SourceType other, List<String> related) {
    if (chance(share)) {
      relate(other, related);
    }
  }

  void relateOneToThree(double share, SourceType other, List<String> related) {
    if (chance(share)) {
      int links = 1 + rng.nextInt(3);
      for (int k = 0; k < links; k++) {
        relate(other, related);
      }
    }
  }

  private void add(String relatedId, List<String> related) {
    if (!related.contains(relatedId) && !relatedId.equals(id)) {
      related.add(relatedId);
    }
  }
}
