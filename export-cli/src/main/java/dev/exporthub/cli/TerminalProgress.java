package dev.exporthub.cli;

import dev.exporthub.api.ProgressListener;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Progress of a long export on a terminal's stderr: items done of the total and items per second,
 * redrawn in place at most five times a second, appearing only once the export has run for a
 * while. Off a terminal the command passes {@link ProgressListener#NONE} and prints nothing.
 */
final class TerminalProgress implements ProgressListener {

  private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final PrintStream err;
  private final long delayNanos;
  private final long started = System.nanoTime();
  private long lastDrawn;
  private int lastWidth;
  private boolean shown;

  private TerminalProgress(PrintStream err, long delayNanos) {
    this.err = err;
    this.delayNanos = delayNanos;
  }

  /** Progress for this run: drawn when stderr is a terminal, {@link ProgressListener#NONE} otherwise. */
  static ProgressListener of(RunContext context) {
    return context.interactive()
        ? new TerminalProgress(context.err(), context.progressDelay().toNanos())
        : ProgressListener.NONE;
  }

  /** Ends the progress line, if one was drawn, so the next output starts on a line of its own. */
  static void finish(ProgressListener progress) {
    if (progress instanceof TerminalProgress terminal && terminal.shown) {
      terminal.err.println();
      terminal.err.flush();
      terminal.shown = false;
    }
  }

  @Override
  public void onProgress(long itemsDone, long itemsTotal) {
    long now = System.nanoTime();
    long elapsed = now - started;
    if (elapsed < delayNanos || (shown && now - lastDrawn < REDRAW_NANOS && itemsDone < itemsTotal)) {
      return;
    }
    long perSecond = elapsed <= 0 ? 0 : (long) (itemsDone * 1e9 / elapsed);
    String text = "exporting: " + itemsDone + " of " + itemsTotal + " items (" + perSecond + " items/s)";
    int width = text.length();
    err.print('\r' + text + " ".repeat(Math.max(0, lastWidth - width)));
    err.flush();
    lastWidth = width;
    lastDrawn = now;
    shown = true;
  }
}
