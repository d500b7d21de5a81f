package dev.chain.im.bench;

/** The report's numbers, rounded to two decimals. */
final class Rounding {
  private Rounding() {}

  static double hundredths(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
