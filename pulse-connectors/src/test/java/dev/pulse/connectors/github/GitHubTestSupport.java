package dev.pulse.connectors.github;

import dev.pulse.Batch;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.Watermark;
import dev.pulse.engine.BatchIterator;
import dev.pulse.engine.ReadOptions;
import dev.pulse.spi.Connector;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import dev.pulse.testing.FakeClock;
import dev.pulse.testkit.fake.github.FakeGitHub;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** Builds connectors against a {@link FakeGitHub} whose waits advance a fake clock. */
final class GitHubTestSupport {
  static final ScopeKey API = ScopeKey.of("github", "repo", "acme/api");

  final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T00:00:00Z"));
  final List<Duration> slept = new CopyOnWriteArrayList<>();

  FakeGitHub.Builder fake() {
    return FakeGitHub.builder().clock(clock);
  }

  GitHubConnector.Builder builder(FakeGitHub fake) {
    return GitHubConnector.builder()
        .apiUri(fake.apiUri())
        .token("github-test-token", FakeGitHub.TOKEN)
        .organization("acme")
        .clock(clock)
        .sleeper(
            d -> {
              slept.add(d);
              clock.advance(d);
            })
        .random(new SplittableRandom(7))
        .requestTimeout(Duration.ofSeconds(10));
  }

  GitHubConnector connector(FakeGitHub fake) {
    return builder(fake).build();
  }

  static <T> List<Batch<T>> readAll(
      Connector<T> connector, ScopeKey scope, @Nullable Position after, int pageSize) {
    ScopeId id = ScopeId.of("t", connector.entityType(), scope);
    Watermark from =
        after == null ? Watermark.none(id) : new Watermark(id, after, 0, Instant.EPOCH);
    List<Batch<T>> out = new ArrayList<>();
    try (BatchIterator<T> it =
        BatchIterator.open(
            connector,
            from,
            ReadOptions.builder().pageSize(pageSize).prefetch(0).executor(Runnable::run).build())) {
      while (it.hasNext()) {
        out.add(it.next());
      }
    }
    return out;
  }

  static <T> List<T> items(List<Batch<T>> batches) {
    List<T> out = new ArrayList<>();
    batches.forEach(b -> out.addAll(b.items()));
    return out;
  }

  /** Walks a newest-first scope by hand, as the engine does, back to {@code after}. */
  static <T> List<T> walk(
      Connector<T> connector, ScopeKey scope, @Nullable Position after, int pageSize)
      throws Exception {
    List<T> out = new ArrayList<>();
    try (PageFetcher<T> fetcher = connector.openScope(scope)) {
      String continuation = null;
      while (true) {
        Page<T> page = fetcher.fetch(new PageRequest(scope, after, continuation, pageSize));
        out.addAll(page.items());
        if (!page.hasMore()) {
          return out;
        }
        continuation = page.continuation();
      }
    }
  }
}
