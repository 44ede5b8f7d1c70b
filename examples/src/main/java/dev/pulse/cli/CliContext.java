package dev.pulse.cli;

import dev.pulse.PulseClock;
import dev.pulse.config.ConnectorCatalog;
import dev.pulse.config.Environment;
import java.util.Objects;

/**
 * What a {@code pulse} run takes from its surroundings, injected so tests run the CLI in-process:
 * the environment (for {@code ${ENV}} references), the connector catalog, the clock and whether
 * standard output is a terminal.
 *
 * @param environment where references are resolved
 * @param catalog the connector types
 * @param clock the clock
 * @param terminal whether progress may be redrawn in place
 */
public record CliContext(
    Environment environment, ConnectorCatalog catalog, PulseClock clock, boolean terminal) {
  /** Checks for nulls. */
  public CliContext {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * Returns the context of a real process: the system environment, the providers discovered on the
   * class path, the system clock, and a terminal when {@code System.console()} is present.
   *
   * @return the context
   */
  public static CliContext system() {
    return new CliContext(
        Environment.system(),
        ConnectorCatalog.discover(PulseCli.class.getClassLoader()),
        PulseClock.system(),
        ProgressView.stdoutIsTerminal());
  }
}
