package dev.pulse.testkit;

import dev.pulse.ErrorCode;
import dev.pulse.ScopeId;
import dev.pulse.inmemory.InMemoryDeadLetterStore;
import dev.pulse.spi.DeadLetter;
import dev.pulse.spi.DeadLetterStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Dead-letter stores broken on purpose, each in one way a real store can be. */
final class BrokenDeadLetterStores {
  private BrokenDeadLetterStores() {}

  /** Passes every call to a correct in-memory store unless a subclass overrides it. */
  abstract static class ForwardingStore implements DeadLetterStore {
    final InMemoryDeadLetterStore delegate = new InMemoryDeadLetterStore();

    @Override
    public DeadLetter record(
        ScopeId scope,
        String naturalKey,
        ErrorCode reasonCode,
        String message,
        @Nullable String payload,
        Instant at) {
      return delegate.record(scope, naturalKey, reasonCode, message, payload, at);
    }

    @Override
    public Optional<DeadLetter> find(ScopeId scope, String naturalKey) {
      return delegate.find(scope, naturalKey);
    }

    @Override
    public List<DeadLetter> list(ScopeId scope) {
      return delegate.list(scope);
    }

    @Override
    public List<DeadLetter> list(String tenant) {
      return delegate.list(tenant);
    }

    @Override
    public boolean discard(ScopeId scope, String naturalKey) {
      return delegate.discard(scope, naturalKey);
    }
  }

  /**
   * Broken on purpose: each rejection replaces the letter (a plain {@code INSERT OR REPLACE}), so
   * attempts never add up, first-seen moves and a late rejection moves last-seen backwards.
   */
  static final class ReplacingStore extends ForwardingStore {
    @Override
    public synchronized DeadLetter record(
        ScopeId scope,
        String naturalKey,
        ErrorCode reasonCode,
        String message,
        @Nullable String payload,
        Instant at) {
      delegate.discard(scope, naturalKey);
      return delegate.record(scope, naturalKey, reasonCode, message, payload, at);
    }
  }

  /**
   * Broken on purpose: lists come back in the order the letters were last recorded, as a query
   * without {@code ORDER BY} on an insertion-ordered table returns them.
   */
  static final class UnorderedListStore extends ForwardingStore {
    private final List<String> recorded = new ArrayList<>();

    @Override
    public synchronized DeadLetter record(
        ScopeId scope,
        String naturalKey,
        ErrorCode reasonCode,
        String message,
        @Nullable String payload,
        Instant at) {
      recorded.remove(naturalKey);
      recorded.add(naturalKey);
      return delegate.record(scope, naturalKey, reasonCode, message, payload, at);
    }

    @Override
    public synchronized List<DeadLetter> list(ScopeId scope) {
      return reorder(delegate.list(scope));
    }

    @Override
    public synchronized List<DeadLetter> list(String tenant) {
      return reorder(delegate.list(tenant));
    }

    private List<DeadLetter> reorder(List<DeadLetter> letters) {
      List<DeadLetter> result = new ArrayList<>(letters);
      result.sort(
          (a, b) ->
              Integer.compare(recorded.indexOf(a.naturalKey()), recorded.indexOf(b.naturalKey())));
      return result;
    }
  }
}
