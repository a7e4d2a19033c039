package dev.exporthub.console;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.UncheckedRequest;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the parts of a request into values: the {@link ConsoleRequest} a resolver reads, the
 * history's {@code limit}, and an export request's JSON body. Everything invalid is a 400 whose
 * message names the field, since the page shows it to the user as it is.
 */
final class RequestParser {

  private static final Set<String> EXPORT_FIELDS = Set.of("category", "format", "facility", "from", "to");
  private static final int DEFAULT_LIMIT = 10;
  private static final int MAX_LIMIT = 100;
  private static final int MAX_FIELD_LENGTH = 200;

  private final ObjectMapper mapper;

  RequestParser(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** A mapper that refuses duplicate keys and trailing tokens, which a lenient one would silently pick from. */
  static ObjectMapper strictMapper() {
    return JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
        .build();
  }

  static ConsoleRequest consoleRequest(HttpExchange exchange) {
    return new ConsoleRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
        exchange.getRequestURI().getPath(), exchange.getRequestHeaders(), exchange.getRemoteAddress());
  }

  /** The {@code limit} of a raw query string, 1 to 100; 10 when absent. */
  static int historyLimit(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.startsWith("limit=")) {
        String value = pair.substring("limit=".length());
        if (!value.matches("[0-9]{1,3}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_LIMIT) {
          throw HttpProblem.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        return Integer.parseInt(value);
      }
    }
    return DEFAULT_LIMIT;
  }

  /**
   * The export request of a JSON body: {@code category} and {@code format}, optionally
   * {@code facility} (one the page offers the caller) and {@code from} and {@code to}.
   */
  UncheckedRequest exportRequest(byte[] body, ApiCall call) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw HttpProblem.badRequest("The body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw HttpProblem.badRequest("The body could not be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw HttpProblem.badRequest("The body must be a JSON object such as {\"category\":\"audit-findings\",\"format\":\"json\"}");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!EXPORT_FIELDS.contains(name)) {
        throw HttpProblem.badRequest("Unknown field '" + truncate(name)
            + "': an export request has category, format and optionally facility, from and to");
      }
    }
    String categoryId = text(root, "category", true);
    String formatId = text(root, "format", true);
    ExportScope scope = call.scope(text(root, "facility", false));
    String from = text(root, "from", false);
    String to = text(root, "to", false);
    if ((from == null) != (to == null)) {
      throw HttpProblem.badRequest("Give both from and to, or neither for the last 30 days");
    }
    // The hub checks the ids and the range, and logs an invalid request, as it does for every surface.
    return UncheckedRequest.of(categoryId, formatId)
        .withScope(scope.tenantId(), scope.facilityId(), scope.federationId())
        .withRange(from, to);
  }

  private static String text(JsonNode root, String field, boolean required) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw HttpProblem.badRequest("The field '" + field + "' is required");
      }
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw HttpProblem.badRequest("The field '" + field + "' must be a non-blank string");
    }
    if (value.asText().length() > MAX_FIELD_LENGTH) {
      throw HttpProblem.badRequest("The field '" + field + "' is too long");
    }
    return value.asText();
  }

  // Echoed names and values are cut short: the message goes back into the page.
  static String truncate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }
}
