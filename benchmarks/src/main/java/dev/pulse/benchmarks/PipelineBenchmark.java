package dev.pulse.benchmarks;

import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.engine.ReadOptions;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.pipeline.Pipeline;
import dev.pulse.pipeline.PipelineReport;
import dev.pulse.pipeline.PipelineSource;
import dev.pulse.spi.Connector;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The pipeline's own cost per item and per scope, everything on the calling thread.
 *
 * <p>{@code sourceOnly} (the baseline) pulls 100,000 generated items page by page from the
 * in-memory source without Pulse; {@code pipelinePerItem} ingests the same items through {@link
 * Pipeline} and the engine into a no-op sink and an in-memory watermark store (page size 1,000, a
 * same-thread executor); both report time per item. {@code schedulingPerScope} runs a source of
 * 1,000 empty scopes and reports time per scope: discovery, bulk watermark read, dispatch, one
 * engine run and the report. Run on one core with:
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package -pl benchmarks -am
 * taskset -c 0 java -jar benchmarks/target/benchmarks.jar PipelineBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class PipelineBenchmark {
  static final int ITEMS = 100_000;
  static final int SCOPES = 1_000;
  private static final ReadOptions SAME_THREAD =
      ReadOptions.builder().pageSize(1_000).prefetch(0).executor(Runnable::run).build();

  /** Pulls every page of the source directly: what reading costs without Pulse. */
  @Benchmark
  @OperationsPerInvocation(ITEMS)
  public void sourceOnly(Blackhole hole) throws Exception {
    Generating source = new Generating("gen", 1, ITEMS);
    ScopeKey scope = source.discoverScopes().get(0);
    PageFetcher<Long> fetcher = source.openScope(scope);
    Position after = null;
    while (true) {
      Page<Long> page = fetcher.fetch(new PageRequest(scope, after, null, 1_000));
      hole.consume(page.items());
      after = page.position();
      if (!page.hasMore()) {
        break;
      }
    }
  }

  /** Ingests 100,000 items through a pipeline; the result is time per item. */
  @Benchmark
  @OperationsPerInvocation(ITEMS)
  public PipelineReport pipelinePerItem() {
    return run(new Generating("gen", 1, ITEMS));
  }

  /** Runs 1,000 empty scopes through a pipeline; the result is time per scope. */
  @Benchmark
  @OperationsPerInvocation(SCOPES)
  public PipelineReport schedulingPerScope() {
    return run(new Generating("gen", SCOPES, 0));
  }

  private static PipelineReport run(Generating source) {
    return Pipeline.builder("bench")
        .watermarks(new InMemoryWatermarkStore())
        .executor(Runnable::run)
        .globalConcurrency(1)
        .source(
            PipelineSource.<Long>of(source, (key, batch) -> {})
                .readOptions(SAME_THREAD)
                .concurrency(1)
                .build())
        .build()
        .runOnce()
        .join();
  }

  /** Scopes of the numbers 1..perScope, made page by page. */
  static final class Generating implements Connector<Long> {
    private final String source;
    private final List<ScopeKey> scopes;
    private final long perScope;

    Generating(String source, int scopes, long perScope) {
      this.source = source;
      List<ScopeKey> keys = new ArrayList<>(scopes);
      for (int i = 0; i < scopes; i++) {
        keys.add(ScopeKey.of(source, "range", Integer.toString(i)));
      }
      this.scopes = List.copyOf(keys);
      this.perScope = perScope;
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
      return scopes;
    }

    @Override
    public PageFetcher<Long> openScope(ScopeKey scope) {
      return request -> {
        Position after = request.after();
        long from = after == null ? 1 : Long.parseLong(String.valueOf(after.token())) + 1;
        long to = Math.min(perScope, from + request.pageSize() - 1);
        if (from > to) {
          return Page.last(List.of(), null);
        }
        List<Long> items = new ArrayList<>((int) (to - from + 1));
        for (long n = from; n <= to; n++) {
          items.add(n);
        }
        Position last = Position.sequence(to);
        return to < perScope ? Page.more(items, last) : Page.last(items, last);
      };
    }
  }
}
