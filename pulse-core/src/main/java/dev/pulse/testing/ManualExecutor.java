package dev.pulse.testing;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * An executor that only queues tasks until the test runs them, so in-flight states can be held
 * still.
 *
 * <p>Thread-safe: tasks may be queued from any thread; {@link #runNext()} and {@link #runAll()} run
 * them on the calling thread, outside the executor's lock, so a task may queue further tasks.
 */
public final class ManualExecutor implements Executor {
  /** Creates an executor with no queued tasks. */
  public ManualExecutor() {}

  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

  @Override
  public synchronized void execute(Runnable task) {
    tasks.add(Objects.requireNonNull(task, "task"));
  }

  /** Returns how many tasks wait to be run. */
  public synchronized int pending() {
    return tasks.size();
  }

  /**
   * Runs the oldest queued task on the calling thread.
   *
   * @return false if there was none
   */
  public boolean runNext() {
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

  /**
   * Runs queued tasks, including those they queue, until none is left.
   *
   * @return how many tasks ran
   */
  public int runAll() {
    int ran = 0;
    while (runNext()) {
      ran++;
    }
    return ran;
  }
}
