package dev.pulse.pipeline;

import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.engine.ReadOptions;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.spi.Connector;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Ingests 1,000,000 generated items (4 sources x 250,000) through a pipeline; run in a JVM with a
 * small heap by {@link BoundedMemoryTest}. Items are made page by page and dropped after the sink
 * counts them, so only the batches in flight are held.
 */
final class BoundedMemoryMain {
  static final int SOURCES = 4;
  static final long PER_SOURCE = 250_000;

  private BoundedMemoryMain() {}

  public static void main(String[] args) throws Exception {
    LongAdder stored = new LongAdder();
    Pipeline.Builder builder =
        Pipeline.builder("bounded").watermarks(new InMemoryWatermarkStore()).globalConcurrency(4);
    for (int i = 0; i < SOURCES; i++) {
      builder.source(
          PipelineSource.<Long>of(
                  new Generating("gen" + i, PER_SOURCE), (key, batch) -> stored.add(batch.size()))
              .readOptions(ReadOptions.builder().pageSize(1_000).prefetch(2).build())
              .build());
    }
    PipelineReport report = builder.build().runOnce().get(5, TimeUnit.MINUTES);
    long used = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    System.out.println(
        "stored "
            + stored.sum()
            + " reported "
            + report.itemsStored()
            + " maxHeapMiB "
            + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + " usedMiB "
            + used / (1024 * 1024));
    System.exit(report.succeeded() && stored.sum() == SOURCES * PER_SOURCE ? 0 : 1);
  }

  /** A connector of one scope whose items are the numbers 1..count, made on demand. */
  static final class Generating implements Connector<Long> {
    private final String source;
    private final long count;

    Generating(String source, long count) {
      this.source = source;
      this.count = count;
    }

    @Override
    public String source() {
      return source;
    }

    @Override
    public EntityType entityType() {
      return EntityType.ISSUES;
    }

    @Override
    public List<ScopeKey> discoverScopes() {
      return List.of(ScopeKey.of(source, "range", "all"));
    }

    @Override
    public PageFetcher<Long> openScope(ScopeKey scope) {
      return request -> {
        Position after = request.after();
        long from = after == null ? 1 : Long.parseLong(String.valueOf(after.token())) + 1;
        long to = Math.min(count, from + request.pageSize() - 1);
        List<Long> items = new ArrayList<>();
        for (long n = from; n <= to; n++) {
          items.add(n);
        }
        if (items.isEmpty()) {
          return Page.last(List.of(), null);
        }
        Position last = Position.sequence(to);
        return to < count ? Page.more(items, last) : Page.last(items, last);
      };
    }
  }
}
