package dev.pulse.metrics.dora;

import dev.pulse.model.Deployment;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The de-duplication step of pairing: of deployments sharing a (repository, build id), only the
 * last in input order is kept, as {@link IncrementalPairer#add} replaces an earlier version by a
 * later one.
 *
 * <p>An open-addressing hash of input indices rather than a {@code HashMap}: no key object and no
 * boxing per deployment, which matters at a million deployments per call.
 */
final class LatestPerBuild {
  private LatestPerBuild() {}

  /**
   * Returns the deployments whose (repository, build id) does not occur again later, in input
   * order; {@code in} itself when there is no duplicate. When {@code kept} is given (at least as
   * long as {@code in}), {@code kept[j]} receives the input index of the j-th kept deployment.
   *
   * @throws NullPointerException if an element is null
   */
  static Deployment[] keep(Deployment[] in, int @Nullable [] kept) {
    int n = in.length;
    // a power of two with load factor <= 1/2, so probe chains stay short
    int capacity = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
    int[] table =
        new int[capacity]; // index + 1 of the latest deployment with that key, 0 when free
    int mask = capacity - 1;
    boolean[] dropped = null;
    int drops = 0;
    for (int i = 0; i < n; i++) {
      Deployment d = Objects.requireNonNull(in[i], "deployment");
      String repository = d.repository();
      String build = d.buildId();
      int h = build.hashCode() * 31 + repository.hashCode();
      h ^= h >>> 16;
      int slot = (h * 0x9E3779B9) & mask;
      while (true) {
        int at = table[slot];
        if (at == 0) {
          table[slot] = i + 1;
          break;
        }
        Deployment other = in[at - 1];
        if (other.buildId().equals(build) && other.repository().equals(repository)) {
          if (dropped == null) {
            dropped = new boolean[n];
          }
          dropped[at - 1] = true;
          drops++;
          table[slot] = i + 1;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    if (dropped == null) {
      if (kept != null) {
        for (int i = 0; i < n; i++) {
          kept[i] = i;
        }
      }
      return in;
    }
    Deployment[] out = new Deployment[n - drops];
    int j = 0;
    for (int i = 0; i < n; i++) {
      if (!dropped[i]) {
        if (kept != null) {
          kept[j] = i;
        }
        out[j++] = in[i];
      }
    }
    return out;
  }
}
