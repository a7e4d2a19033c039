package dev.exporthub.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exporthub.api.SectionKind;
import dev.exporthub.api.source.OperatorMetric;
import dev.exporthub.api.source.Schedule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Averages of finite values stay finite, even when their sum would overflow a double. */
class SectionSummaryOverflowTest {

  private static final Instant T = Instant.parse("2026-01-10T00:00:00Z");
  private static final String MAX = new BigDecimal(Double.MAX_VALUE).setScale(2, RoundingMode.HALF_UP).toPlainString();

  @Test
  @DisplayName("operator averages near Double.MAX_VALUE are their true mean, not an error")
  void operatorMetrics() {
    SectionSummary summary = SectionSummary.of(SectionKind.OPERATOR_ANALYTICS);
    for (int i = 0; i < 3; i++) {
      summary.accept(new OperatorMetric("OM-" + i, "op-1", "Ana", Double.MAX_VALUE, 0.5, Double.MAX_VALUE, T,
          "t-1", null, null, null));
    }
    assertEquals("3 operator metrics for 1 operator: average utilization " + MAX
        + ", average task completion 0.50, average SLA compliance " + MAX + ".", summary.sentence());
  }

  @Test
  @DisplayName("schedule utilization near Double.MAX_VALUE averages without overflow")
  void schedules() {
    SectionSummary summary = SectionSummary.of(SectionKind.SCHEDULES);
    for (int i = 0; i < 2; i++) {
      summary.accept(new Schedule("SC-" + i, 1, 0, 0, Double.MAX_VALUE, 0.25, T, "t-1", null, null, null));
    }
    assertEquals("2 schedules: 2 slots, 0 conflicts (0 critical); average capacity utilization " + MAX
        + "; highest SLA risk score 0.25.", summary.sentence());
  }

  @Test
  @DisplayName("ordinary values average exactly as sum divided by count")
  void ordinary() {
    SectionSummary.Average average = new SectionSummary.Average();
    average.add(0.1);
    average.add(0.2);
    average.add(0.6);
    assertEquals((0.1 + 0.2 + 0.6) / 3, average.value());
  }
}
