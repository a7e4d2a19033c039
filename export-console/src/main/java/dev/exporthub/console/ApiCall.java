package dev.exporthub.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.spi.TenantDirectory;
import dev.exporthub.core.log.LogQuery;
import java.io.IOException;
import java.util.List;

/** One API request and the caller the host's resolver found for it: what every endpoint starts from. */
final class ApiCall {

  private final HttpExchange exchange;
  private final ConsoleRequest request;
  private final Caller caller;
  private final CallerResolver resolver;
  private final TenantDirectory directory;
  private final ApiJson json;

  private ApiCall(HttpExchange exchange, ConsoleRequest request, Caller caller, CallerResolver resolver,
      TenantDirectory directory, ApiJson json) {
    this.exchange = exchange;
    this.request = request;
    this.caller = caller;
    this.resolver = resolver;
    this.directory = directory;
    this.json = json;
  }

  /** The call, or 401 when the resolver knows no caller: then nothing else of the request is looked at. */
  static ApiCall resolve(HttpExchange exchange, CallerResolver resolver, TenantDirectory directory, ApiJson json) {
    ConsoleRequest request = RequestParser.consoleRequest(exchange);
    Caller caller = resolver.resolve(request);
    if (caller == null) {
      throw new HttpProblem(401, "unauthenticated", "Sign in to use the export console");
    }
    return new ApiCall(exchange, request, caller, resolver, directory, json);
  }

  HttpExchange exchange() {
    return exchange;
  }

  String path() {
    return request.path();
  }

  Caller caller() {
    return caller;
  }

  /** The scope the resolver gives this caller; a resolver answering {@code null} means the caller's whole tenant. */
  ExportScope scope() {
    ExportScope scope = resolver.scope(request, caller);
    return scope == null ? ExportScope.unscoped() : scope;
  }

  /**
   * The facilities the page offers this caller: the one its scope pins, else those the resolver
   * offers ({@link CallerResolver#facilities}).
   */
  List<String> facilities() {
    ExportScope scope = scope();
    if (scope.facilityId() != null) {
      return List.of(scope.facilityId());
    }
    List<String> offered = resolver.facilities(request, caller);
    return offered == null ? List.of() : offered;
  }

  /**
   * The scope of an export narrowed to {@code facility}, one the page offers, or the caller's scope
   * when {@code facility} is {@code null}; a facility the page does not offer is a {@code 403}.
   */
  ExportScope scope(String facility) {
    ExportScope scope = scope();
    if (facility == null || facility.equals(scope.facilityId())) {
      return scope;
    }
    List<String> offered = facilities();
    if (scope.facilityId() != null || !offered.contains(facility)) {
      throw HttpProblem.forbidden("facility-denied", "Facility export access denied: '"
          + RequestParser.truncate(facility) + "' is not "
          + (offered.isEmpty() ? "offered to you; export all facilities" : offered.size() == 1
              ? "'" + offered.get(0) + "'" : "one of " + String.join(", ", offered)));
    }
    return new ExportScope(scope.tenantId(), facility, scope.federationId());
  }

  /** The log entries this caller may see: its tenant's, and its federation's as far as the directory knows it. */
  LogQuery visibleEntries() {
    return LogQuery.all().visibleTo(caller, directory);
  }

  void sendJson(int status, ObjectNode body) throws IOException {
    json.body(body).send(exchange, status);
  }
}
