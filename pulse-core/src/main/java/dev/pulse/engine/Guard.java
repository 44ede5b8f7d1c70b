package dev.pulse.engine;

import dev.pulse.PulseException;

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

  /**
   * Describes a failure for operators. Pulse's own messages are written without secrets; a foreign
   * exception's message may hold bind values, URLs with tokens or credentials, so only its type is
   * shown and the exception itself goes to the log.
   */
  static String describe(Throwable e) {
    return e instanceof PulseException
        ? String.valueOf(e.getMessage())
        : e.getClass().getSimpleName();
  }
}
