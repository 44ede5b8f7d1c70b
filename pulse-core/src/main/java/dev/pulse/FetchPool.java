package dev.pulse;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared pool that runs page fetches when the caller gives no executor. Its threads are daemons, so an
 * embedding service never has to shut it down; fetches are I/O-bound, so the pool grows with demand.
 */
@SuppressWarnings("ImmutableEnumChecker") // The singleton holds a pool by design; its reference never changes.
enum FetchPool {
  INSTANCE;

  private final ExecutorService executor;

  FetchPool() {
    AtomicInteger counter = new AtomicInteger();
    ThreadFactory factory = runnable -> {
      Thread thread = new Thread(runnable, "pulse-fetch-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    this.executor = Executors.newCachedThreadPool(factory);
  }

  ExecutorService executor() {
    return executor;
  }
}
