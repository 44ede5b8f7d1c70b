package dev.pulse.testkit;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;

/** An executor that only queues tasks until the test runs them, so in-flight states can be held still. */
final class ManualExecutor implements Executor {
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

  @Override
  public synchronized void execute(Runnable task) {
    tasks.add(Objects.requireNonNull(task, "task"));
  }

  /** Returns how many tasks wait to be run. */
  synchronized int pending() {
    return tasks.size();
  }

  /**
   * Runs the oldest queued task on the calling thread.
   *
   * @return false if there was none
   */
  boolean runNext() {
    Runnable task;
    synchronized (this) {
      task = tasks.poll();
    }
    if (task == null) {
      return false;
    }
    task.run();
    return true;
  }
}
