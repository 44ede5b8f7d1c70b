package dev.pulse.cli;

import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root {@code pulse} command: the shared {@code --config} option and the subcommands. */
@Command(
    name = "pulse",
    mixinStandardHelpOptions = true,
    version = "pulse 0.1.0",
    sortOptions = false,
    description = {
      "Ingests engineering data (Jira, GitHub, Jenkins or any connector on the class path)"
          + " incrementally into a database, and reports its status and its DORA and flow metrics.",
      "",
      "A first session:",
      "  pulse validate pulse.json     check the configuration; connects nowhere",
      "  pulse migrate                 create or upgrade the tables",
      "  pulse ingest                  read every source once (only what is new)",
      "  pulse status                  health, watermarks and progress per scope",
      "  pulse metrics --window 30d    DORA per repository, flow per project",
      "  pulse serve --port 8080       ingest continuously; serve status, metrics, report",
      "",
      "The configuration (JSON) holds the pipelines and a store:",
      "  {\"store\": {\"url\": \"jdbc:sqlite:pulse.db\"},",
      "   \"pipelines\": [{\"name\": \"eng\", \"labels\": {\"team\": \"core\"},",
      "     \"sources\": [{\"type\": \"jira\", \"settings\": {",
      "       \"baseUrl\": \"https://acme.atlassian.net\", \"email\": \"bot@acme.com\",",
      "       \"token\": \"$${JIRA_TOKEN}\"}}]}]}",
      "Secrets are written as \"$${ENV_NAME}\" or {\"file\": \"/run/secrets/name\"}.",
      ""
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  done              1  part of the work failed (a scope, a source, a dead letter)",
      "  2  bad command line  3  invalid configuration (pulse validate lists every problem)",
      "  4  store failure     5  named scope, source, pipeline or team not found",
      "  6  a source failed as a whole (auth, rate limit, unavailable)",
      "  70 internal error    130 interrupted",
      "Errors are one line on standard error: pulse: error [CODE] message.",
      "Docs: docs/getting-started.md, docs/operations.md."
    },
    subcommands = {
      ValidateCommand.class,
      MigrateCommand.class,
      IngestCommand.class,
      StatusCommand.class,
      MetricsCommand.class,
      ResetCommand.class,
      DeadLettersCommand.class,
      ServeCommand.class,
      AutoComplete.GenerateCompletion.class
    })
final class PulseCommand implements Runnable {
  private final CliContext context;

  @Spec
  @SuppressWarnings("NullAway.Init") // set by picocli before run()
  CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      defaultValue = "${env:PULSE_CONFIG:-pulse.json}",
      description = "The configuration file (default: $PULSE_CONFIG, else ${DEFAULT-VALUE}).")
  Path config = Path.of("pulse.json");

  PulseCommand(CliContext context) {
    this.context = context;
  }

  CliContext context() {
    return context;
  }

  Path config() {
    return config;
  }

  LoadedConfig load() {
    return LoadedConfig.read(config, context.catalog(), context.environment());
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
