package dev.pulse.connectors.jira;

import dev.pulse.Batch;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.Watermark;
import dev.pulse.engine.BatchIterator;
import dev.pulse.engine.ReadOptions;
import dev.pulse.spi.Connector;
import dev.pulse.testing.FakeClock;
import dev.pulse.testkit.fake.jira.FakeJira;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/** Builds connectors against a {@link FakeJira} whose waits advance a fake clock. */
final class JiraTestSupport {
  static final ScopeKey BG = ScopeKey.of("jira", "project", "BG");

  final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T00:00:00Z"));
  final List<Duration> slept = new CopyOnWriteArrayList<>();

  JiraConnector.Builder builder(FakeJira fake) {
    return JiraConnector.builder()
        .baseUri(fake.baseUri())
        .credential("jira-test-token", FakeJira.EMAIL, FakeJira.TOKEN)
        .clock(clock)
        .sleeper(
            d -> {
              slept.add(d);
              clock.advance(d);
            })
        .random(new SplittableRandom(7))
        .requestTimeout(Duration.ofSeconds(10));
  }

  JiraConnector connector(FakeJira fake) {
    return builder(fake).build();
  }

  static <T> List<Batch<T>> readAll(
      Connector<T> connector,
      ScopeKey scope,
      @org.jspecify.annotations.Nullable Position after,
      int pageSize) {
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
}
