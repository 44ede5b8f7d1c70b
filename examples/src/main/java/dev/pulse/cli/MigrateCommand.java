package dev.pulse.cli;

import dev.pulse.jdbc.JdbcDatabase;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code pulse migrate}: creates or upgrades the tables. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    header = "Create or upgrade the tables in the store.",
    description = {
      "Creates or upgrades Pulse's tables in the configured store (versioned migrations; safe to"
          + " run again: nothing happens when the schema is current).",
      "Only the store section of the configuration needs to be valid."
    })
final class MigrateCommand implements Callable<Integer> {
  @ParentCommand
  @SuppressWarnings("NullAway.Init") // set by picocli
  PulseCommand root;

  @Override
  public Integer call() {
    StoreSettings store = root.load().store();
    JdbcDatabase database = store.database();
    int applied = database.migrate();
    root.spec
        .commandLine()
        .getOut()
        .printf(
            "migrated %s: %d migration(s) applied%s%n",
            store.shownUrl(), applied, applied == 0 ? " (already current)" : "");
    return ExitCodes.OK;
  }
}
