package dev.pulse.cli;

import dev.pulse.ErrorCode;
import dev.pulse.PulseException;
import dev.pulse.internal.Redaction;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import picocli.CommandLine;

/**
 * The {@code pulse} command line, shipped as {@code examples/target/pulse.jar}: validate a
 * configuration, migrate the store, ingest once or continuously, and read status, metrics, resets
 * and dead letters back from the database. Run {@code java -jar pulse.jar --help}.
 *
 * <p>Every failure prints one line, {@code pulse: error [CODE] message}, on standard error, and the
 * process exits with a documented code (docs/getting-started.md): 0 done, 1 part of the work
 * failed, 2 bad command line, 3 invalid configuration, 4 store failure, 5 not found, 6 a source
 * failed as a whole, 70 internal error, 130 interrupted. {@link #run} runs it in-process, which is
 * how the tests drive it.
 */
public final class PulseCli {
  private PulseCli() {}

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    quietLogs();
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = run(args, out, err, CliContext.system());
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs the command line in this process.
   *
   * @param args the arguments
   * @param out standard output
   * @param err standard error
   * @param context the environment, connector catalog, clock and terminal flag
   * @return the exit code
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err, CliContext context) {
    Objects.requireNonNull(args, "args");
    CommandLine line = commandLine(context);
    line.setOut(out);
    line.setErr(err);
    return line.execute(args);
  }

  /**
   * Keeps libraries' INFO lines (Flyway's migration chatter) off the terminal unless the user asked
   * for them with {@code -Dorg.slf4j.simpleLogger.defaultLogLevel=info}.
   */
  public static void quietLogs() {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
  }

  /** Builds the command tree with its error handlers. */
  static CommandLine commandLine(CliContext context) {
    CommandLine line = new CommandLine(new PulseCommand(context));
    CommandLine completion = line.getSubcommands().get("generate-completion");
    if (completion != null) {
      completion.getCommandSpec().usageMessage().hidden(false);
    }
    line.setExecutionExceptionHandler(
        (exception, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (exception instanceof CliFailure failure) {
            err.println(line(failure.code(), failure.getMessage()));
            return failure.exitCode();
          }
          if (exception instanceof PulseException pulse) {
            err.println(line(pulse.code(), pulse.getMessage()));
            return ExitCodes.of(pulse.code());
          }
          if (exception instanceof IllegalArgumentException
              || exception instanceof IllegalStateException) {
            err.println(line(ErrorCode.INVALID_CONFIG, exception.getMessage()));
            return ExitCodes.CONFIG;
          }
          err.println(
              line(
                  ErrorCode.INTERNAL,
                  exception.getClass().getName()
                      + " (a bug; please report it with the command that caused it)"));
          return ExitCodes.INTERNAL;
        });
    line.setParameterExceptionHandler(
        (exception, args) -> {
          CommandLine failed = exception.getCommandLine();
          PrintWriter err = failed.getErr();
          err.println(line(ErrorCode.INVALID_CONFIG, exception.getMessage()));
          CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
          err.println(
              "Try 'pulse "
                  + (failed.getCommandSpec().parent() == null ? "" : failed.getCommandName() + " ")
                  + "--help'.");
          return ExitCodes.USAGE;
        });
    return line;
  }

  /** The one line of an error; the message is sanitized here as everywhere else. */
  static String line(ErrorCode code, @org.jspecify.annotations.Nullable String message) {
    String text =
        Objects.requireNonNullElse(
            Redaction.sanitize(message == null ? "" : message.replace('\n', ' '), 500), "");
    return "pulse: error [" + code + "] " + text;
  }
}
