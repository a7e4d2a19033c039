package dev.exporthub.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.SourceQuery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Laws that hold for every seed and shape. */
class SampleDataProperties {

  private static final Comparator<SourceRecord> BY_TIME_AND_ID =
      Comparator.comparing(SourceRecord::timestamp).thenComparing(SourceRecord::id);

  @Property(tries = 60)
  @Label("same settings, same records and same bytes; the counts sum to the size; order and range hold")
  void determinism(
      @ForAll long seed,
      @ForAll @LongRange(min = 0, max = 600) long size,
      @ForAll @IntRange(min = 1, max = 6) int tenants,
      @ForAll @IntRange(min = 0, max = 4) int facilities,
      @ForAll @IntRange(min = 1, max = 400) int spanDays,
      @ForAll @LongRange(min = 1_600_000_000L, max = 1_900_000_000L) long nowSeconds) throws IOException {
    Instant now = Instant.ofEpochSecond(nowSeconds);
    SampleData first = build(seed, size, tenants, facilities, spanDays, now);
    SampleData second = build(seed, size, tenants, facilities, spanDays, now);
    long total = 0;
    for (SourceType type : SourceType.values()) {
      List<? extends SourceRecord> records = first.records(type).toList();
      assertEquals(records, second.records(type).toList(), type.id());
      assertEquals(first.count(type), records.size(), type.id());
      assertArrayEquals(bytes(first, type), bytes(second, type), type.id());
      if (size >= 10) {
        assertTrue(first.count(type) >= 1, type.id());
      }
      for (int i = 0; i < records.size(); i++) {
        SourceRecord record = records.get(i);
        assertTrue(!record.timestamp().isBefore(first.start()) && record.timestamp().isBefore(now), record.id());
        assertTrue(first.tenantIds().contains(record.tenantId()), record.tenantId());
        if (i > 0) {
          assertTrue(BY_TIME_AND_ID.compare(records.get(i - 1), record) < 0, record.id());
        }
      }
      total += records.size();
    }
    assertEquals(size, total);
  }

  @Property(tries = 30)
  @Label("a different seed gives different data")
  void seedsMatter(@ForAll long seed, @ForAll @LongRange(min = 100, max = 400) long size) {
    SampleData one = SampleData.builder().seed(seed).size(size).build();
    SampleData other = SampleData.builder().seed(seed + 1).size(size).build();
    assertFalse(one.records(SourceType.ALERTS).toList().equals(other.records(SourceType.ALERTS).toList()));
  }

  @Property(tries = 40)
  @Label("a query returns exactly the matching records, in order")
  void queries(
      @ForAll long seed,
      @ForAll @LongRange(min = 0, max = 800) long size,
      @ForAll @IntRange(min = 1, max = 5) int tenants,
      @ForAll @IntRange(min = 0, max = 32 * 24) int fromHours,
      @ForAll @IntRange(min = 0, max = 32 * 24) int lengthHours,
      @ForAll @IntRange(min = 0, max = 31) int tenantMask,
      @ForAll boolean withFacility) {
    SampleData data = SampleData.builder().seed(seed).size(size).tenants(tenants).build();
    Set<String> wanted = new TreeSet<>();
    for (int k = 0; k < tenants; k++) {
      if ((tenantMask & (1 << k)) != 0) {
        wanted.add(data.tenantIds().get(k));
      }
    }
    wanted.add("tenant-elsewhere");
    Instant from = data.now().minusSeconds(3600L * fromHours);
    SourceQuery query = new SourceQuery(wanted, withFacility ? "tenant-1-fac-b" : null,
        TimeRange.of(from, from.plusSeconds(3600L * lengthHours)));
    for (SourceType type : SourceType.values()) {
      List<? extends SourceRecord> expected = data.records(type)
          .filter(r -> query.matches(r.tenantId(), r.facilityId(), r.timestamp()))
          .toList();
      assertEquals(expected, data.records(type, query).toList(), type.id());
    }
  }

  private static SampleData build(long seed, long size, int tenants, int facilities, int spanDays, Instant now) {
    return SampleData.builder().seed(seed).size(size).tenants(tenants).facilitiesPerTenant(facilities)
        .spanDays(spanDays).now(now).build();
  }

  private static byte[] bytes(SampleData data, SourceType type) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    data.writeSource(type, out);
    return out.toByteArray();
  }
}
