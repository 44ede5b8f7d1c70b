package dev.pulse.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared pool that runs page fetches when the caller gives no executor. Its threads are
 * daemons, so an embedding service never has to shut it down; fetches are I/O-bound, so the pool
 * grows with demand and idle threads expire after a minute.
 */
final class FetchPool {
  private static final ExecutorService EXECUTOR = create();

  private FetchPool() {}

  static ExecutorService executor() {
    return EXECUTOR;
  }

  private static ExecutorService create() {
    AtomicInteger counter = new AtomicInteger();
    ThreadFactory factory =
        runnable -> {
          Thread thread = new Thread(runnable, "pulse-fetch-" + counter.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    return Executors.newCachedThreadPool(factory);
  }
}
