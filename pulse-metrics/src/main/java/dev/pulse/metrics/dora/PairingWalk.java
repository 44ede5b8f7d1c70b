package dev.pulse.metrics.dora;

import static dev.pulse.metrics.dora.PairingCore.FAILURE;
import static dev.pulse.metrics.dora.PairingCore.OPEN;
import static dev.pulse.metrics.dora.PairingCore.RESOLVED;
import static dev.pulse.metrics.dora.PairingCore.SUCCESS;
import static dev.pulse.metrics.dora.PairingCore.SUPERSEDED;

/**
 * The pairing walk over one group in pairing order: the first failure of a chain anchors an
 * incident, later failures are superseded by it, and the next success closes the chain, resolving
 * the anchor when it is within the open-incident window.
 */
final class PairingWalk {
  private PairingWalk() {}

  /**
   * Pairs positions {@code [from, to)} of one group, which must be in pairing order and must start
   * a chain (the first position or the one after a success).
   *
   * <p>Writes {@code status[i]} for every failure (others are left untouched) and {@code link[i]}:
   * the recovering success of a resolved anchor, the anchor of a superseded failure, {@code -1} for
   * an open anchor.
   */
  static void pairRun(
      long[] time, byte[] kind, int from, int to, long windowNanos, byte[] status, int[] link) {
    int anchor = -1;
    for (int i = from; i < to; i++) {
      byte k = kind[i];
      if (k == FAILURE) {
        if (anchor < 0) {
          anchor = i;
          status[i] = OPEN;
          link[i] = -1;
        } else {
          status[i] = SUPERSEDED;
          link[i] = anchor;
        }
      } else if (k == SUCCESS && anchor >= 0) {
        long elapsed = time[i] - time[anchor]; // >= 0 in pairing order; negative only on overflow
        if (elapsed >= 0 && elapsed <= windowNanos) {
          status[anchor] = RESOLVED;
          link[anchor] = i;
        }
        anchor = -1; // a success always closes the chain, inside the window or not
      }
    }
  }
}
