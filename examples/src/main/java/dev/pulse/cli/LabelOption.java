package dev.pulse.cli;

import dev.pulse.status.LabelSelector;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The {@code -l/--label} option of the commands that act on a subset of the pipelines. */
final class LabelOption {
  @Option(
      names = {"-l", "--label"},
      paramLabel = "SELECTOR",
      description = "Only pipelines whose labels match, e.g. team=core,env (AND).")
  @Nullable String label;

  /** The pipelines selected: every one when the option is absent. */
  LabelSelector selector() {
    return label == null ? LabelSelector.all() : LabelSelector.parse(label);
  }
}
