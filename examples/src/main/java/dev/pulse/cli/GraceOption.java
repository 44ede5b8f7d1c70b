package dev.pulse.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The {@code --grace} option of the commands that run pipelines until interrupted. */
final class GraceOption {
  @Option(
      names = "--grace",
      paramLabel = "DURATION",
      defaultValue = "PT30S",
      description =
          "How long in-flight batches may finish after Ctrl-C (default ${DEFAULT-VALUE}).")
  Duration grace = Duration.ofSeconds(30);
}
