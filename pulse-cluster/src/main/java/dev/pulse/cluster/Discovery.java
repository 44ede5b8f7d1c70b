package dev.pulse.cluster;

import com.github.kagkarlsson.scheduler.ScheduledExecutionsFilter;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.pulse.PulseClock;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One discovery pass: asks every source's connector for its scopes, schedules a task for each new
 * one and unschedules the tasks of scopes no longer listed. A source whose discovery fails keeps
 * its tasks: an outage of the source's API must not retire its scopes.
 */
final class Discovery {
  private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

  private final Map<String, ClusterSource<?>> sources;
  private final PulseClock clock;
  private final ClusterListener listener;

  Discovery(Map<String, ClusterSource<?>> sources, PulseClock clock, ClusterListener listener) {
    this.sources = sources;
    this.clock = clock;
    this.listener = listener;
  }

  DiscoveryReport run(SchedulerClient client) {
    Map<String, Set<ScopeId>> scheduled = new HashMap<>();
    client.fetchScheduledExecutionsForTask(
        PulseCluster.SCOPE_TASK,
        Void.class,
        ScheduledExecutionsFilter.all(),
        execution -> {
          try {
            ScopeId scope = ScopeTaskId.decode(execution.getTaskInstance().getId());
            scheduled
                .computeIfAbsent(ScopeRunner.sourceKey(scope), k -> new LinkedHashSet<>())
                .add(scope);
          } catch (IllegalArgumentException e) {
            // The scope task removes a malformed instance when it runs.
          }
        });
    List<ScopeId> added = new ArrayList<>();
    List<ScopeId> retired = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    int kept = 0;
    Instant now = clock.instant();
    for (Map.Entry<String, ClusterSource<?>> entry : sources.entrySet()) {
      ClusterSource<?> source = entry.getValue();
      Set<ScopeId> wanted = listed(source);
      if (wanted == null) {
        failed.add(source.id());
        continue;
      }
      Set<ScopeId> existing = scheduled.getOrDefault(entry.getKey(), Set.of());
      List<ScopeId> sourceAdded = new ArrayList<>();
      List<ScopeId> sourceRetired = new ArrayList<>();
      for (ScopeId scope : wanted) {
        if (existing.contains(scope)) {
          kept++;
        } else if (client.scheduleIfNotExists(
            new TaskInstance<Void>(PulseCluster.SCOPE_TASK, ScopeTaskId.encode(scope)), now)) {
          sourceAdded.add(scope);
        } else {
          kept++;
        }
      }
      for (ScopeId scope : existing) {
        if (wanted.contains(scope)) {
          continue;
        }
        try {
          client.cancel(TaskInstanceId.of(PulseCluster.SCOPE_TASK, ScopeTaskId.encode(scope)));
          sourceRetired.add(scope);
        } catch (RuntimeException e) {
          // Running now, or already gone: the next pass tries again.
          LOG.debug("{}: not retired in this pass ({})", scope, e.getClass().getSimpleName());
        }
      }
      added.addAll(sourceAdded);
      retired.addAll(sourceRetired);
      if (!sourceAdded.isEmpty() || !sourceRetired.isEmpty()) {
        LOG.info(
            "{}: {} scopes scheduled, {} retired",
            source.id(),
            sourceAdded.size(),
            sourceRetired.size());
        try {
          listener.scopesChanged(source.id(), sourceAdded, sourceRetired);
        } catch (RuntimeException e) {
          LOG.warn("a cluster listener failed; the cluster goes on: {}", e.getClass().getName());
        }
      }
    }
    return new DiscoveryReport(added, retired, kept, failed);
  }

  /** The scopes the source lists now, or null if it could not be asked. */
  private static @Nullable Set<ScopeId> listed(ClusterSource<?> source) {
    List<ScopeKey> scopes;
    try {
      scopes =
          Objects.requireNonNull(
              source.connector().discoverScopes(), "discoverScopes returned null");
    } catch (RuntimeException e) {
      LOG.warn(
          "{}: scope discovery failed; its scopes stay scheduled: {}",
          source.id(),
          e.getClass().getName());
      return null;
    }
    Set<ScopeId> wanted = new LinkedHashSet<>();
    for (ScopeKey scope : scopes) {
      if (scope == null
          || ScopeKey.GLOBAL.equals(scope)
          || !scope.source().equals(source.source())) {
        LOG.warn("{}: ignoring a discovered scope that is not of this source", source.id());
        continue;
      }
      wanted.add(ScopeId.of(source.tenant(), source.entityType(), scope));
    }
    return wanted;
  }
}
