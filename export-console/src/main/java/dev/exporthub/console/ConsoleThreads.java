package dev.exporthub.console;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names the console's threads after its port ({@code export-console-8080-front},
 * {@code export-console-8080-1}, ...) so a host's thread dump tells whose they are, and makes them
 * daemons: a console must never keep its host's JVM alive. Workers are numbered; the front is one.
 */
final class ConsoleThreads implements ThreadFactory {

  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();

  ConsoleThreads(int port) {
    this.prefix = "export-console-" + port + "-";
  }

  @Override
  public Thread newThread(Runnable task) {
    return thread(task, Integer.toString(count.incrementAndGet()));
  }

  /** The factory of the one front thread. */
  ThreadFactory front() {
    return task -> thread(task, "front");
  }

  private Thread thread(Runnable task, String suffix) {
    Thread thread = new Thread(task, prefix + suffix);
    thread.setDaemon(true);
    return thread;
  }
}
