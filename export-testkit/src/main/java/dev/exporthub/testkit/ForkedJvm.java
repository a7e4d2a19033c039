package dev.exporthub.testkit;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportResult;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.core.ExportHub;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.opentest4j.AssertionFailedError;

/**
 * Law 3 across JVMs: the same exports made here and in a second JVM started with other default
 * locale and time zone flags must have the same SHA-256. The second JVM runs {@link #main} on the
 * same class path, instantiates the same {@link EngineLaws} subclass and prints its digests.
 */
final class ForkedJvm {

  private static final String ENVIRONMENT_LINE = "environment ";

  private ForkedJvm() {
  }

  /** Compares this JVM's digests with those of a JVM started with {@code flags}. */
  static void assertSameDigests(EngineLaws laws, List<String> flags) throws IOException, InterruptedException {
    Map<String, String> here = digests(laws);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(flags);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ForkedJvm.class.getName());
    command.add(laws.getClass().getName());
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    CompletableFuture<String> out = read(process.getInputStream());
    CompletableFuture<String> err = read(process.getErrorStream());
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionFailedError("The forked JVM did not finish within 3 minutes: " + command);
    }
    String stdout = out.join();
    if (process.exitValue() != 0) {
      throw new AssertionFailedError("The forked JVM failed with exit code " + process.exitValue() + ":\n"
          + err.join() + "\n" + stdout);
    }
    Map<String, String> there = new TreeMap<>();
    String environment = null;
    for (String line : stdout.split("\n")) {
      if (line.startsWith(ENVIRONMENT_LINE)) {
        environment = line.substring(ENVIRONMENT_LINE.length());
      } else if (!line.isBlank()) {
        int space = line.lastIndexOf(' ');
        there.put(line.substring(0, space), line.substring(space + 1));
      }
    }
    String expectedEnvironment = expectedEnvironment(flags);
    if (!matches(expectedEnvironment, environment)) {
      throw new AssertionFailedError("The forked JVM did not take its flags " + flags, expectedEnvironment,
          environment);
    }
    if (!here.keySet().equals(there.keySet())) {
      throw new AssertionFailedError("The forked JVM made other exports", here.keySet(), there.keySet());
    }
    List<String> differing = new ArrayList<>();
    here.forEach((export, digest) -> {
      if (!digest.equals(there.get(export))) {
        differing.add(export);
      }
    });
    if (!differing.isEmpty()) {
      throw new AssertionFailedError(differing.size() + " of " + here.size() + " exports differ between this JVM ("
          + environment(Locale.getDefault(), TimeZone.getDefault()) + ") and one started with " + flags + ": "
          + differing);
    }
  }

  /**
   * The SHA-256 of every export of the laws' fixed data set: each category and format, in a
   * facility scope, a federation scope (both with the default range) and a tenant scope with an
   * explicit range.
   */
  static Map<String, String> digests(EngineLaws laws) {
    DataSet data = laws.forkedJvmDataSet();
    ExportHub hub = laws.hub(data, Clock.fixed(data.now(), ZoneOffset.UTC), EngineLaws.ids());
    Caller caller = laws.caller(data);
    String tenant = data.tenantIds().get(data.tenantIds().size() - 1);
    List<ExportScope> scopes = new ArrayList<>();
    scopes.add(ExportScope.tenant(tenant));
    data.federationIds().forEach(federation -> scopes.add(ExportScope.federation(federation)));
    data.facilityIds(tenant).forEach(facility -> scopes.add(ExportScope.facility(tenant, facility)));
    TimeRange explicit = TimeRange.of(data.now().minus(Duration.ofDays(20)), data.now().minusSeconds(1));
    MessageDigest sha = sha256();
    Map<String, String> digests = new TreeMap<>();
    for (int s = 0; s < Math.min(3, scopes.size()); s++) {
      ExportScope scope = scopes.get(s);
      for (ExportCategory category : ExportCategory.values()) {
        for (FormatDescriptor descriptor : hub.formats()) {
          ExportRequest request = ExportRequest.builder(category, descriptor.format())
              .scope(scope)
              .timeRange(s == 0 ? explicit : null)
              .queryId("forked-" + s)
              .build();
          ExportResult result = hub.export(request, caller);
          byte[] content = result.orThrow().content();
          digests.put(category.id() + "/" + descriptor.format().id() + "/scope-" + s,
              HexFormat.of().formatHex(sha.digest(content)));
        }
      }
    }
    return digests;
  }

  /** In the second JVM: prints its environment, then one line of export key and digest per export. */
  public static void main(String[] args) throws ReflectiveOperationException {
    Constructor<?> constructor = Class.forName(args[0]).getDeclaredConstructor();
    constructor.setAccessible(true);
    EngineLaws laws = (EngineLaws) constructor.newInstance();
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    out.print(ENVIRONMENT_LINE + environment(Locale.getDefault(), TimeZone.getDefault()) + "\n");
    digests(laws).forEach((export, digest) -> out.print(export + " " + digest + "\n"));
    out.flush();
  }

  private static String expectedEnvironment(List<String> flags) {
    Map<String, String> properties = new TreeMap<>();
    for (String flag : flags) {
      int equals = flag.indexOf('=');
      if (flag.startsWith("-D") && equals > 2) {
        properties.put(flag.substring(2, equals), flag.substring(equals + 1));
      }
    }
    Locale locale = properties.containsKey("user.language")
        ? new Locale.Builder().setLanguage(properties.get("user.language"))
            .setRegion(properties.getOrDefault("user.country", "")).build()
        : null;
    String zone = properties.get("user.timezone");
    return (locale == null ? "*" : locale.toLanguageTag()) + " " + (zone == null ? "*" : zone);
  }

  /** Whether the reported environment is the expected one; {@code *} matches any part. */
  private static boolean matches(String expected, String actual) {
    if (actual == null) {
      return false;
    }
    String[] e = expected.split(" ");
    String[] a = actual.split(" ");
    return a.length == 2 && (e[0].equals("*") || e[0].equals(a[0])) && (e[1].equals("*") || e[1].equals(a[1]));
  }

  private static String environment(Locale locale, TimeZone zone) {
    return locale.toLanguageTag() + " " + zone.getID();
  }

  private static CompletableFuture<String> read(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }
}
