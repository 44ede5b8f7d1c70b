package dev.pulse.cli;

import dev.pulse.progress.ProgressTracker;
import dev.pulse.status.LabelSelector;
import dev.pulse.status.PipelineStatus;
import dev.pulse.status.StatusJson;
import dev.pulse.status.StatusText;
import dev.pulse.status.StatusThresholds;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code pulse status}: the pipelines' health from the database alone. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    header = "Health, watermarks, progress and errors per scope, from the database alone.",
    description = {
      "Shows each pipeline's health (LIVE, SYNCING, STALE, ERROR) and, per scope, its watermark,"
          + " items stored, last saved progress (rate, ETA, stalled), last error and dead letters."
          + " Reads the database only: no running process is needed.",
      "The states and every column are explained in docs/operations.md. Exits 0 whatever the"
          + " health; read the JSON's \"health\" for automation."
    })
final class StatusCommand implements Callable<Integer> {
  @ParentCommand
  @SuppressWarnings("NullAway.Init") // set by picocli
  PulseCommand root;

  /** The output formats. */
  enum Format {
    text,
    json
  }

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (an aligned table) or json (an array, one object per pipeline).")
  Format format = Format.text;

  @Mixin LabelOption labels = new LabelOption();

  @Option(names = "--pipeline", paramLabel = "NAME", description = "Only this pipeline.")
  @Nullable String pipeline;

  @Override
  public Integer call() {
    CliContext context = root.context();
    LoadedConfig config = root.load();
    config.requireValid();
    Stores stores = new Stores(config.store(), context.clock());
    LabelSelector selector = labels.selector();
    ProgressTracker unused = ProgressTracker.builder().clock(context.clock()).build();
    List<PipelineStatus> statuses = new ArrayList<>();
    Instant now = context.clock().instant();
    try (Pipelines pipelines =
        Pipelines.build(config, stores, unused, context.clock(), selector, pipeline)) {
      for (Pipelines.Built built : pipelines.all()) {
        statuses.add(StoredStatus.of(built, stores, StatusThresholds.defaults(), now));
      }
    }
    PrintWriter out = root.spec.commandLine().getOut();
    if (format == Format.json) {
      out.println(
          "[" + String.join(",\n", statuses.stream().map(StatusJson::write).toList()) + "]");
    } else {
      for (PipelineStatus status : statuses) {
        out.println(StatusText.render(status));
      }
    }
    return ExitCodes.OK;
  }
}
