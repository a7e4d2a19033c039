package dev.exporthub.console;

import dev.exporthub.api.spi.TenantDirectory;
import dev.exporthub.core.ExportHub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference specification's web dashboard ({@code docs/SPECIFICATION.md} §12) for one
 * {@link ExportHub}, served from inside a host: one static page (HTML, CSS and plain JavaScript from
 * this jar) and a small JSON API, handled through the JDK's {@code com.sun.net.httpserver} API behind
 * a front of the console's own (not {@code HttpServer}, whose limits are JVM-wide system properties
 * a library must not set).
 *
 * <pre>{@code
 * ExportConsole console = ExportConsole.builder(hub)
 *     .callerResolver(request -> sessions.callerFor(request.cookie("SESSION").orElse(null)))
 *     .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080))
 *     .build();
 * try (ExportConsole.Server server = console.start()) {
 *   System.out.println("Export console at " + server.uri());
 *   ...
 * }
 * }</pre>
 *
 * <p><b>Who is asking</b> is decided by the host's {@link CallerResolver} for every API request;
 * the page cannot choose a user, role, permission or scope. What a caller may export is decided by
 * the hub's policy, exactly as for any other export.
 *
 * <p><b>Safety.</b> Bound to the loopback interface unless told otherwise. Every request's
 * {@code Host} header, and its {@code Origin} header when present, must name the bound address
 * (or a host added with {@link Builder#allowedHost}), so another web site cannot drive the console
 * from a user's browser and DNS rebinding fails; API requests a browser marks as cross-site or
 * same-site are refused. Creating an export needs a JSON body ({@code application/json}, which a
 * cross-site form cannot send without a CORS preflight, and the console answers none), of at most
 * {@link Builder#maxRequestBytes} bytes. Every response carries a {@code Content-Security-Policy}
 * that allows scripts, styles and connections from the console's own origin only.
 *
 * <p><b>Hostile clients.</b> One front thread reads request heads without blocking, so a slow or
 * silent client holds no worker; every phase has a deadline (the builder's {@code ...Timeout}
 * options), connections are capped per address and in all, and every error, the front's own
 * included, is JSON with the security headers.
 *
 * <p><b>Downloads.</b> Each generated artifact is kept in memory under a random 128-bit token until
 * it is evicted: the cache holds at most {@link Builder#downloadCache(int, long) maxEntries}
 * artifacts and {@code maxBytes} bytes, dropping the least recently used first. An export larger
 * than {@code maxBytes} is refused with {@code 422} (stream large exports with the library or the
 * CLI instead). Only the user who generated an artifact can download it, and every download is
 * logged as {@code export-downloaded}.
 *
 * <p>An {@code ExportConsole} is immutable; {@link #start()} may be called more than once, each
 * call starting an independent server.
 */
public final class ExportConsole {

  /** The default port, on the loopback interface. */
  public static final int DEFAULT_PORT = 8080;
  /** The default limit of a request body: 16 KiB. */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 16 * 1024;
  /** The default number of artifacts kept for download. */
  public static final int DEFAULT_CACHE_ENTRIES = 32;
  /** The default bytes kept for download, which is also the largest artifact: 64 MiB. */
  public static final long DEFAULT_CACHE_BYTES = 64L * 1024 * 1024;
  /** The default number of worker threads. */
  public static final int DEFAULT_THREADS = 8;
  /** The default time a client has for a request line and headers: 10 seconds. */
  public static final Duration DEFAULT_HEAD_TIMEOUT = Duration.ofSeconds(10);
  /** The default time a client has for a request body, after its headers: 30 seconds. */
  public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(30);
  /** The default time a kept-alive connection may wait for its next request: 30 seconds. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
  /** The default time a response may take to be written out: 30 seconds. */
  public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);
  /** The default number of connections one client address may hold open. */
  public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 16;
  /** The default number of connections all clients together may hold open. */
  public static final int DEFAULT_MAX_CONNECTIONS = 256;

  private static final Logger LOG = LoggerFactory.getLogger(ExportConsole.class);
  private static final Pattern AUTHORITY = Pattern.compile("[a-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9a-f:.]+\\](:[0-9]{1,5})?");

  private final ExportHub hub;
  private final CallerResolver resolver;
  private final InetSocketAddress address;
  private final List<String> allowedHosts;
  private final TenantDirectory directory;
  private final Clock clock;
  private final int maxRequestBytes;
  private final int cacheEntries;
  private final long cacheBytes;
  private final int threads;
  private final ConnectionLimits limits;

  private ExportConsole(Builder b, ConnectionLimits limits) {
    this.hub = b.hub;
    this.resolver = Objects.requireNonNull(b.resolver,
        "a caller resolver is required: ExportConsole.builder(hub).callerResolver(...)");
    this.address = b.address;
    this.allowedHosts = List.copyOf(b.allowedHosts);
    this.directory = b.directory;
    this.clock = b.clock;
    this.maxRequestBytes = b.maxRequestBytes;
    this.cacheEntries = b.cacheEntries;
    this.cacheBytes = b.cacheBytes;
    this.threads = b.threads;
    this.limits = limits;
  }

  /** A builder for a console over this hub; a {@link CallerResolver} is required. */
  public static Builder builder(ExportHub hub) {
    return new Builder(hub);
  }

  /**
   * Binds the address and starts serving.
   *
   * @return the running server; close it to stop
   * @throws UncheckedIOException when the address cannot be bound (e.g. the port is in use)
   */
  public Server start() {
    ServerSocketChannel channel;
    InetSocketAddress bound;
    try {
      channel = ConsoleFront.bind(address);
      bound = (InetSocketAddress) channel.socket().getLocalSocketAddress();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot bind the export console to " + address + ": " + e.getMessage(), e);
    }
    HostGuard guard = HostGuard.of(address, bound.getPort(), allowedHosts);
    ConsoleThreads names = new ConsoleThreads(bound.getPort());
    // Requests beyond the workers wait in a bounded queue; past it the front answers 503.
    ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(threads * 16), names, new ThreadPoolExecutor.AbortPolicy());
    executor.allowCoreThreadTimeOut(true);
    ConsoleHandler handler = new ConsoleHandler(hub, resolver, guard, directory, clock, maxRequestBytes,
        new DownloadCache(cacheEntries, cacheBytes));
    ConsoleFront front = ConsoleFront.start(channel, limits, executor, handler,
        new ApiJson(RequestParser.strictMapper()), names.front());
    URI uri = guard.baseUri();
    LOG.info("export console listening on {} (bound to {})", uri, bound);
    return new Server(front, executor, handler, bound, uri);
  }

  /**
   * A running console. Closing it lets exchanges in progress finish for up to a second (new
   * requests get {@code 503}), closes every connection, and stops the front and worker threads.
   */
  public static final class Server implements AutoCloseable {
    private final ConsoleFront front;
    private final ThreadPoolExecutor executor;
    private final ConsoleHandler handler;
    private final InetSocketAddress address;
    private final URI uri;
    private final AtomicInteger closed = new AtomicInteger();

    private Server(ConsoleFront front, ThreadPoolExecutor executor, ConsoleHandler handler, InetSocketAddress address,
        URI uri) {
      this.front = front;
      this.executor = executor;
      this.handler = handler;
      this.address = address;
      this.uri = uri;
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
      return uri;
    }

    /** The bound socket address, with the actual port when port 0 was asked for. */
    public InetSocketAddress address() {
      return address;
    }

    /** Connections open now, kept-alive ones included. */
    int openConnections() {
      return front.openConnections();
    }

    /** Stops the server. Idempotent. */
    @Override
    public void close() {
      if (closed.getAndIncrement() > 0) {
        return;
      }
      handler.drain(1000);
      front.stop();
      // Workers waiting on a connection were woken by its close; interrupting is the last resort, since
      // an interrupt closes any FileChannel the host's hub is writing (its export log) for good.
      executor.shutdown();
      try {
        if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
          executor.shutdownNow();
        }
      } catch (InterruptedException e) {
        executor.shutdownNow();
        Thread.currentThread().interrupt();
      }
      LOG.info("export console at {} stopped", uri);
    }

    @Override
    public String toString() {
      return "ExportConsole.Server[" + uri + "]";
    }
  }

  /** Builds an {@link ExportConsole}. Not thread-safe. */
  public static final class Builder {
    private final ExportHub hub;
    private CallerResolver resolver;
    private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), DEFAULT_PORT);
    private final List<String> allowedHosts = new ArrayList<>();
    private TenantDirectory directory = TenantDirectory.NONE;
    private Clock clock = Clock.systemUTC();
    private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    private int cacheEntries = DEFAULT_CACHE_ENTRIES;
    private long cacheBytes = DEFAULT_CACHE_BYTES;
    private int threads = DEFAULT_THREADS;
    private Duration headTimeout = DEFAULT_HEAD_TIMEOUT;
    private Duration bodyTimeout = DEFAULT_BODY_TIMEOUT;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
    private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;

    private Builder(ExportHub hub) {
      this.hub = Objects.requireNonNull(hub, "hub");
    }

    /** Who is asking, for every API request. Required. */
    public Builder callerResolver(CallerResolver value) {
      this.resolver = Objects.requireNonNull(value, "callerResolver");
      return this;
    }

    /**
     * Where to listen. Default: the loopback address, port {@value #DEFAULT_PORT}. Port 0 picks a
     * free port ({@link Server#address()} tells which). An address on every interface
     * ({@code 0.0.0.0}) needs at least one {@link #allowedHost}, since the bound address then names
     * no host a browser would use.
     */
    public Builder address(InetSocketAddress value) {
      Objects.requireNonNull(value, "address");
      if (value.isUnresolved()) {
        throw new IllegalArgumentException("Cannot resolve the console's address " + value);
      }
      this.address = value;
      return this;
    }

    /** Listen on this port of the loopback interface. */
    public Builder port(int value) {
      return address(new InetSocketAddress(InetAddress.getLoopbackAddress(), value));
    }

    /**
     * Also accepts this authority ({@code host} or {@code host:port}, as the browser's address bar
     * shows it) in the {@code Host} and {@code Origin} headers: the name of a reverse proxy in front
     * of the console, for instance. Without a port, the default port of the scheme is meant
     * ({@code http} 80, {@code https} 443).
     */
    public Builder allowedHost(String authority) {
      Objects.requireNonNull(authority, "authority");
      String normalized = authority.strip().toLowerCase(Locale.ROOT);
      if (!AUTHORITY.matcher(normalized).matches()) {
        throw new IllegalArgumentException("Not a host or host:port: '" + authority + "'");
      }
      allowedHosts.add(normalized);
      return this;
    }

    /** Federation membership, so a federation member's statistics and history include the federation's tenants. Default: none. */
    public Builder tenantDirectory(TenantDirectory value) {
      this.directory = Objects.requireNonNull(value, "tenantDirectory");
      return this;
    }

    /**
     * The clock that places the statistics' 24-hour trend windows; give the hub's clock when it
     * has another. Default: the system UTC clock.
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The largest request body accepted; larger ones get {@code 413}. Default: 16 KiB. */
    public Builder maxRequestBytes(int value) {
      if (value < 256) {
        throw new IllegalArgumentException("maxRequestBytes must be at least 256, was " + value);
      }
      this.maxRequestBytes = value;
      return this;
    }

    /**
     * How many generated artifacts, and how many bytes of them, are kept for download; the least
     * recently used go first. {@code maxBytes} is also the largest export the console serves.
     * Default: 32 artifacts, 64 MiB.
     */
    public Builder downloadCache(int maxEntries, long maxBytes) {
      if (maxEntries < 1 || maxBytes < 1) {
        throw new IllegalArgumentException("The download cache needs at least one entry and one byte");
      }
      this.cacheEntries = maxEntries;
      this.cacheBytes = maxBytes;
      return this;
    }

    /**
     * The most requests handled at once; up to 16 times as many wait, and requests beyond that are
     * answered {@code 503}. Idle threads end after a minute. Default: 8.
     */
    public Builder threads(int value) {
      if (value < 1 || value > 256) {
        throw new IllegalArgumentException("threads must be between 1 and 256, was " + value);
      }
      this.threads = value;
      return this;
    }

    /**
     * How long a client has to send a request line and its headers, counted from the connection
     * or, on a kept-alive one, from the request's first byte; however slowly they trickle in, the
     * console then answers {@code 408} and closes. Between 1 ms and 1 hour; default 10 seconds.
     */
    public Builder headTimeout(Duration value) {
      this.headTimeout = ConnectionLimits.check("headTimeout", value);
      return this;
    }

    /** How long a client has for a request body after its headers ({@code 408} then); 1 ms to 1 hour, default 30 s. */
    public Builder bodyTimeout(Duration value) {
      this.bodyTimeout = ConnectionLimits.check("bodyTimeout", value);
      return this;
    }

    /** How long a kept-alive connection may wait for its next request; 1 ms to 1 hour, default 30 s. */
    public Builder idleTimeout(Duration value) {
      this.idleTimeout = ConnectionLimits.check("idleTimeout", value);
      return this;
    }

    /**
     * The longest one response may take to be written out, however slowly the client reads; the
     * connection is then dropped. Between 1 ms and 1 hour; default 30 seconds.
     */
    public Builder writeTimeout(Duration value) {
      this.writeTimeout = ConnectionLimits.check("writeTimeout", value);
      return this;
    }

    /** Connections one client IP address may hold open ({@code 429} beyond); 1 to {@link #maxConnections}, default 16. */
    public Builder maxConnectionsPerAddress(int value) {
      this.maxConnectionsPerAddress = ConnectionLimits.check("maxConnectionsPerAddress", value);
      return this;
    }

    /** Connections all clients together may hold open ({@code 503} beyond); 1 to 65536, default 256. */
    public Builder maxConnections(int value) {
      this.maxConnections = ConnectionLimits.check("maxConnections", value);
      return this;
    }

    /**
     * The console.
     *
     * @throws NullPointerException     without a caller resolver
     * @throws IllegalStateException    when bound to every interface without an {@link #allowedHost}
     * @throws IllegalArgumentException when {@link #maxConnectionsPerAddress} exceeds {@link #maxConnections}
     */
    public ExportConsole build() {
      if (address.getAddress().isAnyLocalAddress() && allowedHosts.isEmpty()) {
        throw new IllegalStateException("The console is bound to every interface (" + address
            + "): name the host names browsers will use with allowedHost(...)");
      }
      return new ExportConsole(this, new ConnectionLimits(headTimeout, bodyTimeout, idleTimeout, writeTimeout,
          maxConnectionsPerAddress, maxConnections));
    }
  }
}
