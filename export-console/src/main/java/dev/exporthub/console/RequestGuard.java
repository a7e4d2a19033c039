package dev.exporthub.console;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * The checks a request passes before any route sees it: it names this console ({@code Host},
 * {@code Origin}), a browser did not send it from another site, and a body is JSON of bounded
 * size. JSON matters as much as the origin: a cross-site form cannot send it without a CORS
 * preflight, which the console never answers.
 */
final class RequestGuard {

  private final HostGuard hosts;
  private final int maxRequestBytes;

  RequestGuard(HostGuard hosts, int maxRequestBytes) {
    this.hosts = hosts;
    this.maxRequestBytes = maxRequestBytes;
  }

  /** Refuses, with 403, a request addressed to another host, from another origin, or (API) from another site. */
  void admit(HttpExchange exchange, boolean api) {
    Headers headers = exchange.getRequestHeaders();
    if (headers.get("Host") == null || headers.get("Host").size() != 1 || !hosts.hostAllowed(headers.getFirst("Host"))) {
      throw HttpProblem.forbidden("forbidden-host",
          "This console answers only requests addressed to " + hosts.baseUri().getAuthority());
    }
    List<String> origins = headers.get("Origin");
    if (origins != null && (origins.size() != 1 || !hosts.originAllowed(origins.get(0)))) {
      throw HttpProblem.forbidden("forbidden-origin", "Requests from another origin are not accepted");
    }
    if (api) {
      checkFetchSite(headers.getFirst("Sec-Fetch-Site"));
    }
  }

  // A link on another site may open the page (cross-site navigation); only the page itself calls the API.
  private static void checkFetchSite(String site) {
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      throw HttpProblem.forbidden("forbidden-origin", "Requests from another site are not accepted");
    }
  }

  /** The body of a request that must be JSON: 415 for another type, 413 past the limit. */
  byte[] jsonBody(HttpExchange exchange) throws IOException {
    List<String> types = exchange.getRequestHeaders().get("Content-Type");
    String contentType = types == null || types.size() != 1 ? null : types.get(0);
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).strip().matches("application/json(\\s*;.*)?")) {
      throw new HttpProblem(415, "unsupported-media-type", "Send the export request as application/json");
    }
    return boundedBody(exchange);
  }

  // Content-Length is checked first to refuse without reading; a chunked body is counted while read.
  private byte[] boundedBody(HttpExchange exchange) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.strip());
      } catch (NumberFormatException e) {
        throw HttpProblem.badRequest("Content-Length is not a number");
      }
      if (length > maxRequestBytes) {
        throw tooLarge();
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(maxRequestBytes + 1);
      if (body.length > maxRequestBytes) {
        throw tooLarge();
      }
      return body;
    } catch (RequestBody.Timeout e) {
      throw new HttpProblem(408, "request-timeout", "The request body did not arrive in time");
    } catch (RequestBody.Malformed e) {
      throw HttpProblem.badRequest("The request body is malformed: " + e.getMessage());
    }
  }

  private HttpProblem tooLarge() {
    return new HttpProblem(413, "body-too-large", "The request body is larger than " + maxRequestBytes + " bytes");
  }
}
