package dev.pulse.cli;

import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.ScopeKey;
import dev.pulse.pipeline.DeadLetterReplay;
import dev.pulse.progress.ProgressTracker;
import dev.pulse.spi.Connector;
import dev.pulse.spi.DeadLetter;
import dev.pulse.status.LabelSelector;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code pulse dead-letters [list|retry|discard]}: records a sink turned away. */
@Command(
    name = "dead-letters",
    mixinStandardHelpOptions = true,
    header = "List, retry or discard records a sink rejected.",
    description = {
      "Lists, replays or gives up the records a sink rejected (dead letters), kept per scope with"
          + " their reason code, attempts and first and last seen (docs/operations.md).",
      "  list                         every letter of the configured tenants (default)",
      "  retry --scope S              write the scope's letters to its sink again",
      "  discard --scope S --key K    give one letter up",
      "retry exits 1 when letters remain."
    })
final class DeadLettersCommand implements Callable<Integer> {
  @ParentCommand
  @SuppressWarnings("NullAway.Init") // set by picocli
  PulseCommand root;

  /** The actions. */
  enum Action {
    list,
    retry,
    discard
  }

  @Parameters(
      arity = "0..1",
      paramLabel = "ACTION",
      defaultValue = "list",
      description = "list, retry or discard (default ${DEFAULT-VALUE}).")
  Action action = Action.list;

  @Option(names = "--scope", paramLabel = "SCOPE", description = "The scope, e.g. jira:project:BG.")
  @Nullable String scope;

  @Option(names = "--key", paramLabel = "KEY", description = "The record's natural key (discard).")
  @Nullable String key;

  @Override
  public Integer call() {
    CliContext context = root.context();
    LoadedConfig config = root.load();
    config.requireValid();
    Stores stores = new Stores(config.store(), context.clock());
    ProgressTracker tracker = ProgressTracker.builder().clock(context.clock()).build();
    PrintWriter out = root.spec.commandLine().getOut();
    try (Pipelines pipelines =
        Pipelines.build(config, stores, tracker, context.clock(), LabelSelector.all(), null)) {
      if (action == Action.list) {
        int count = 0;
        for (Pipelines.Built built : pipelines.all()) {
          List<DeadLetter> letters = built.pipeline().deadLetters();
          for (DeadLetter letter : letters) {
            out.println(render(built.definition().name(), letter));
          }
          count += letters.size();
        }
        out.printf("%d dead letter(s)%n", count);
        return ExitCodes.OK;
      }
      String named = scope;
      if (named == null) {
        throw new CliFailure(ErrorCode.INVALID_CONFIG, action + " needs --scope SCOPE");
      }
      ScopeKey key = ScopeKey.parse(named);
      return action == Action.retry ? retry(pipelines, key, out) : discard(pipelines, key, out);
    }
  }

  private int retry(Pipelines pipelines, ScopeKey scopeKey, PrintWriter out) {
    int remaining = 0;
    int matched = 0;
    for (Pipelines.Built built : pipelines.all()) {
      for (Connector<?> connector : built.connectors()) {
        if (connector.source().equals(scopeKey.source())) {
          matched++;
          DeadLetterReplay replay =
              built.pipeline().retryDeadLetters(connector.entityType(), scopeKey);
          out.println(scopeKey + " (" + connector.entityType() + "): " + replay);
          remaining += (int) stillThere(built, connector.entityType(), scopeKey);
        }
      }
    }
    if (matched == 0) {
      throw new CliFailure(ErrorCode.SCOPE_NOT_FOUND, "no configured source reads " + scopeKey);
    }
    return remaining == 0 ? ExitCodes.OK : ExitCodes.PARTIAL;
  }

  private static long stillThere(Pipelines.Built built, EntityType entityType, ScopeKey scope) {
    return built.pipeline().deadLetters().stream()
        .filter(l -> l.scope().entityType().equals(entityType) && l.scope().scope().equals(scope))
        .count();
  }

  private int discard(Pipelines pipelines, ScopeKey scopeKey, PrintWriter out) {
    String natural = key;
    if (natural == null) {
      throw new CliFailure(ErrorCode.INVALID_CONFIG, "discard needs --key KEY");
    }
    for (Pipelines.Built built : pipelines.all()) {
      for (Connector<?> connector : built.connectors()) {
        if (connector.source().equals(scopeKey.source())
            && built.pipeline().discardDeadLetter(connector.entityType(), scopeKey, natural)) {
          out.println("discarded " + natural + " of " + scopeKey);
          return ExitCodes.OK;
        }
      }
    }
    throw new CliFailure(
        ErrorCode.SCOPE_NOT_FOUND, "no dead letter " + natural + " in " + scopeKey);
  }

  private static String render(String pipeline, DeadLetter letter) {
    return String.format(
        Locale.ROOT,
        "%-12s %-28s %-20s %-14s attempts=%d first=%s last=%s %s",
        pipeline,
        letter.scope().scope(),
        letter.naturalKey(),
        letter.reasonCode(),
        letter.attempts(),
        letter.firstSeen(),
        letter.lastSeen(),
        letter.message());
  }
}
