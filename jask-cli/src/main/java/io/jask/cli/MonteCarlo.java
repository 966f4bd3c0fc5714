package io.jask.cli;

import java.util.SplittableRandom;

/** The demo's unit of work, shared with the scaling benchmark: CPU-bound and deterministic. */
public final class MonteCarlo {
  private MonteCarlo() {}

  /**
   * How many of {@code samples} random points of chunk {@code seed} fall inside the unit quarter
   * circle; the same seed always gives the same count, whatever thread runs it.
   */
  public static long countHits(long seed, long samples) {
    SplittableRandom random = new SplittableRandom(seed);
    long hits = 0;
    for (long k = 0; k < samples; k++) {
      double x = random.nextDouble();
      double y = random.nextDouble();
      if (x * x + y * y <= 1.0) {
        hits++;
      }
    }
    return hits;
  }
}
