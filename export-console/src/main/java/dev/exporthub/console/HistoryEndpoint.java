package dev.exporthub.console;

import dev.exporthub.core.ExportHub;
import java.io.IOException;

/** {@code GET /api/history?limit=}: the last exports the caller may see, newest first. */
final class HistoryEndpoint implements ApiEndpoint {

  private final ExportHub hub;
  private final ApiJson json;

  HistoryEndpoint(ExportHub hub, ApiJson json) {
    this.hub = hub;
    this.json = json;
  }

  @Override
  public void answer(ApiCall call) throws IOException {
    int limit = RequestParser.historyLimit(call.exchange().getRequestURI().getRawQuery());
    call.sendJson(200, json.history(hub.log().recentExports(limit, call.visibleEntries())));
  }
}
