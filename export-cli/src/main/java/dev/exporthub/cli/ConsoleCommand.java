package dev.exporthub.cli;

import dev.exporthub.api.Caller;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.ExportLogStore;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.SourceQuery;
import dev.exporthub.console.CallerResolver;
import dev.exporthub.console.ExportConsole;
import dev.exporthub.core.ExportHub;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code exporthub console}: the web dashboard over a data directory, on the loopback interface,
 * for one user given by flags. The browser cannot choose another user, role or permission. Runs
 * until the JVM is asked to stop (Ctrl-C) or the command's thread is interrupted; exports and
 * downloads are appended to the export log.
 */
@Command(name = "console", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Serves the export console (web dashboard) for one user on 127.0.0.1.",
    description = {"Open the printed address in a browser. Stop with Ctrl-C.",
        "Every export and download is logged (--log)."})
final class ConsoleCommand implements Callable<Integer> {

  private final RunContext context;

  @Mixin
  private DataOptions dataOptions;

  @Option(names = "--port", paramLabel = "N",
      description = "The port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  private int port = ExportConsole.DEFAULT_PORT;

  @Option(names = "--user", required = true, paramLabel = "ID", description = "Who uses the console.")
  private String user;

  @Option(names = "--user-tenant", required = true, paramLabel = "T", description = "The user's tenant.")
  private String userTenant;

  @Option(names = "--user-federation", paramLabel = "X", description = "The user's federation.")
  private String userFederation;

  @Option(names = "--facility", paramLabel = "F",
      description = "Scope every export to this facility of the user's tenant (default: all facilities).")
  private String facility;

  @Option(names = "--role", paramLabel = "R", description = "The user's role, e.g. auditor, executive, admin.")
  private String role;

  @Option(names = "--permission", paramLabel = "P", split = ",",
      description = "A permission the user holds, e.g. export:bundle-formats; repeatable.")
  private List<String> permissions = new ArrayList<>();

  @Option(names = "--log", paramLabel = LogFiles.LABEL, description = "The export log to append to: " + LogFiles.HELP)
  private String log;

  @Option(names = "--now", paramLabel = "ISO", converter = IsoInstant.class,
      description = "Starts the console's clock at this instant (it then runs): e.g. the end of a sample data set.")
  private Instant now;

  ConsoleCommand(RunContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (port < 0 || port > 65535) {
      throw CliException.usage("--port must be between 0 and 65535, was " + port);
    }
    if (facility != null && facility.isBlank()) {
      throw CliException.usage("--facility must not be blank");
    }
    Caller caller = new Caller(user, userTenant, userFederation, role, new TreeSet<>(permissions));
    Clock clock = now == null ? Clock.systemUTC()
        : Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), now));
    LogFiles.Location logFile = LogFiles.resolve(context, log);
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    DataOption opened = dataOptions.open(context);
    try (DataOption source = opened; ExportLogStore store = LogFiles.openForAppend(logFile, context)) {
      ExportHub hub = ExportHub.builder()
          .dataSource(source.source())
          .tenantDirectory(source.directory())
          .clock(clock)
          .logStore(store)
          .build();
      TenantData data = TenantData.scan(source.source(), caller.tenantId(), clock.instant());
      ExportConsole console = ExportConsole.builder(hub)
          .callerResolver(CallerResolver.fixed(caller, facility).offering(data.facilities()))
          .port(port)
          .tenantDirectory(source.directory())
          .clock(clock)
          .build();
      // Ctrl-C: the hook wakes the command up and waits (briefly) until it has closed the server and the log.
      Thread hook = new Thread(() -> {
        stopped.countDown();
        try {
          closed.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "exporthub-console-shutdown");
      try (ExportConsole.Server server = console.start()) {
        context.out().println("Export console for " + caller.userId() + " (" + caller.tenantId()
            + (facility == null ? "" : ", facility " + facility) + ") at " + server.uri());
        if (!data.recent()) {
          context.out().println("Note: " + source.label() + " holds no records of " + caller.tenantId()
              + " in the 30 days ending now, the console's default range. Pick an earlier range on the page,"
              + " give --now (e.g. the end of the sample data), or write current sample data with"
              + " 'exporthub sample --out DIR' (without --now).");
        }
        context.out().println("Logging to " + logFile + ". Press Ctrl-C to stop.");
        context.out().flush();
        Runtime.getRuntime().addShutdownHook(hook);
        try {
          stopped.await();
        } catch (InterruptedException e) {
          // Interrupting the command's thread stops it, as Ctrl-C does. The flag is not set again:
          // the log's file channel must still close cleanly.
        } finally {
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException shuttingDown) {
            // the hook is running and waits for the close below
          }
        }
      }
    } finally {
      closed.countDown();
    }
    return ExitCodes.OK;
  }

  /**
   * What the data holds of the caller's tenant: its facilities, which the page offers to narrow an
   * export to, and whether any record lies in the default range ending now. One pass over every
   * source, at start-up.
   */
  record TenantData(SortedSet<String> facilities, boolean recent) {

    // Every time a record can have, in years any SQL database stores: a JDBC source binds the range.
    private static final TimeRange ALL_TIME =
        TimeRange.of(Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"));

    static TenantData scan(OperationalDataSource source, String tenant, Instant now) {
      TimeRange recentRange = TimeRange.endingAt(now);
      SourceQuery query = new SourceQuery(Set.of(tenant), null, ALL_TIME);
      SortedSet<String> facilities = new TreeSet<>();
      boolean recent = false;
      for (SourceType type : SourceType.values()) {
        try (Stream<? extends SourceRecord> records = source.records(type, query)) {
          for (Iterator<? extends SourceRecord> it = records.iterator(); it.hasNext(); ) {
            SourceRecord record = it.next();
            if (record.tenantId().equals(tenant)) {
              recent |= recentRange.contains(record.timestamp());
              if (record.facilityId() != null) {
                facilities.add(record.facilityId());
              }
            }
          }
        }
      }
      return new TenantData(facilities, recent);
    }
  }
}
