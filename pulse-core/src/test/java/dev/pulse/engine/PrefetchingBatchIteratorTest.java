package dev.pulse.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.Batch;
import dev.pulse.ErrorCode;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.SourceException;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

final class PrefetchingBatchIteratorTest {
  private static final ScopeKey SCOPE = ScopeKey.of("test", "project", "A");
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  /** One scripted answer per fetch: a page to return or an exception to throw. */
  private interface Step {
    Page<String> answer(PageRequest request) throws Exception;
  }

  /** Answers fetches from a script and records the requests; the last step repeats. */
  private static final class ScriptedFetcher implements PageFetcher<String> {
    private final List<Step> steps;
    final List<PageRequest> requests = new ArrayList<>();
    int closes;

    ScriptedFetcher(Step... steps) {
      this.steps = List.of(steps);
    }

    @Override
    public Page<String> fetch(PageRequest request) throws Exception {
      requests.add(request);
      return steps.get(Math.min(requests.size(), steps.size()) - 1).answer(request);
    }

    @Override
    public void close() {
      closes++;
    }
  }

  /** Queues tasks until the test runs them. */
  private static final class QueueExecutor implements Executor {
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    boolean runNext() {
      Runnable task = tasks.poll();
      if (task == null) {
        return false;
      }
      task.run();
      return true;
    }
  }

  private static Position at(int second, String id) {
    return Position.at(T.plusSeconds(second), id);
  }

  private static Step more(Position position, String... items) {
    return request -> Page.more(List.of(items), position);
  }

  private static Step last(@Nullable Position position, String... items) {
    return request -> Page.last(List.of(items), position);
  }

  private static ReadOptions sameThread(int pageSize, int prefetch) {
    return ReadOptions.builder()
        .pageSize(pageSize)
        .prefetch(prefetch)
        .executor(Runnable::run)
        .build();
  }

  private static BatchIterator<String> open(PageFetcher<String> fetcher, ReadOptions options) {
    return BatchIterator.open(fetcher, SCOPE, null, options);
  }

  private static SourceException failureOf(CompletableFuture<?> stage) {
    CompletionException e = assertThrows(CompletionException.class, stage::join);
    return assertInstanceOf(SourceException.class, e.getCause());
  }

  @Test
  void hasNext_fetcherThrowsRuntimeException_sourceUnavailable() {
    IllegalStateException boom = new IllegalStateException("boom");
    ScriptedFetcher fetcher =
        new ScriptedFetcher(
            request -> {
              throw boom;
            });
    try (BatchIterator<String> iterator = open(fetcher, sameThread(10, 1))) {
      SourceException first = assertThrows(SourceException.class, iterator::hasNext);
      SourceException again = assertThrows(SourceException.class, iterator::hasNext);

      assertEquals(ErrorCode.SOURCE_UNAVAILABLE, first.code());
      assertSame(boom, first.getCause());
      assertEquals(SCOPE, first.scope());
      assertSame(first, again, "the failure is sticky");
      assertEquals(1, fetcher.requests.size(), "no page is fetched after a failure");
    }
  }

  @Test
  void hasNext_fetcherThrowsCheckedException_sourceUnavailable() {
    ScriptedFetcher fetcher =
        new ScriptedFetcher(
            request -> {
              throw new java.io.IOException("connection reset");
            });
    try (BatchIterator<String> iterator = open(fetcher, sameThread(10, 1))) {
      SourceException e = assertThrows(SourceException.class, iterator::next);

      assertEquals(ErrorCode.SOURCE_UNAVAILABLE, e.code());
      assertInstanceOf(java.io.IOException.class, e.getCause());
    }
  }

  @Test
  void hasNext_fetcherThrowsPulseException_rethrownUnchanged() {
    SourceException limited =
        new SourceException(ErrorCode.RATE_LIMITED, "test", SCOPE, "slow down", null);
    ScriptedFetcher fetcher =
        new ScriptedFetcher(
            request -> {
              throw limited;
            });
    try (BatchIterator<String> iterator = open(fetcher, sameThread(10, 1))) {
      assertSame(limited, assertThrows(SourceException.class, iterator::hasNext));
    }
  }

  @Test
  void hasNext_failureAfterBufferedBatches_deliversBatchesFirst() {
    ScriptedFetcher fetcher =
        new ScriptedFetcher(
            more(at(1, "1"), "a"),
            more(at(2, "2"), "b"),
            request -> {
              throw new IllegalStateException("boom");
            });
    try (BatchIterator<String> iterator = open(fetcher, sameThread(10, 3))) {
      assertEquals(List.of("a"), iterator.next().items());
      assertEquals(List.of("b"), iterator.next().items());

      assertEquals(
          ErrorCode.SOURCE_UNAVAILABLE,
          assertThrows(SourceException.class, iterator::hasNext).code());
      assertEquals(3, fetcher.requests.size());
    }
  }

  @Test
  void next_pageLargerThanPageSize_invalidData() {
    ScriptedFetcher fetcher = new ScriptedFetcher(last(at(1, "3"), "a", "b", "c"));
    try (BatchIterator<String> iterator = open(fetcher, sameThread(2, 1))) {
      SourceException e = assertThrows(SourceException.class, iterator::next);

      assertEquals(ErrorCode.INVALID_DATA, e.code());
      assertTrue(String.valueOf(e.getMessage()).contains("3 items"), e.getMessage());
    }
  }

  @Test
  void next_emptyNonLastPages_skipped() {
    ScriptedFetcher fetcher =
        new ScriptedFetcher(
            request -> new Page<>(List.of(), null, true, "c1"),
            request -> new Page<>(List.of(), at(5, ""), true, null),
            more(at(6, "1"), "a", "b"),
            last(at(7, "1"), "c"));
    try (BatchIterator<String> iterator = open(fetcher, sameThread(10, 0))) {
      Batch<String> first = iterator.next();
      Batch<String> second = iterator.next();

      assertEquals(List.of("a", "b"), first.items());
      assertEquals(0, first.sequence(), "empty pages do not consume sequence numbers");
      assertEquals(List.of("c"), second.items());
      assertEquals(1, second.sequence());
      assertFalse(iterator.hasNext());
      assertEquals("c1", fetcher.requests.get(1).continuation(), "the continuation is handed back");
      assertEquals(
          at(5, ""), fetcher.requests.get(2).after(), "an empty page may move the position");
      assertEquals(at(6, "1"), fetcher.requests.get(3).after());
    }
  }

  @Test
  void next_emptyPagesWithoutProgress_invalidDataInsteadOfLooping() {
    ScriptedFetcher fetcher =
        new ScriptedFetcher(request -> new Page<>(List.of(), null, true, null));
    try (BatchIterator<String> iterator = open(fetcher, sameThread(10, 1))) {
      SourceException e = assertThrows(SourceException.class, iterator::hasNext);

      assertEquals(ErrorCode.INVALID_DATA, e.code());
      assertEquals(1, fetcher.requests.size());
    }
  }

  @Test
  void next_pageNotMovingPastPosition_invalidData() {
    ScriptedFetcher fetcher = new ScriptedFetcher(more(at(1, "1"), "a"), more(at(1, "1"), "a"));
    try (BatchIterator<String> iterator = open(fetcher, sameThread(10, 0))) {
      assertEquals(List.of("a"), iterator.next().items());

      assertEquals(
          ErrorCode.INVALID_DATA, assertThrows(SourceException.class, iterator::next).code());
      assertEquals(2, fetcher.requests.size());
    }
  }

  @Test
  void nextAsync_positionOfOtherCursorKind_failsInsteadOfHanging() {
    ScriptedFetcher fetcher = new ScriptedFetcher(last(Position.token("5"), "a"));
    QueueExecutor executor = new QueueExecutor();
    ReadOptions options = ReadOptions.builder().executor(executor).build();
    try (BatchIterator<String> iterator = BatchIterator.open(fetcher, SCOPE, at(1, "1"), options)) {
      CompletableFuture<Optional<Batch<String>>> stage = iterator.nextAsync().toCompletableFuture();

      assertTrue(executor.runNext());

      assertTrue(stage.isDone(), "the waiting consumer is released");
      assertEquals(ErrorCode.INVALID_DATA, failureOf(stage).code());
    }
  }

  @Test
  void nextAsync_whilePending_throwsIllegalState() {
    ScriptedFetcher fetcher = new ScriptedFetcher(last(at(1, "1"), "a"));
    QueueExecutor executor = new QueueExecutor();
    ReadOptions options = ReadOptions.builder().executor(executor).build();
    try (BatchIterator<String> iterator = open(fetcher, options)) {
      CompletableFuture<Optional<Batch<String>>> pending =
          iterator.nextAsync().toCompletableFuture();

      assertThrows(IllegalStateException.class, iterator::nextAsync);
      assertTrue(executor.runNext());
      assertEquals(List.of("a"), pending.join().orElseThrow().items());
      assertEquals(
          Optional.empty(),
          iterator.nextAsync().toCompletableFuture().join(),
          "once the stage completed, the next call is allowed");
    }
  }

  @Test
  void nextAsync_executorRejects_sourceUnavailable() {
    ScriptedFetcher fetcher = new ScriptedFetcher(last(at(1, "1"), "a"));
    Executor rejecting =
        task -> {
          throw new RejectedExecutionException("shut down");
        };
    try (BatchIterator<String> iterator =
        open(fetcher, ReadOptions.builder().executor(rejecting).build())) {
      SourceException e = failureOf(iterator.nextAsync().toCompletableFuture());

      assertEquals(ErrorCode.SOURCE_UNAVAILABLE, e.code());
      assertEquals(0, fetcher.requests.size());
    }
  }

  @Test
  void open_fetchesNothingUntilAsked() {
    ScriptedFetcher fetcher = new ScriptedFetcher(last(at(1, "1"), "a"));
    try (BatchIterator<String> iterator = open(fetcher, sameThread(10, 3))) {
      assertEquals(0, fetcher.requests.size());
      assertNull(fetcher.requests.isEmpty() ? null : fetcher.requests.get(0));
      assertTrue(iterator.hasNext());
    }
    assertEquals(1, fetcher.closes);
  }

  @Test
  void next_requestsCarryPageSizeAndResumePosition() {
    ScriptedFetcher fetcher = new ScriptedFetcher(more(at(1, "1"), "a"), last(at(2, "1"), "b"));
    try (BatchIterator<String> iterator =
        BatchIterator.open(fetcher, SCOPE, at(0, "9"), sameThread(5, 0))) {
      iterator.forEachRemaining(batch -> assertEquals(SCOPE, batch.scope()));

      assertEquals(new PageRequest(SCOPE, at(0, "9"), null, 5), fetcher.requests.get(0));
      assertEquals(new PageRequest(SCOPE, at(1, "1"), null, 5), fetcher.requests.get(1));
    }
  }

  @Test
  void hasNext_fetcherThrowsError_failsInsteadOfHanging() {
    ScriptedFetcher fetcher =
        new ScriptedFetcher(
            request -> {
              throw new Error("plugin bug");
            });
    try (BatchIterator<String> iterator = open(fetcher, sameThread(10, 0))) {
      SourceException e = assertThrows(SourceException.class, iterator::hasNext);
      assertEquals(ErrorCode.SOURCE_UNAVAILABLE, e.code());
      assertInstanceOf(Error.class, e.getCause());
    }
  }

  @Test
  void hasNext_fetcherHitsVirtualMachineError_rethrowsItAndFailsTheRead() {
    ScriptedFetcher fetcher =
        new ScriptedFetcher(
            request -> {
              throw new StackOverflowError("deep");
            });
    try (BatchIterator<String> iterator = open(fetcher, sameThread(10, 0))) {
      assertThrows(StackOverflowError.class, iterator::hasNext, "fatal errors are never swallowed");
      SourceException e = assertThrows(SourceException.class, iterator::hasNext);
      assertInstanceOf(StackOverflowError.class, e.getCause());
    }
  }

  @Test
  void hasNext_manyEmptyPagesOnSameThread_iteratesWithoutStackOverflow() {
    int[] calls = {0};
    PageFetcher<String> fetcher =
        request -> {
          calls[0]++;
          if (calls[0] < 100_000) {
            return new Page<>(List.of(), null, true, "page-" + calls[0]);
          }
          return Page.last(List.of("x"), at(1, "1"));
        };
    ReadOptions tolerant =
        ReadOptions.builder()
            .pageSize(10)
            .prefetch(1)
            .executor(Runnable::run)
            .maxIdlePages(1_000_000)
            .build();
    try (BatchIterator<String> iterator = open(fetcher, tolerant)) {
      assertEquals(List.of("x"), iterator.next().items());
      assertFalse(iterator.hasNext());
    }
    assertEquals(100_000, calls[0]);
  }

  @Test
  void close_duringAFetch_closesTheFetcherOnlyAfterItReturns() {
    QueueExecutor executor = new QueueExecutor();
    ScriptedFetcher fetcher = new ScriptedFetcher(last(at(1, "1"), "a"));
    BatchIterator<String> iterator =
        open(fetcher, ReadOptions.builder().pageSize(10).prefetch(0).executor(executor).build());
    CompletableFuture<Optional<Batch<String>>> pending = iterator.nextAsync().toCompletableFuture();

    iterator.close();

    assertEquals(0, fetcher.closes, "the fetch has been submitted, so the fetcher is still in use");
    assertEquals(Optional.empty(), pending.join(), "the waiting consumer is released at once");
    assertTrue(executor.runNext());
    assertEquals(1, fetcher.closes, "closed once the fetch returned");
    iterator.close();
    assertEquals(1, fetcher.closes);
  }

  @Test
  void hasNext_afterCloseOfAFailedRead_reportsNoMoreBatches() {
    ScriptedFetcher fetcher =
        new ScriptedFetcher(
            request -> {
              throw new IllegalStateException("boom");
            });
    BatchIterator<String> iterator = open(fetcher, sameThread(10, 0));
    assertThrows(SourceException.class, iterator::hasNext);

    iterator.close();

    assertFalse(iterator.hasNext());
  }

  @Test
  void hasNext_interrupted_cancelsAndRestoresTheFlag() {
    QueueExecutor neverRuns = new QueueExecutor();
    BatchIterator<String> iterator =
        open(
            new ScriptedFetcher(last(at(1, "1"), "a")),
            ReadOptions.builder().pageSize(10).executor(neverRuns).build());
    Thread.currentThread().interrupt();
    try {
      SourceException e = assertThrows(SourceException.class, iterator::hasNext);
      assertEquals(ErrorCode.CANCELLED, e.code());
      assertTrue(Thread.interrupted(), "the interrupt flag is set again (and cleared here)");
      assertTrue(iterator.isCancelled());
    } finally {
      Thread.interrupted();
      iterator.close();
    }
  }
}
