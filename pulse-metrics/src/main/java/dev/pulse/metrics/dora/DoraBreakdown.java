package dev.pulse.metrics.dora;

import java.util.List;

/**
 * The DORA figures of a scope over several windows and of parts of it over the first window, from
 * {@link Dora#computeParts}.
 *
 * @param windows one result per window, in the order given (unmodifiable copy)
 * @param parts one result per part over the first window, in the order given (unmodifiable copy)
 */
public record DoraBreakdown(List<DoraFigures> windows, List<DoraFigures> parts) {

  /** Copies the lists. */
  public DoraBreakdown {
    windows = List.copyOf(windows);
    parts = List.copyOf(parts);
  }
}
