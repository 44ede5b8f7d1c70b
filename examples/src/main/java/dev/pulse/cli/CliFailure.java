package dev.pulse.cli;

import dev.pulse.ErrorCode;

/**
 * A command's failure as the user sees it: one line with a stable {@link ErrorCode}, and the exit
 * code that code maps to ({@link ExitCodes#of}).
 */
final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final int exitCode;

  CliFailure(ErrorCode code, String message) {
    this(code, message, ExitCodes.of(code));
  }

  CliFailure(ErrorCode code, String message, int exitCode) {
    super(message, null, false, false);
    this.code = code;
    this.exitCode = exitCode;
  }

  ErrorCode code() {
    return code;
  }

  int exitCode() {
    return exitCode;
  }
}
