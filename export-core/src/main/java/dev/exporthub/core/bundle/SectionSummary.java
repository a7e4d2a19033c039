package dev.exporthub.core.bundle;

import dev.exporthub.api.SectionKind;
import dev.exporthub.api.source.Alert;
import dev.exporthub.api.source.AuditFinding;
import dev.exporthub.api.source.CapacityProjection;
import dev.exporthub.api.source.DriftEvent;
import dev.exporthub.api.source.Insight;
import dev.exporthub.api.source.OperatorMetric;
import dev.exporthub.api.source.RealTimeSignal;
import dev.exporthub.api.source.Report;
import dev.exporthub.api.source.Schedule;
import dev.exporthub.api.source.Task;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accumulates one section's records, in section order, into a fixed sentence of counts and
 * metrics. Numbers are written without the default locale: integers as digits, decimals rounded
 * half-up with {@link BigDecimal}.
 */
abstract class SectionSummary {

  /** Severity-like levels, most serious first; other values follow alphabetically. */
  private static final List<String> LEVELS = List.of("critical", "high", "medium", "low", "info");

  long count;

  /** Adds one record of the section (or, for SLA, one SLA status). */
  abstract void accept(Object item);

  /** The sentence, after every item was accepted. */
  abstract String sentence();

  static SectionSummary of(SectionKind kind) {
    return switch (kind) {
      case AUDIT_FINDINGS -> new SectionSummary() {
        final Tally severity = new Tally();
        final Tally status = new Tally();

        @Override
        void accept(Object item) {
          AuditFinding f = (AuditFinding) item;
          count++;
          severity.add(f.severity());
          status.add(f.status());
        }

        @Override
        String sentence() {
          return count == 0 ? "No audit findings in scope."
              : plural(count, "audit finding") + ": " + severity.levels() + "; " + status.alphabetical() + ".";
        }
      };
      case DRIFT_LOGS -> new SectionSummary() {
        final Tally severity = new Tally();
        long unresolved;

        @Override
        void accept(Object item) {
          DriftEvent d = (DriftEvent) item;
          count++;
          severity.add(d.severity());
          if (d.resolvedAt() == null) {
            unresolved++;
          }
        }

        @Override
        String sentence() {
          return count == 0 ? "No drift events in scope."
              : plural(count, "drift event") + ": " + severity.levels() + "; " + unresolved + " unresolved.";
        }
      };
      case SLA_COMPLIANCE -> new SectionSummary() {
        long met;
        long breached;
        long pending;

        @Override
        void accept(Object item) {
          count++;
          switch ((SlaStatus) item) {
            case MET -> met++;
            case BREACHED -> breached++;
            case PENDING -> pending++;
          }
        }

        @Override
        String sentence() {
          if (count == 0) {
            return "No alerts or tasks with an SLA deadline in scope.";
          }
          String rate = met + breached == 0 ? "n/a"
              : BigDecimal.valueOf(met * 100).divide(BigDecimal.valueOf(met + breached), 1, RoundingMode.HALF_UP)
                  .toPlainString() + "%";
          return plural(count, "SLA record") + ": " + met + " met, " + breached + " breached, " + pending
              + " pending; compliance rate " + rate + ".";
        }
      };
      case ALERT_LOGS -> new SectionSummary() {
        final Tally severity = new Tally();
        final Tally status = new Tally();

        @Override
        void accept(Object item) {
          Alert a = (Alert) item;
          count++;
          severity.add(a.severity());
          status.add(a.status());
        }

        @Override
        String sentence() {
          return count == 0 ? "No alerts in scope."
              : plural(count, "alert") + ": " + severity.levels() + "; " + status.alphabetical() + ".";
        }
      };
      case TASK_LOGS -> new SectionSummary() {
        final Tally priority = new Tally();
        final Tally status = new Tally();

        @Override
        void accept(Object item) {
          Task t = (Task) item;
          count++;
          priority.add(t.priority());
          status.add(t.status());
        }

        @Override
        String sentence() {
          return count == 0 ? "No tasks in scope."
              : plural(count, "task") + ": " + priority.levels() + " priority; " + status.alphabetical() + ".";
        }
      };
      case OPERATOR_ANALYTICS -> new SectionSummary() {
        final Set<String> operators = new HashSet<>();
        final Average utilization = new Average();
        final Average completion = new Average();
        final Average compliance = new Average();

        @Override
        void accept(Object item) {
          OperatorMetric m = (OperatorMetric) item;
          count++;
          operators.add(m.operatorId());
          utilization.add(m.utilizationRate());
          completion.add(m.taskCompletionRate());
          compliance.add(m.slaComplianceRate());
        }

        @Override
        String sentence() {
          return count == 0 ? "No operator metrics in scope."
              : plural(count, "operator metric") + " for " + plural(operators.size(), "operator")
                  + ": average utilization " + decimal(utilization.value())
                  + ", average task completion " + decimal(completion.value())
                  + ", average SLA compliance " + decimal(compliance.value()) + ".";
        }
      };
      case REAL_TIME_METRICS -> new SectionSummary() {
        final Tally severity = new Tally();
        final Set<String> metrics = new HashSet<>();

        @Override
        void accept(Object item) {
          RealTimeSignal s = (RealTimeSignal) item;
          count++;
          severity.add(s.severity());
          metrics.add(s.metric());
        }

        @Override
        String sentence() {
          return count == 0 ? "No real-time signals in scope."
              : plural(count, "signal") + " across " + plural(metrics.size(), "metric") + ": "
                  + severity.levels() + ".";
        }
      };
      case CAPACITY_FORECASTS -> new SectionSummary() {
        final Tally risk = new Tally();

        @Override
        void accept(Object item) {
          count++;
          risk.add(((CapacityProjection) item).riskLevel());
        }

        @Override
        String sentence() {
          return count == 0 ? "No capacity projections in scope."
              : plural(count, "capacity projection") + ": highest risk level " + risk.highestLevel() + "; "
                  + risk.levels() + ".";
        }
      };
      case SCHEDULES -> new SectionSummary() {
        long slots;
        long conflicts;
        long critical;
        final Average utilization = new Average();
        double maxRisk = Double.NEGATIVE_INFINITY;

        @Override
        void accept(Object item) {
          Schedule s = (Schedule) item;
          count++;
          slots += s.totalSlots();
          conflicts += s.totalConflicts();
          critical += s.criticalConflicts();
          utilization.add(s.averageCapacityUtilization());
          maxRisk = Math.max(maxRisk, s.slaRiskScore());
        }

        @Override
        String sentence() {
          return count == 0 ? "No schedules in scope."
              : plural(count, "schedule") + ": " + plural(slots, "slot") + ", " + plural(conflicts, "conflict")
                  + " (" + critical + " critical); average capacity utilization " + decimal(utilization.value())
                  + "; highest SLA risk score " + decimal(maxRisk) + ".";
        }
      };
      case INSIGHTS -> new SectionSummary() {
        final Tally severity = new Tally();

        @Override
        void accept(Object item) {
          count++;
          severity.add(((Insight) item).severity());
        }

        @Override
        String sentence() {
          return count == 0 ? "No executive insights in scope."
              : plural(count, "insight") + ": " + severity.levels() + ".";
        }
      };
      case REPORTS -> new SectionSummary() {
        final Tally category = new Tally();
        long sections;

        @Override
        void accept(Object item) {
          Report r = (Report) item;
          count++;
          category.add(r.category());
          sections += r.sectionsCount();
        }

        @Override
        String sentence() {
          return count == 0 ? "No enterprise reports in scope."
              : plural(count, "report") + ": " + category.alphabetical() + "; " + plural(sections, "section")
                  + " in total.";
        }
      };
    };
  }

  /** {@code 1 task}, {@code 2 tasks}. */
  static String plural(long n, String noun) {
    return n + " " + (n == 1 ? noun : noun + "s");
  }

  /** Two decimals, rounded half-up from the double's exact decimal value. */
  static String decimal(double value) {
    return new BigDecimal(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  /**
   * The mean of finite values, in the order given. The plain sum divided by the count, unless the
   * sum overflows (values near {@link Double#MAX_VALUE}); then a running mean that cannot.
   */
  static final class Average {
    private double sum;
    private double mean;
    private long count;

    void add(double value) {
      count++;
      sum += value;
      mean += value / count - mean / count;
    }

    double value() {
      return Double.isFinite(sum) ? sum / count : mean;
    }
  }

  /** Counts of text values. */
  static final class Tally {
    private final Map<String, Long> counts = new HashMap<>();

    void add(String value) {
      counts.merge(value, 1L, Long::sum);
    }

    /** Ordered most serious first (critical, high, medium, low, info), then others alphabetically. */
    String levels() {
      List<String> keys = new ArrayList<>(counts.keySet());
      keys.sort((a, b) -> {
        int ra = rank(a);
        int rb = rank(b);
        return ra != rb ? Integer.compare(ra, rb) : a.compareTo(b);
      });
      return join(keys);
    }

    String alphabetical() {
      List<String> keys = new ArrayList<>(counts.keySet());
      keys.sort(null);
      return join(keys);
    }

    String highestLevel() {
      return counts.keySet().stream()
          .min((a, b) -> rank(a) != rank(b) ? Integer.compare(rank(a), rank(b)) : a.compareTo(b))
          .orElse("none");
    }

    private String join(List<String> keys) {
      StringBuilder s = new StringBuilder();
      for (String key : keys) {
        if (s.length() > 0) {
          s.append(", ");
        }
        s.append(counts.get(key)).append(' ').append(key);
      }
      return s.toString();
    }

    private static int rank(String level) {
      int i = LEVELS.indexOf(level);
      return i < 0 ? LEVELS.size() : i;
    }
  }
}
