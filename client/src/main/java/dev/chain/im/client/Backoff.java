package dev.chain.im.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with full jitter: attempt {@code n} (from 0) waits a uniformly random time
 * between 0 and {@code min(max, base * 2^n)}. The jitter spreads thousands of clients that lost the
 * same server, so that they do not come back at the same instant.
 */
public record Backoff(Duration base, Duration max) {

  public Backoff {
    if (base.isNegative() || base.isZero()) {
      throw new IllegalArgumentException("base must be positive, got " + base);
    }
    if (max.compareTo(base) < 0) {
      throw new IllegalArgumentException("max " + max + " must not be below base " + base);
    }
  }

  /** The upper bound of the wait before attempt {@code attempt}. */
  public Duration ceiling(int attempt) {
    long baseNanos = base.toNanos();
    long maxNanos = max.toNanos();
    int shift = Math.min(Math.max(attempt, 0), 62);
    long ceiling =
        baseNanos > (maxNanos >> shift) ? maxNanos : Math.min(maxNanos, baseNanos << shift);
    return Duration.ofNanos(ceiling);
  }

  /** A random wait in {@code [0, ceiling(attempt)]}. */
  public Duration delay(int attempt) {
    long ceiling = ceiling(attempt).toNanos();
    return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling + 1));
  }
}
