package dev.pulse.cluster;

import dev.pulse.ScopeId;
import dev.pulse.engine.ScopeResult;
import java.util.List;

/**
 * Hears what one worker of a {@link PulseCluster} does: which scope executions it starts and how
 * they end, and what its discovery changed.
 *
 * <p>Called on the worker's scheduler threads, concurrently for different scopes; implementations
 * must be thread-safe and quick. A listener that throws is logged and ignored. Every method has a
 * no-op default so new hooks do not break implementations.
 */
public interface ClusterListener {
  /** A listener that does nothing. */
  ClusterListener NONE = new ClusterListener() {};

  /**
   * Called when this worker has claimed a scope and is about to read it.
   *
   * @param scope the scope
   * @param worker this worker's name
   * @param generation the execution's fence generation, higher than any earlier execution's
   */
  default void scopeStarted(ScopeId scope, String worker, long generation) {}

  /**
   * Called when this worker's read of a scope has ended.
   *
   * @param scope the scope
   * @param worker this worker's name
   * @param generation the execution's fence generation
   * @param result what the read did
   * @param fenced true if a write was refused because a newer execution had taken the scope over;
   *     the result then is failed and nothing of the refused transaction was stored
   */
  default void scopeFinished(
      ScopeId scope, String worker, long generation, ScopeResult result, boolean fenced) {}

  /**
   * Called after a discovery pass of one source changed the scheduled scopes.
   *
   * @param sourceId the source's {@link ClusterSource#id()}
   * @param added scopes scheduled for the first time
   * @param retired scopes the connector no longer lists, removed from the schedule
   */
  default void scopesChanged(String sourceId, List<ScopeId> added, List<ScopeId> retired) {}
}
