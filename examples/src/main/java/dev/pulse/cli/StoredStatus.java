package dev.pulse.cli;

import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.Watermark;
import dev.pulse.config.PipelineDefinition;
import dev.pulse.config.SourceDefinition;
import dev.pulse.progress.ProgressSnapshot;
import dev.pulse.progress.ProgressStatus;
import dev.pulse.spi.Connector;
import dev.pulse.status.ErrorEnvelope;
import dev.pulse.status.PipelineStatus;
import dev.pulse.status.ScopeFacts;
import dev.pulse.status.SourceFacts;
import dev.pulse.status.StatusAssembler;
import dev.pulse.status.StatusThresholds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A pipeline's status assembled from the database alone, with no running process: the stored
 * watermarks, the last saved progress snapshot of each scope and the dead-letter counts, judged by
 * the same {@link StatusAssembler} as a live {@code Pipeline.status()}.
 *
 * <p>What only a running pipeline knows (the connector's last health check, pending retries) is
 * absent; a scope whose last saved run ended {@code FAILED} counts as one failed run, with the
 * saved message.
 */
final class StoredStatus {
  private StoredStatus() {}

  static PipelineStatus of(
      Pipelines.Built built, Stores stores, StatusThresholds thresholds, Instant now) {
    PipelineDefinition definition = built.definition();
    String tenant = definition.tenant();
    List<ProgressSnapshot> saved = stores.progress().list(tenant);
    List<SourceFacts> sources = new ArrayList<>();
    for (int i = 0; i < built.connectors().size(); i++) {
      Connector<?> connector = built.connectors().get(i);
      SourceDefinition source = definition.sources().get(i);
      sources.add(source(connector, source, tenant, saved, stores));
    }
    return new StatusAssembler(thresholds)
        .assemble(definition.name(), definition.labels(), definition.annotations(), sources, now);
  }

  private static SourceFacts source(
      Connector<?> connector,
      SourceDefinition source,
      String tenant,
      List<ProgressSnapshot> saved,
      Stores stores) {
    EntityType entityType = connector.entityType();
    String prefix = connector.source() + ":";
    Map<ScopeKey, @Nullable Watermark> watermarks = new TreeMap<>();
    for (Watermark watermark : stores.watermarks().list(tenant, entityType, prefix)) {
      watermarks.put(watermark.key().scope(), watermark);
    }
    Map<ScopeKey, ProgressSnapshot> progress = new TreeMap<>();
    for (ProgressSnapshot snapshot : saved) {
      if (snapshot.entityType().equals(entityType)
          && snapshot.scopeKey().source().equals(connector.source())) {
        progress.put(snapshot.scopeKey(), snapshot);
        watermarks.putIfAbsent(snapshot.scopeKey(), null);
      }
    }
    for (String fixed : source.scopes()) {
      watermarks.putIfAbsent(ScopeKey.parse(fixed), null);
    }
    Instant started = null;
    Instant finished = null;
    List<ScopeFacts> rows = new ArrayList<>();
    for (Map.Entry<ScopeKey, @Nullable Watermark> entry : watermarks.entrySet()) {
      ScopeId key = ScopeId.of(tenant, entityType, entry.getKey());
      Watermark watermark = entry.getValue();
      ProgressSnapshot snapshot = progress.get(entry.getKey());
      Instant lastSuccess = null;
      ErrorEnvelope lastError = null;
      int attempts = 0;
      int failures = 0;
      boolean reading = false;
      if (snapshot != null) {
        started = earliest(started, snapshot.startedAt());
        finished = latest(finished, snapshot.finishedAt());
        attempts = 1;
        reading = !snapshot.status().isFinished();
        if (snapshot.status() == ProgressStatus.FAILED) {
          failures = 1;
          lastError = envelope(snapshot.lastError());
        } else if (snapshot.status() == ProgressStatus.DONE) {
          lastSuccess = snapshot.finishedAt();
        }
      }
      rows.add(
          new ScopeFacts(
              key,
              watermark == null ? Watermark.none(key) : watermark,
              snapshot,
              lastSuccess,
              attempts,
              failures,
              lastError,
              stores.deadLetters().count(key),
              reading,
              null));
    }
    return new SourceFacts(
        connector.source() + "/" + entityType,
        entityType,
        null,
        started,
        finished,
        null,
        null,
        null,
        rows);
  }

  /** Saved errors read {@code CODE: message}; a message without a known code is INTERNAL. */
  static ErrorEnvelope envelope(@Nullable String saved) {
    if (saved == null || saved.isBlank()) {
      return ErrorEnvelope.of(ErrorCode.INTERNAL, "failed (no message was saved)");
    }
    int colon = saved.indexOf(':');
    if (colon > 0) {
      String head = saved.substring(0, colon).strip();
      for (ErrorCode code : ErrorCode.values()) {
        if (code.name().equals(head)) {
          return ErrorEnvelope.of(code, saved.substring(colon + 1).strip());
        }
      }
    }
    return ErrorEnvelope.of(ErrorCode.INTERNAL, saved);
  }

  private static @Nullable Instant earliest(@Nullable Instant a, @Nullable Instant b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }

  private static @Nullable Instant latest(@Nullable Instant a, @Nullable Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }
}
