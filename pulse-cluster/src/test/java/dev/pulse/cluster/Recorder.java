package dev.pulse.cluster;

import dev.pulse.ScopeId;
import dev.pulse.engine.ScopeResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the workers of a test did, shared by all of them: every finished execution, and how many
 * executions of one scope ran at the same time (across workers), at most.
 */
final class Recorder implements ClusterListener {
  record Started(ScopeId scope, String worker, long generation) {}

  record Finished(
      ScopeId scope, String worker, long generation, ScopeResult result, boolean fenced) {}

  final List<Started> started = new CopyOnWriteArrayList<>();
  final List<Finished> finished = new CopyOnWriteArrayList<>();
  private final Map<ScopeId, AtomicInteger> active = new ConcurrentHashMap<>();
  private final AtomicInteger maxActivePerScope = new AtomicInteger();

  @Override
  public void scopeStarted(ScopeId scope, String worker, long generation) {
    int now = active.computeIfAbsent(scope, s -> new AtomicInteger()).incrementAndGet();
    maxActivePerScope.accumulateAndGet(now, Math::max);
    started.add(new Started(scope, worker, generation));
  }

  @Override
  public void scopeFinished(
      ScopeId scope, String worker, long generation, ScopeResult result, boolean fenced) {
    // Recorded before the scope counts as inactive, so a reader that sees it finished sees the
    // counts that include it.
    finished.add(new Finished(scope, worker, generation, result, fenced));
    active.get(scope).decrementAndGet();
  }

  int maxActivePerScope() {
    return maxActivePerScope.get();
  }

  long done() {
    return finished.stream().filter(f -> f.result().outcome() == ScopeResult.Outcome.DONE).count();
  }

  long doneBy(String worker) {
    return finished.stream()
        .filter(f -> f.worker().equals(worker) && f.result().outcome() == ScopeResult.Outcome.DONE)
        .count();
  }
}
