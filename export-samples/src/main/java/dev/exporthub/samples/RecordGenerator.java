package dev.exporthub.samples;

import static dev.exporthub.samples.Vocabulary.FIRST_NAMES;
import static dev.exporthub.samples.Vocabulary.LAST_NAMES;

import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates record {@code i} of a source as a pure function of the settings, the source and
 * {@code i}: no state is shared between records, so any record can be produced on its own, in any
 * order, any number of times.
 *
 * <p>Each record has its own seed ({@link Mix#derive} of the source's seed and the index). The
 * tenant comes from a hash of that seed, so a related record of the same tenant in another source
 * can be found by hashing a few candidate indices, without generating them. The timestamp is the
 * start of the record's step of the span plus a jitter inside the step, so timestamps never
 * decrease with the index and ids (zero-padded indices) break ties: records come in (timestamp, id)
 * order.
 */
final class RecordGenerator {

  static final int OPERATORS_PER_TENANT = 8;

  private static final String[] ID_PREFIXES = {"AF", "DR", "AL", "TK", "OM", "SG", "CP", "SC", "IN", "RP"};
  private static final long TENANT_SALT = 0x5EED_7E4A_4E75_0001L;
  private static final long OPERATOR_SALT = 0x0BE2_A702_5EED_0002L;

  private final Instant start;
  private final Instant now;
  private final long spanSeconds;
  private final int facilities;
  private final List<String> tenantIds;
  private final long[] counts;
  private final long[] sourceSeeds;
  private final int[] idWidths;
  /** Cumulative tenant weights: tenant k (0-based) has weight 2N - k, so tenant-1 is the largest. */
  private final int[] tenantCumulative;
  private final String[] operatorNames;

  RecordGenerator(long seed, Instant now, int spanDays, int facilities, List<String> tenantIds, long[] counts) {
    this.now = now;
    this.spanSeconds = Duration.ofDays(spanDays).toSeconds();
    this.start = now.minusSeconds(spanSeconds);
    this.facilities = facilities;
    this.tenantIds = tenantIds;
    this.counts = counts.clone();
    SourceType[] types = SourceType.values();
    this.sourceSeeds = new long[types.length];
    this.idWidths = new int[types.length];
    for (SourceType type : types) {
      sourceSeeds[type.ordinal()] = Mix.derive(seed, type.ordinal());
      idWidths[type.ordinal()] = Math.max(6, Long.toString(counts[type.ordinal()]).length());
    }
    int n = tenantIds.size();
    this.tenantCumulative = new int[n];
    int total = 0;
    for (int k = 0; k < n; k++) {
      total += 2 * n - k;
      tenantCumulative[k] = total;
    }
    this.operatorNames = new String[n * OPERATORS_PER_TENANT];
    for (int k = 0; k < operatorNames.length; k++) {
      long h = Mix.derive(seed ^ OPERATOR_SALT, k);
      operatorNames[k] = FIRST_NAMES[Mix.below(h, FIRST_NAMES.length)] + " "
          + LAST_NAMES[Mix.below(h >>> 24, LAST_NAMES.length)];
    }
  }

  long count(SourceType type) {
    return counts[type.ordinal()];
  }

  Instant now() {
    return now;
  }

  int tenants() {
    return tenantIds.size();
  }

  String tenantId(int tenant) {
    return tenantIds.get(tenant);
  }

  int facilities() {
    return facilities;
  }

  String facilityId(int tenant, int facility) {
    return tenantIds.get(tenant) + "-fac-" + (char) ('a' + facility);
  }

  String operatorName(int tenant, int operator) {
    return operatorNames[tenant * OPERATORS_PER_TENANT + operator];
  }

  /** The id of record {@code index}: prefix and the 1-based index, zero-padded to one width per source. */
  String id(SourceType type, long index) {
    String digits = Long.toString(index + 1);
    int width = idWidths[type.ordinal()];
    StringBuilder id = new StringBuilder(3 + width).append(ID_PREFIXES[type.ordinal()]).append('-');
    for (int pad = digits.length(); pad < width; pad++) {
      id.append('0');
    }
    return id.append(digits).toString();
  }

  /** The tenant index (0-based) of record {@code index}, without generating the record. */
  int tenantIndex(SourceType type, long index) {
    return tenantIndexOf(recordSeed(type, index));
  }

  /** The timestamp of record {@code index}, without generating the rest of the record. */
  Instant timestamp(SourceType type, long index) {
    return start.plusSeconds(offsetSeconds(type, index, new SplittableRandom(recordSeed(type, index))));
  }

  /** The first index whose timestamp is at or after {@code instant}; {@code count} when none. */
  long firstIndexAtOrAfter(SourceType type, Instant instant) {
    long lo = 0;
    long hi = count(type);
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (timestamp(type, mid).isBefore(instant)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  SourceRecord generate(SourceType type, long index) {
    long recordSeed = recordSeed(type, index);
    SplittableRandom rng = new SplittableRandom(recordSeed);
    Instant at = start.plusSeconds(offsetSeconds(type, index, rng));
    Draw d = new Draw(this, type, index, rng, tenantIndexOf(recordSeed), at);
    return switch (type) {
      case AUDIT_FINDINGS -> IncidentRecords.auditFinding(d);
      case DRIFT_EVENTS -> IncidentRecords.driftEvent(d);
      case ALERTS -> IncidentRecords.alert(d);
      case TASKS -> IncidentRecords.task(d);
      case OPERATOR_METRICS -> MeasurementRecords.operatorMetric(d);
      case REAL_TIME_SIGNALS -> MeasurementRecords.realTimeSignal(d);
      case CAPACITY_PROJECTIONS -> MeasurementRecords.capacityProjection(d);
      case SCHEDULES -> MeasurementRecords.schedule(d);
      case INSIGHTS -> SummaryRecords.insight(d);
      case REPORTS -> SummaryRecords.report(d);
    };
  }

  private long recordSeed(SourceType type, long index) {
    return Mix.derive(sourceSeeds[type.ordinal()], index);
  }

  private int tenantIndexOf(long recordSeed) {
    int pick = Mix.below(Mix.mix64(recordSeed ^ TENANT_SALT), tenantCumulative[tenantCumulative.length - 1]);
    int lo = 0;
    int hi = tenantCumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (pick < tenantCumulative[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /**
   * Record i of n owns the step [i*S/n, (i+1)*S/n) of the span S (in seconds) and lies at a
   * random second inside it. The first draw of the record's generator, so the timestamp can be
   * computed alone.
   */
  private long offsetSeconds(SourceType type, long index, SplittableRandom rng) {
    long n = counts[type.ordinal()];
    long from = index * spanSeconds / n;
    long step = (index + 1) * spanSeconds / n - from;
    return from + (step > 0 ? rng.nextLong(step) : 0);
  }
}

