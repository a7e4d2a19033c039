package dev.exporthub.console;

import dev.exporthub.core.ExportHub;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * {@code GET /api/statistics}: the statistics cards and the exports of each of the last 14 days
 * (UTC), over the log entries the caller may see, with the console's time, from which the page
 * computes its time-range presets.
 */
final class StatisticsEndpoint implements ApiEndpoint {

  /** How many days the page's chart shows. */
  static final int DAYS = 14;

  private final ExportHub hub;
  private final Clock clock;
  private final ApiJson json;

  StatisticsEndpoint(ExportHub hub, Clock clock, ApiJson json) {
    this.hub = hub;
    this.clock = clock;
    this.json = json;
  }

  @Override
  public void answer(ApiCall call) throws IOException {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    call.sendJson(200, json.statistics(hub.log().statistics(call.visibleEntries(), now), now,
        hub.log().exportsPerDay(call.visibleEntries(), today.minusDays(DAYS - 1), today)));
  }
}
