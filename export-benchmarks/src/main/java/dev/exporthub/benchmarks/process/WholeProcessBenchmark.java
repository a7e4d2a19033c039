package dev.exporthub.benchmarks.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The whole command as a user waits for it: {@code exporthub export} started as its own process
 * against a hand-written program doing the same job, each run from outside and timed by the wall
 * clock, in alternating order (A B, then B A, ...) so that a machine growing busier or quieter
 * weighs on both alike. Prints each pair's times and the median ratio with its spread.
 *
 * <pre>
 * java -cp export-benchmarks/target/benchmarks.jar dev.exporthub.benchmarks.process.WholeProcessBenchmark \
 *     CASE ROUNDS EXPORTHUB_JAR DATA TENANT FROM TO [JVM_OPTION...]
 * </pre>
 *
 * <p>CASE is {@code json} (JSON Lines to pretty JSON, against {@link HandWrittenJsonlToJson}),
 * {@code csv} (against {@link HandWrittenJsonlToCsv}) or {@code jdbc} (DATA a JDBC URL, PostgreSQL to
 * pretty JSON, against {@link HandWrittenJdbcToJson}). JVM options given at the end go to both
 * programs, e.g. {@code -Xmx2g}; Export Hub's own bound can be added with {@code EXPORTHUB_OPTS}.
 */
public final class WholeProcessBenchmark {

  private WholeProcessBenchmark() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    String kind = args[0];
    int rounds = Integer.parseInt(args[1]);
    String jar = args[2];
    String data = args[3];
    String tenant = args[4];
    String from = args[5];
    String to = args[6];
    List<String> jvm = List.of(Arrays.copyOfRange(args, 7, args.length));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("java.class.path");
    Path work = Files.createTempDirectory("exporthub-process-bench-");
    String format = kind.equals("csv") ? "csv" : "json";
    String baseline = switch (kind) {
      case "json" -> HandWrittenJsonlToJson.class.getName();
      case "csv" -> HandWrittenJsonlToCsv.class.getName();
      case "jdbc" -> HandWrittenJdbcToJson.class.getName();
      default -> throw new IllegalArgumentException("CASE is json, csv or jdbc, not " + kind);
    };

    List<String> hub = new ArrayList<>(List.of(java));
    hub.addAll(jvm);
    String own = System.getenv("EXPORTHUB_OPTS");
    if (own != null && !own.isBlank()) {
      hub.addAll(List.of(own.trim().split("\\s+")));
    }
    hub.addAll(List.of("-jar", jar, "export", "--data", data, "--category", "full-operational",
        "--format", format, "--tenant", tenant, "--from", from, "--to", to, "--now", to, "--user", "bench",
        "--user-tenant", tenant, "--role", "admin", "--out", work.resolve("hub." + format).toString(),
        "--log", work.resolve("log.jsonl").toString()));
    List<String> hand = new ArrayList<>(List.of(java));
    hand.addAll(jvm);
    hand.addAll(List.of("-cp", classPath, baseline, data, tenant, from, to,
        work.resolve("hand." + format).toString()));

    System.out.printf(Locale.ROOT, "%s, %d rounds, %d processors%n", kind, rounds,
        Runtime.getRuntime().availableProcessors());
    System.out.println("| round | Export Hub s | hand-written s | ratio |");
    System.out.println("|---:|---:|---:|---:|");
    double[] ratios = new double[rounds];
    double[] hubTimes = new double[rounds];
    double[] handTimes = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      double a;
      double b;
      if (round % 2 == 0) {
        a = run(hub, work);
        b = run(hand, work);
      } else {
        b = run(hand, work);
        a = run(hub, work);
      }
      hubTimes[round] = a;
      handTimes[round] = b;
      ratios[round] = a / b;
      System.out.printf(Locale.ROOT, "| %d | %.2f | %.2f | %.3f |%n", round + 1, a, b, a / b);
    }
    Arrays.sort(ratios);
    System.out.printf(Locale.ROOT, "%nmedian: Export Hub %.2f s, hand-written %.2f s; ratio median %.3f (min %.3f, max %.3f)%n",
        median(hubTimes), median(handTimes), median(ratios), ratios[0], ratios[rounds - 1]);
  }

  private static double run(List<String> command, Path work) throws IOException, InterruptedException {
    Files.deleteIfExists(work.resolve("log.jsonl"));
    File output = work.resolve("process.out").toFile();
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(output).start();
    int code = process.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (code != 0) {
      throw new IllegalStateException("exit " + code + " from " + String.join(" ", command) + ":\n"
          + Files.readString(output.toPath()));
    }
    return seconds;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
