package dev.pulse.engine;

import dev.pulse.PulseException;
import dev.pulse.internal.Sanitizer;

/** Helpers for the engine's calls into plugin code, which may throw anything. */
final class Guard {
  private Guard() {}

  /**
   * Rethrows what no plugin boundary may swallow: the JVM itself is failing (out of memory, stack
   * overflow, internal error), and going on would only corrupt state.
   */
  static void rethrowIfFatal(Throwable e) {
    if (e instanceof VirtualMachineError fatal) {
      throw fatal;
    }
  }

  /** The longest failure description that leaves Pulse in a log line, report or status. */
  static final int MAX_MESSAGE_LENGTH = 500;

  /**
   * Describes a failure for operators. A Pulse exception's message is shown sanitized (masked,
   * escaped, capped); a foreign exception's message may hold bind values, URLs with tokens or
   * credentials, so only its type is shown and the exception itself goes to the log.
   */
  static String describe(Throwable e) {
    if (!(e instanceof PulseException)) {
      return e.getClass().getSimpleName();
    }
    // A connector author may have put a vendor's raw message (URLs with credentials, tokens,
    // newlines that forge log lines) into a Pulse exception: it leaves Pulse only sanitized.
    String sanitized = Sanitizer.sanitize(e.getMessage(), MAX_MESSAGE_LENGTH);
    return sanitized == null ? e.getClass().getSimpleName() : sanitized;
  }
}
