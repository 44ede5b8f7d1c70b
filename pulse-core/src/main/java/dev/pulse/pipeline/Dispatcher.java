package dev.pulse.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts queued scope tasks on the executor within two limits: each source's own concurrency and
 * the pipeline's global one, taking sources round-robin so a source with many scopes never starves
 * another.
 *
 * <p>A task holds its slots until it returns, so a hanging scope blocks at most its own source's
 * slots (and the global slots they use); queued tasks of other sources start as soon as any slot
 * frees. Thread-safe; the queues and counters of every {@link SourceRuntime} are guarded by this
 * dispatcher's lock.
 */
final class Dispatcher {
  private final Executor executor;
  private final int globalLimit;
  private final List<SourceRuntime<?>> sources = new ArrayList<>();
  // Work-in-progress counter: one thread drains at a time, and a same-thread executor re-entering
  // drain() from a finished task only asks the draining thread for another pass.
  private final AtomicInteger wip = new AtomicInteger();
  private int globalActive;
  private int cursor;

  Dispatcher(Executor executor, int globalLimit) {
    this.executor = executor;
    this.globalLimit = globalLimit;
  }

  synchronized void register(SourceRuntime<?> source) {
    sources.add(source);
  }

  void submit(SourceRuntime<?> source, ScopeTask task) {
    synchronized (this) {
      source.queue.add(task);
    }
    drain();
  }

  void submitAll(SourceRuntime<?> source, List<ScopeTask> tasks) {
    synchronized (this) {
      source.queue.addAll(tasks);
    }
    drain();
  }

  private void drain() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    do {
      for (Start start : takeStartable()) {
        launch(start);
      }
    } while (wip.decrementAndGet() != 0);
  }

  private synchronized List<Start> takeStartable() {
    List<Start> starts = new ArrayList<>();
    int n = sources.size();
    while (globalActive < globalLimit) {
      Start next = null;
      for (int i = 0; i < n && next == null; i++) {
        SourceRuntime<?> source = sources.get((cursor + i) % n);
        if (!source.queue.isEmpty() && source.active < source.spec.concurrency()) {
          ScopeTask task = source.queue.poll();
          if (task != null) {
            next = new Start(source, task);
            cursor = (cursor + i + 1) % n;
          }
        }
      }
      if (next == null) {
        break;
      }
      next.source.active++;
      globalActive++;
      starts.add(next);
    }
    return starts;
  }

  private void launch(Start start) {
    try {
      executor.execute(
          () -> {
            try {
              start.task.run();
            } finally {
              release(start.source);
            }
          });
    } catch (RejectedExecutionException e) {
      release(start.source);
      start.task.rejected(e);
    }
  }

  private void release(SourceRuntime<?> source) {
    synchronized (this) {
      source.active--;
      globalActive--;
    }
    drain();
  }

  private record Start(SourceRuntime<?> source, ScopeTask task) {}
}
