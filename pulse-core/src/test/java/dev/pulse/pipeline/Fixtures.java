package dev.pulse.pipeline;

import dev.pulse.Batch;
import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.Position;
import dev.pulse.PulseClock;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.SourceException;
import dev.pulse.engine.ReadOptions;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ForwardingConnector;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.Sink;
import dev.pulse.spi.WatermarkStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/** Shared test data: tickets, in-memory connectors, recording sinks and a fixed random. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  static final ReadOptions SAME_THREAD =
      ReadOptions.builder().pageSize(10).prefetch(0).executor(Runnable::run).build();

  record Ticket(String id, Instant updatedAt) {
    String encode() {
      return id + "|" + updatedAt;
    }

    static Ticket decode(String text) {
      int bar = text.indexOf('|');
      return new Ticket(text.substring(0, bar), Instant.parse(text.substring(bar + 1)));
    }
  }

  private Fixtures() {}

  static List<Ticket> tickets(String prefix, int count) {
    List<Ticket> tickets = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      tickets.add(new Ticket(prefix + "-" + i, T0.plusSeconds(60L * i)));
    }
    return tickets;
  }

  static Position positionOf(Ticket ticket) {
    return Position.at(ticket.updatedAt(), ticket.id());
  }

  /** A connector with the given scopes (values) of {@code perScope} tickets each. */
  static InMemoryConnector<Ticket> connector(String source, int perScope, String... scopes) {
    InMemoryConnector.Builder<Ticket> builder =
        InMemoryConnector.builder(source, EntityType.ISSUES, Fixtures::positionOf);
    for (String scope : scopes) {
      builder.scope(ScopeKey.of(source, "project", scope), tickets(scope, perScope));
    }
    return builder.build();
  }

  static ScopeKey scope(String source, String value) {
    return ScopeKey.of(source, "project", value);
  }

  static ScopeId key(String source, String value) {
    return ScopeId.of("acme", EntityType.ISSUES, scope(source, value));
  }

  /**
   * A connector whose n-th fetch (1-based, counted over all scopes) first runs {@code duringFetch}.
   */
  static Connector<Ticket> hooked(
      Connector<Ticket> inner, BiConsumer<Integer, ScopeKey> duringFetch) {
    AtomicInteger fetches = new AtomicInteger();
    return new ForwardingConnector<>() {
      @Override
      protected Connector<Ticket> delegate() {
        return inner;
      }

      @Override
      public PageFetcher<Ticket> openScope(ScopeKey scope) {
        PageFetcher<Ticket> fetcher = inner.openScope(scope);
        return request -> {
          duringFetch.accept(fetches.incrementAndGet(), scope);
          return fetcher.fetch(request);
        };
      }
    };
  }

  /** A connector whose every fetch fails with {@code code}, naming the source of {@code inner}. */
  static Connector<Ticket> failingFetch(
      Connector<Ticket> inner, ErrorCode code, String message, @Nullable Duration retryAfter) {
    return hooked(
        inner,
        (n, scope) -> {
          throw new SourceException(code, scope.source(), scope, message, retryAfter, null);
        });
  }

  /** A connector whose {@code openScope} always fails with {@code code}. */
  static Connector<Ticket> failingOpen(Connector<Ticket> inner, ErrorCode code, String message) {
    return new ForwardingConnector<>() {
      @Override
      protected Connector<Ticket> delegate() {
        return inner;
      }

      @Override
      public PageFetcher<Ticket> openScope(ScopeKey scope) {
        throw new SourceException(code, scope.source(), scope, message, null, null);
      }
    };
  }

  /** Returns a random whose nextDouble is always {@code value}. */
  /**
   * A pipeline of tenant {@code acme} that runs only when the test says so: fake clock and timer, a
   * manual executor and a random fixed at 0.5, so retry delays are exact.
   */
  static Pipeline.Builder deterministicPipeline(
      PulseClock clock, PipelineTimer timer, Executor executor, WatermarkStore watermarks) {
    return Pipeline.builder("eng")
        .tenant("acme")
        .clock(clock)
        .timer(timer)
        .executor(executor)
        .random(fixedRandom(0.5))
        .watermarks(watermarks);
  }

  static RandomGenerator fixedRandom(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return 0;
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }

  /** A thread-safe sink that records every item it stored. */
  static final class RecordingSink implements Sink<Ticket> {
    final List<Ticket> items = new CopyOnWriteArrayList<>();
    final List<Batch<Ticket>> batches = new CopyOnWriteArrayList<>();

    @Override
    public void write(ScopeId key, Batch<Ticket> batch) {
      batches.add(batch);
      items.addAll(batch.items());
    }

    List<String> ids() {
      return items.stream().map(Ticket::id).toList();
    }
  }
}
