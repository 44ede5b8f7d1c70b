package dev.pulse.inmemory;

import dev.pulse.ErrorCode;
import dev.pulse.ScopeId;
import dev.pulse.spi.DeadLetter;
import dev.pulse.spi.DeadLetterStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DeadLetterStore} that keeps its letters in memory, for tests, demos and single-process
 * use where nothing has to survive a restart.
 *
 * <p>Thread-safe: each scope's letters live in one concurrent sorted map and {@link #record} is a
 * single atomic compute on one entry, so racing rejections of one record add up their attempts.
 */
public final class InMemoryDeadLetterStore implements DeadLetterStore {
  private static final Comparator<ScopeId> SCOPE_ORDER =
      Comparator.comparing(ScopeId::entityType).thenComparing(ScopeId::scope);

  private final ConcurrentMap<ScopeId, ConcurrentSkipListMap<String, DeadLetter>> letters =
      new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryDeadLetterStore() {}

  @Override
  public DeadLetter record(
      ScopeId scope,
      String naturalKey,
      ErrorCode reasonCode,
      String message,
      @Nullable String payload,
      Instant at) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(naturalKey, "naturalKey");
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(at, "at");
    DeadLetter stored =
        letters
            .computeIfAbsent(scope, s -> new ConcurrentSkipListMap<>())
            .compute(
                naturalKey,
                (key, old) ->
                    old == null
                        ? new DeadLetter(scope, key, reasonCode, message, at, at, 1, payload)
                        : new DeadLetter(
                            scope,
                            key,
                            reasonCode,
                            message,
                            old.firstSeen(),
                            at.isBefore(old.lastSeen()) ? old.lastSeen() : at,
                            old.attempts() + 1,
                            payload));
    return Objects.requireNonNull(stored);
  }

  @Override
  public Optional<DeadLetter> find(ScopeId scope, String naturalKey) {
    Map<String, DeadLetter> ofScope = letters.get(Objects.requireNonNull(scope, "scope"));
    return ofScope == null
        ? Optional.empty()
        : Optional.ofNullable(ofScope.get(Objects.requireNonNull(naturalKey, "naturalKey")));
  }

  @Override
  public List<DeadLetter> list(ScopeId scope) {
    Map<String, DeadLetter> ofScope = letters.get(Objects.requireNonNull(scope, "scope"));
    return ofScope == null ? List.of() : List.copyOf(ofScope.values());
  }

  @Override
  public List<DeadLetter> list(String tenant) {
    Objects.requireNonNull(tenant, "tenant");
    List<ScopeId> scopes = new ArrayList<>();
    for (ScopeId scope : letters.keySet()) {
      if (scope.tenant().equals(tenant)) {
        scopes.add(scope);
      }
    }
    scopes.sort(SCOPE_ORDER);
    List<DeadLetter> out = new ArrayList<>();
    for (ScopeId scope : scopes) {
      out.addAll(list(scope));
    }
    return List.copyOf(out);
  }

  @Override
  public long count(ScopeId scope) {
    Map<String, DeadLetter> ofScope = letters.get(Objects.requireNonNull(scope, "scope"));
    return ofScope == null ? 0 : ofScope.size();
  }

  @Override
  public boolean discard(ScopeId scope, String naturalKey) {
    Map<String, DeadLetter> ofScope = letters.get(Objects.requireNonNull(scope, "scope"));
    return ofScope != null
        && ofScope.remove(Objects.requireNonNull(naturalKey, "naturalKey")) != null;
  }

  @Override
  public String toString() {
    return "InMemoryDeadLetterStore[" + letters.size() + " scopes]";
  }
}
