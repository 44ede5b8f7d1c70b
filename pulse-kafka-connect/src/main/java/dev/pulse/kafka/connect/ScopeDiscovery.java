package dev.pulse.kafka.connect;

import dev.pulse.PulseException;
import dev.pulse.ScopeKey;
import dev.pulse.spi.Connector;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's background look for new and vanished scopes: every interval it asks the Pulse
 * connector for its scopes and, when the set changed, calls back so that Connect reconfigures the
 * tasks ({@code ConnectorContext.requestTaskReconfiguration()}).
 *
 * <p>A failed discovery keeps the scopes known so far and is logged (with its error code, never
 * settings); the next interval tries again. Thread-safe: {@link #scopes()} may be read while the
 * discovery thread runs. {@link #close()} stops the thread and is idempotent.
 */
final class ScopeDiscovery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScopeDiscovery.class);

  private final Connector<?> connector;
  private final Runnable onChange;
  private volatile Set<ScopeKey> scopes = Set.of();
  private final ScheduledExecutorService thread;

  /**
   * Discovers once, on the caller's thread, then every {@code interval} in the background.
   *
   * @param connector the Pulse connector whose scopes to follow
   * @param interval the time between discoveries
   * @param onChange called on the discovery thread after the set of scopes changed
   * @param name the Connect connector's name, for the thread's name and the logs
   */
  ScopeDiscovery(Connector<?> connector, Duration interval, Runnable onChange, String name) {
    this.connector = connector;
    this.onChange = onChange;
    discover();
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, "pulse-discovery-" + name);
              t.setDaemon(true);
              return t;
            });
    long millis = Math.max(1, interval.toMillis());
    // discoverAndNotify catches everything, so the schedule's future never holds a failure.
    var unused =
        thread.scheduleWithFixedDelay(
            this::discoverAndNotify, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Returns the scopes found by the last successful discovery, sorted. */
  Set<ScopeKey> scopes() {
    return scopes;
  }

  /** Discovers now; returns whether the set of scopes changed. */
  boolean discover() {
    List<ScopeKey> found;
    try {
      found = connector.discoverScopes();
    } catch (PulseException e) {
      LOG.warn(
          "Scope discovery of {} failed ({}): {}; keeping {} known scopes",
          connector.source(),
          e.code(),
          e.getMessage(),
          scopes.size());
      return false;
    } catch (RuntimeException e) {
      LOG.warn(
          "Scope discovery of {} failed ({}); keeping {} known scopes",
          connector.source(),
          e.getClass().getName(),
          scopes.size());
      return false;
    }
    Set<ScopeKey> now = Collections.unmodifiableSet(new TreeSet<>(found));
    if (now.equals(scopes)) {
      return false;
    }
    LOG.info(
        "Scope discovery of {} found {} scopes (was {})",
        connector.source(),
        now.size(),
        scopes.size());
    scopes = now;
    return true;
  }

  private void discoverAndNotify() {
    try {
      if (discover()) {
        onChange.run();
      }
    } catch (RuntimeException e) {
      // A throwing callback must not end the schedule: the next interval tries again.
      LOG.warn(
          "Scope discovery of {} could not request a task reconfiguration", connector.source(), e);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
