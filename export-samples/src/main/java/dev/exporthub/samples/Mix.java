package dev.exporthub.samples;

/** Seed mixing: SplitMix64's finaliser, so every (seed, source, index) gets an independent seed. */
final class Mix {

  /** The golden-ratio increment of SplitMix64. */
  static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Mix() {}

  /** A well-mixed 64-bit function of {@code z} (Stafford's variant 13, as in SplitMix64). */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A seed derived from {@code seed} and a stream index {@code k}; distinct k give unrelated seeds. */
  static long derive(long seed, long k) {
    return mix64(seed + GOLDEN * (k + 1));
  }

  /** A value in {@code [0, bound)} from a mixed 64-bit value. */
  static int below(long mixed, int bound) {
    return (int) Long.remainderUnsigned(mixed, bound);
  }
}
