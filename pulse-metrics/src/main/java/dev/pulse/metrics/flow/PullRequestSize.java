package dev.pulse.metrics.flow;

/**
 * The size bucket of a pull request by changed lines ({@code additions + deletions}), inclusive
 * bounds as the origin's: XS 1-10, S 11-50, M 51-200, L 201-500, XL 501-1000, XXL 1001 and more. A
 * size of 0 (unknown or empty) falls in no bucket.
 */
public enum PullRequestSize {
  /** 1 to 10 lines. */
  XS(1, 10),
  /** 11 to 50 lines. */
  S(11, 50),
  /** 51 to 200 lines. */
  M(51, 200),
  /** 201 to 500 lines. */
  L(201, 500),
  /** 501 to 1,000 lines. */
  XL(501, 1000),
  /** 1,001 lines or more. */
  XXL(1001, Long.MAX_VALUE);

  // values() copies its array on every call, and of(long) runs once per pull request
  private static final PullRequestSize[] SIZES = values();

  private final long min;
  private final long max;

  PullRequestSize(long min, long max) {
    this.min = min;
    this.max = max;
  }

  /**
   * Returns the bucket of a size.
   *
   * @param lines {@code additions + deletions}
   * @return the bucket, or null for a size below 1
   */
  public static @org.jspecify.annotations.Nullable PullRequestSize of(long lines) {
    for (PullRequestSize size : SIZES) {
      if (lines >= size.min && lines <= size.max) {
        return size;
      }
    }
    return null;
  }
}
