package dev.exporthub.console;

import dev.exporthub.core.ExportHub;
import java.io.IOException;

/** {@code GET /api/catalog}: the categories and formats the hub's policy lets this caller export. */
final class CatalogEndpoint implements ApiEndpoint {

  private final ExportHub hub;
  private final ApiJson json;

  CatalogEndpoint(ExportHub hub, ApiJson json) {
    this.hub = hub;
    this.json = json;
  }

  @Override
  public void answer(ApiCall call) throws IOException {
    call.sendJson(200, json.catalog(hub.visibility(call.caller()), hub.formats()));
  }
}
