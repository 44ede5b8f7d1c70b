package dev.pulse.cli;

import dev.pulse.ErrorCode;
import dev.pulse.config.ConfigProblem;
import dev.pulse.config.PipelineDefinition;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code pulse validate [FILE]}: the dry run. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    header = "Check a configuration (dry run): every problem with its JSON path and code.",
    description = {
      "Checks a configuration without connecting anywhere and lists every problem at once, each"
          + " with its JSON path and error code: unknown connector types, unknown or missing keys,"
          + " wrong types, unset $${ENV} references, missing secrets, malformed scope keys, bad"
          + " limits, duplicate pipeline names, a bad store section.",
      "Exits 0 when valid, 3 otherwise."
    })
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand
  @SuppressWarnings("NullAway.Init") // set by picocli
  PulseCommand root;

  @Parameters(
      arity = "0..1",
      paramLabel = "FILE",
      description = "The configuration to check (default: the --config file).")
  @Nullable Path file;

  @Override
  public Integer call() {
    Path path = file != null ? file : root.config();
    LoadedConfig config =
        LoadedConfig.read(path, root.context().catalog(), root.context().environment());
    PrintWriter out = root.spec.commandLine().getOut();
    if (config.problems().isEmpty()) {
      int sources = 0;
      for (PipelineDefinition pipeline : config.pipelines()) {
        sources += pipeline.sources().size();
      }
      out.printf(
          "%s is valid: %d pipeline(s) %s, %d source(s), store %s%n",
          path,
          config.pipelines().size(),
          config.pipelines().stream().map(PipelineDefinition::name).toList(),
          sources,
          config.store().shownUrl());
      return ExitCodes.OK;
    }
    for (ConfigProblem problem : config.problems()) {
      out.println(problem);
    }
    root.spec
        .commandLine()
        .getErr()
        .println(
            PulseCli.line(
                ErrorCode.INVALID_CONFIG,
                path + " has " + config.problems().size() + " problem(s)"));
    return ExitCodes.CONFIG;
  }
}
