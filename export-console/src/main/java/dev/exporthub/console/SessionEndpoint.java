package dev.exporthub.console;

import java.io.IOException;

/**
 * {@code GET /api/session}: who is asking, which scope the resolver gave them and which facilities
 * they may narrow it to, so the page shows them.
 */
final class SessionEndpoint implements ApiEndpoint {

  private final ApiJson json;

  SessionEndpoint(ApiJson json) {
    this.json = json;
  }

  @Override
  public void answer(ApiCall call) throws IOException {
    call.sendJson(200, json.session(call.caller(), call.scope(), call.facilities()));
  }
}
