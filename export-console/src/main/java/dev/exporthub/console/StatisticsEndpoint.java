package dev.exporthub.console;

import dev.exporthub.core.ExportHub;
import java.io.IOException;
import java.time.Clock;

/** {@code GET /api/statistics}: the statistics cards, over the log entries the caller may see. */
final class StatisticsEndpoint implements ApiEndpoint {

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
    call.sendJson(200, json.statistics(hub.log().statistics(call.visibleEntries(), clock.instant())));
  }
}
