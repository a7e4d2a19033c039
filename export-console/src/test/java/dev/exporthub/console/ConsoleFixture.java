package dev.exporthub.console;

import dev.exporthub.api.Caller;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.SourceQuery;
import dev.exporthub.core.ExportHub;
import dev.exporthub.samples.SampleData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** A hub over the default sample data, whose clock ticks from the sample's "now", and a console over it. */
final class ConsoleFixture implements AutoCloseable {

  static final SampleData DATA = SampleData.defaults();

  /** The auditor of tenant-1, the default caller of the tests. */
  static final Caller AUDITOR = Caller.of("ana", "tenant-1", "auditor", Set.of());
  /** Another auditor of tenant-1. */
  static final Caller OTHER_AUDITOR = Caller.of("ben", "tenant-1", "auditor", Set.of());
  /** An admin of tenant-2 with every permission. */
  static final Caller ADMIN = Caller.of("root", "tenant-2", "admin",
      Set.of("export:bundle-formats", "export:long-range", "export:cross-tenant"));
  /** A caller with no role: only the single-source categories. */
  static final Caller OPERATOR = Caller.of("olga", "tenant-1", null, Set.of());

  final Clock clock;
  /** How long each read of the data source waits, to make the page's loading state visible. */
  volatile long delayMillis;
  final ExportHub hub;
  final ExportConsole.Server server;

  ConsoleFixture() {
    this(b -> b);
  }

  /**
   * A console whose caller is chosen by the {@code X-Test-User} header (default: {@link #AUDITOR}),
   * offered the facilities of its tenant in the sample data.
   */
  ConsoleFixture(UnaryOperator<ExportConsole.Builder> customize) {
    clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), DATA.now()));
    OperationalDataSource slowable = new OperationalDataSource() {
      @Override
      public Stream<? extends SourceRecord> records(SourceType type, SourceQuery query) {
        long delay = delayMillis;
        if (delay > 0) {
          try {
            Thread.sleep(delay);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return DATA.records(type, query);
      }

      @Override
      public boolean ordered() {
        return DATA.ordered();
      }
    };
    hub = ExportHub.builder().dataSource(slowable).tenantDirectory(DATA.tenantDirectory()).clock(clock).build();
    ExportConsole.Builder builder = ExportConsole.builder(hub)
        .port(0)
        .callerResolver(new CallerResolver() {
          @Override
          public Caller resolve(ConsoleRequest request) {
            return byHeader(request);
          }

          @Override
          public java.util.List<String> facilities(ConsoleRequest request, Caller caller) {
            return DATA.facilityIds(caller.tenantId());
          }
        })
        .tenantDirectory(DATA.tenantDirectory())
        .clock(clock)
        .threads(4);
    server = customize.apply(builder).build().start();
  }

  private static Caller byHeader(ConsoleRequest request) {
    String user = request.header("X-Test-User").orElse("ana");
    Map<String, Caller> callers = Map.of("ana", AUDITOR, "ben", OTHER_AUDITOR, "root", ADMIN, "olga", OPERATOR);
    if (user.equals("anonymous")) {
      return null;
    }
    if (user.equals("boom")) {
      throw new IllegalStateException("secret session store detail");
    }
    return callers.get(user);
  }

  @Override
  public void close() {
    server.close();
  }
}
