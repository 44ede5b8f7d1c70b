package dev.pulse.cli;

import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.ScopeKey;
import dev.pulse.progress.ProgressTracker;
import dev.pulse.spi.Connector;
import dev.pulse.status.LabelSelector;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code pulse reset SCOPE|SOURCE}: re-backfill one scope or one source. */
@Command(
    name = "reset",
    mixinStandardHelpOptions = true,
    header = "Re-read one scope or one source from the beginning on the next ingest.",
    description = {
      "Deletes watermarks so the next pulse ingest reads from the beginning: one scope"
          + " (jira:project:BG) or every scope of one source (jira/issues). Stored records and"
          + " dead letters are kept; records read again are upserted.",
      "Do not reset while a pulse ingest --watch of the same store runs: its next batch would move"
          + " the watermark again. Exits 5 when no configured source reads the scope."
    })
final class ResetCommand implements Callable<Integer> {
  @ParentCommand
  @SuppressWarnings("NullAway.Init") // set by picocli
  PulseCommand root;

  @Parameters(
      paramLabel = "SCOPE|SOURCE",
      description = "A scope key such as jira:project:BG, or a source id such as jira/issues.")
  String target = "";

  @Override
  public Integer call() {
    CliContext context = root.context();
    LoadedConfig config = root.load();
    config.requireValid();
    Stores stores = new Stores(config.store(), context.clock());
    ProgressTracker tracker = ProgressTracker.builder().clock(context.clock()).build();
    PrintWriter out = root.spec.commandLine().getOut();
    // Scope keys always hold a colon (jira:project:BG); source ids never do (jira/issues).
    boolean isSource = !target.contains(":");
    ScopeKey scope = isSource ? null : ScopeKey.parse(target);
    int matched = 0;
    try (Pipelines pipelines =
        Pipelines.build(config, stores, tracker, context.clock(), LabelSelector.all(), null)) {
      for (Pipelines.Built built : pipelines.all()) {
        for (Connector<?> connector : built.connectors()) {
          String id = connector.source() + "/" + connector.entityType();
          if (isSource && id.equals(target)) {
            int removed = built.pipeline().resetSource(id);
            out.printf(
                "reset %s in pipeline %s: %d watermark(s) deleted; the next ingest re-reads it%n",
                id, built.definition().name(), removed);
            matched++;
          } else if (scope != null && connector.source().equals(scope.source())) {
            EntityType entityType = connector.entityType();
            boolean removed = built.pipeline().resetScope(entityType, scope);
            out.printf(
                "reset %s (%s) in pipeline %s: %s%n",
                scope,
                entityType,
                built.definition().name(),
                removed ? "watermark deleted; the next ingest re-reads it" : "it had no watermark");
            matched++;
          }
        }
      }
    }
    if (matched == 0) {
      throw new CliFailure(ErrorCode.SCOPE_NOT_FOUND, notFound(target, isSource ? null : scope));
    }
    return ExitCodes.OK;
  }

  private static String notFound(String target, @Nullable ScopeKey scope) {
    return scope == null
        ? "no configured source is " + target + "; source ids look like jira/issues"
        : "no configured source reads " + target;
  }
}
