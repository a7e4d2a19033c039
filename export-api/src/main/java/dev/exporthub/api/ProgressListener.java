package dev.exporthub.api;

/**
 * Told how far an export has come, for progress bars in the CLI and console. Called on the
 * exporting thread, at most once per item; implementations must be fast and must not throw.
 */
@FunctionalInterface
public interface ProgressListener {

  /** A listener that ignores progress. */
  ProgressListener NONE = (done, total) -> { };

  /**
   * @param itemsDone  items written so far
   * @param itemsTotal items the bundle holds
   */
  void onProgress(long itemsDone, long itemsTotal);
}
