package dev.exporthub.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.exporthub.api.spi.TenantDirectory;
import dev.exporthub.core.ExportHub;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request of the console passes here: security headers, the {@link RequestGuard}'s checks,
 * then the {@link Routes route}; whatever goes wrong on the way is answered here as a JSON error.
 */
final class ConsoleHandler implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleHandler.class);

  private final RequestGuard guard;
  private final ApiJson json;
  private final Routes routes;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean closing;

  ConsoleHandler(ExportHub hub, CallerResolver resolver, HostGuard hosts, TenantDirectory directory, Clock clock,
      int maxRequestBytes, DownloadCache downloads) {
    ObjectMapper mapper = RequestParser.strictMapper();
    this.guard = new RequestGuard(hosts, maxRequestBytes);
    this.json = new ApiJson(mapper);
    this.routes = new Routes(hub, resolver, directory, clock, downloads, guard, new RequestParser(mapper), json);
  }

  /** Refuses new requests with 503 and waits up to {@code millis} for those in progress to finish. */
  void drain(long millis) {
    closing = true;
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    inFlight.incrementAndGet();
    try {
      Headers headers = exchange.getResponseHeaders();
      SecurityHeaders.PAGE.applyTo(headers);
      if (closing) {
        throw new HttpProblem(503, "unavailable", "The console is shutting down");
      }
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      boolean api = Routes.isApi(path);
      guard.admit(exchange, api);
      if (api) {
        headers.set("Cache-Control", "no-store");
      }
      routes.answer(exchange, method, path);
    } catch (HttpProblem problem) {
      send(exchange, problem);
    } catch (RuntimeException e) {
      LOG.warn("export console: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
      send(exchange, new HttpProblem(500, "internal-error", "The console failed to answer; see the host's log"));
    } finally {
      exchange.close();
      inFlight.decrementAndGet();
    }
  }

  private void send(HttpExchange exchange, HttpProblem problem) {
    if (exchange.getResponseCode() != -1) {
      return; // headers already went out; closing the exchange is all that is left
    }
    try {
      Headers headers = exchange.getResponseHeaders();
      // A route may have set these before it failed; an error response must not carry them.
      headers.remove("Content-Disposition");
      headers.remove("Location");
      SecurityHeaders.PAGE.applyTo(headers);
      headers.set("Cache-Control", "no-store");
      if (problem.allow() != null) {
        headers.set("Allow", problem.allow());
      }
      json.body(json.error(problem)).send(exchange, problem.status());
    } catch (IOException e) {
      LOG.debug("export console: could not send {} {}", problem.status(), problem.code(), e);
    }
  }
}
