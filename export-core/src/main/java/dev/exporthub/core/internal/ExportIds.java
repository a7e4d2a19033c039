package dev.exporthub.core.internal;

import dev.exporthub.api.Caller;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The hub's query and export ids ({@code docs/SPECIFICATION.md} §4.8). An id is a name-based UUID
 * of what makes one export itself: the request as asked, the caller, the clock's instant, the
 * number of the hub's call, and a nonce drawn once per hub. Two users, two requests or two calls
 * never share an id. With reproducible ids the nonce is left out, so the same calls on the same
 * clock give the same ids (and the same bytes) in every run; the CLI's {@code --now} asks for that.
 * A host may supply its own ids instead.
 *
 * <p>Thread-safe.
 */
public final class ExportIds {

  private final Supplier<String> supplied;
  private final String nonce;
  private final AtomicLong calls = new AtomicLong();

  private ExportIds(Supplier<String> supplied, String nonce) {
    this.supplied = supplied;
    this.nonce = nonce;
  }

  /** Derived ids with a nonce of this hub's own: unique across runs. */
  public static ExportIds unique() {
    byte[] nonce = new byte[16];
    new SecureRandom().nextBytes(nonce);
    return new ExportIds(null, HexFormat.of().formatHex(nonce));
  }

  /** Derived ids without a nonce: the same calls on the same clock give the same ids. */
  public static ExportIds reproducible() {
    return new ExportIds(null, "");
  }

  /** The host's own ids, used as they come. */
  public static ExportIds supplied(Supplier<String> ids) {
    return new ExportIds(Objects.requireNonNull(ids, "ids"), null);
  }

  /**
   * A query id for a request.
   *
   * @param request the request's own words, in a fixed form (e.g. its category, format, scope and
   *                range as given)
   */
  public String queryId(String request, Caller caller, Instant now) {
    if (supplied != null) {
      return supplied.get();
    }
    return derive("query", request, callerText(caller), now.toString());
  }

  /** An export id for one execution of the query. */
  public String exportId(String queryId) {
    return supplied != null ? supplied.get() : derive("export", queryId);
  }

  private String derive(String kind, String... parts) {
    MessageDigest sha = Hashing.sha256();
    for (String part : new String[] {kind, nonce, Long.toString(calls.incrementAndGet())}) {
      update(sha, part);
    }
    for (String part : parts) {
      update(sha, part);
    }
    return UUID.nameUUIDFromBytes(sha.digest()).toString();
  }

  // Length-prefixed, so no two different part lists hash the same bytes.
  private static void update(MessageDigest sha, String part) {
    byte[] bytes = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
    sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    sha.update((byte) ':');
    sha.update(bytes);
  }

  private static String callerText(Caller caller) {
    return caller.userId() + "\n" + caller.tenantId() + "\n" + caller.federationId() + "\n" + caller.role() + "\n"
        + new TreeSet<>(caller.permissions());
  }
}
