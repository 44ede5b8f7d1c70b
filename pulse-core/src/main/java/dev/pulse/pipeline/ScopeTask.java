package dev.pulse.pipeline;

/** One queued attempt at one scope, run by the {@link Dispatcher} when a slot is free. */
interface ScopeTask {
  /** Runs the attempt on an executor thread while holding its slots. */
  void run();

  /**
   * Reports that the executor refused the attempt.
   *
   * @param cause the refusal
   */
  void rejected(RuntimeException cause);
}
