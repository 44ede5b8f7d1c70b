package dev.pulse.cli;

import dev.pulse.ErrorCode;
import dev.pulse.engine.ScopeResult;
import dev.pulse.pipeline.Pipeline;
import dev.pulse.pipeline.PipelineReport;
import dev.pulse.pipeline.ScopeRun;
import dev.pulse.pipeline.SourceReport;
import dev.pulse.progress.ProgressTracker;
import dev.pulse.status.LabelSelector;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code pulse ingest [--once|--watch]}: reads the sources into the store. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    header = "Read the sources into the store: once (--once, default) or continuously (--watch).",
    description = {
      "Reads every source of the configured pipelines into the store, each scope from its"
          + " watermark: the first run backfills, later runs read only what is new. Every batch is"
          + " stored before its watermark moves, so an interrupted run resumes where it stopped.",
      "Migrates the store first. Shows live progress per scope (bar, rate, ETA, stalled); plain"
          + " lines when the output is not a terminal.",
      "--once (the default) exits 0 when every scope finished, 1 when some failed (see pulse"
          + " status). --watch runs each source every 'interval' of its configuration until"
          + " interrupted (Ctrl-C), then stops gracefully."
    })
final class IngestCommand implements Callable<Integer> {
  @ParentCommand
  @SuppressWarnings("NullAway.Init") // set by picocli
  PulseCommand root;

  @ArgGroup(exclusive = true)
  @Nullable Mode mode;

  /** Exactly one of the run modes. */
  static final class Mode {
    @Option(names = "--once", description = "Read every source once and exit (default).")
    boolean once;

    @Option(
        names = "--watch",
        description = "Keep reading on each source's interval until stopped.")
    boolean watch;
  }

  @Option(names = "--pipeline", paramLabel = "NAME", description = "Only this pipeline.")
  @Nullable String pipeline;

  @Mixin LabelOption labels = new LabelOption();

  @Mixin GraceOption graceOption = new GraceOption();

  @Override
  public Integer call() throws InterruptedException {
    CliContext context = root.context();
    LoadedConfig config = root.load();
    config.requireValid();
    Stores stores = new Stores(config.store(), context.clock());
    stores.database().migrate();
    ProgressTracker tracker =
        ProgressTracker.builder()
            .clock(context.clock())
            .store(stores.progress())
            .persistInterval(Duration.ofSeconds(2))
            .build();
    LabelSelector selector = labels.selector();
    PrintWriter out = root.spec.commandLine().getOut();
    try (Pipelines pipelines =
        Pipelines.build(config, stores, tracker, context.clock(), selector, pipeline)) {
      Mode chosen = mode;
      if (chosen != null && chosen.watch) {
        return watch(pipelines, out);
      }
      return once(pipelines, tracker, out);
    } finally {
      tracker.flush();
    }
  }

  private int once(Pipelines pipelines, ProgressTracker tracker, PrintWriter out)
      throws InterruptedException {
    Instant started = root.context().clock().instant();
    List<PipelineReport> reports = new ArrayList<>();
    try (ProgressView view = new ProgressView(tracker, out, root.context().terminal())) {
      view.start();
      List<CompletableFuture<PipelineReport>> runs = new ArrayList<>();
      for (Pipelines.Built built : pipelines.all()) {
        runs.add(built.pipeline().runOnce());
      }
      for (CompletableFuture<PipelineReport> run : runs) {
        try {
          reports.add(run.get());
        } catch (ExecutionException e) {
          throw new CliFailure(
              ErrorCode.INTERNAL, "a pipeline run failed: " + String.valueOf(e.getCause()));
        }
      }
    }
    long stored = 0;
    int failed = 0;
    int skipped = 0;
    ErrorCode firstCode = null;
    for (PipelineReport report : reports) {
      for (SourceReport source : report.sources()) {
        if (source.error() != null) {
          skipped++;
          firstCode = firstCode == null ? source.error().code() : firstCode;
          out.printf(
              "%-22s skipped: %s: %s%n",
              source.source(), source.error().code(), source.error().message());
        }
        for (ScopeRun scope : source.scopes()) {
          stored += scope.itemsStored();
          if (scope.outcome() == ScopeResult.Outcome.FAILED) {
            failed++;
            if (firstCode == null && scope.error() != null) {
              firstCode = scope.error().code();
            }
          }
          out.printf(
              Locale.ROOT,
              "%-22s %-28s %-9s +%,d new (%,d stored)%s%n",
              source.source(),
              scope.key().scope(),
              scope.outcome(),
              scope.itemsStored(),
              scope.watermark().itemsStored(),
              scope.error() == null
                  ? ""
                  : "  " + scope.error().code() + ": " + scope.error().message());
        }
      }
    }
    Duration took = Duration.between(started, root.context().clock().instant());
    out.printf(
        Locale.ROOT,
        "ingested %,d new record(s) in %.1f s%s%n",
        stored,
        took.toMillis() / 1000.0,
        stored == 0 ? " (nothing new)" : "");
    if (failed > 0 || skipped > 0) {
      root.spec
          .commandLine()
          .getErr()
          .println(
              PulseCli.line(
                  firstCode == null ? ErrorCode.INTERNAL : firstCode,
                  failed
                      + " scope(s) failed and "
                      + skipped
                      + " source(s) were skipped; see pulse status"));
      return ExitCodes.PARTIAL;
    }
    return ExitCodes.OK;
  }

  private int watch(Pipelines pipelines, PrintWriter out) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              out.println("stopping (grace " + graceOption.grace + ") ...");
              out.flush();
              for (Pipelines.Built built : pipelines.all()) {
                built.pipeline().stop(graceOption.grace).join();
              }
              stopped.countDown();
            },
            "pulse-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    for (Pipelines.Built built : pipelines.all()) {
      Pipeline pipeline = built.pipeline();
      pipeline.start();
      out.printf("watching %s; press Ctrl-C to stop%n", pipeline);
    }
    out.flush();
    stopped.await();
    return ExitCodes.CANCELLED;
  }
}
