package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.ScopeKey;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

final class StoredRunTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  static ProgressSnapshot stored(ProgressStatus status, @Nullable Instant startedAt, long done) {
    return new ProgressSnapshot(
        "acme",
        ScopeKey.parse("jira:project:BG"),
        EntityType.ISSUES,
        status,
        done,
        null,
        null,
        0,
        null,
        false,
        startedAt,
        null,
        status.isFinished() ? T0 : null,
        0,
        status == ProgressStatus.STALLED,
        0,
        null);
  }

  @Test
  void consult_unfinishedRun_waitsUntilTaken() {
    StoredRun run = new StoredRun();
    ProgressSnapshot snapshot = stored(ProgressStatus.RUNNING, T0, 6_000);

    assertSame(snapshot, run.consult(() -> Optional.of(snapshot)));
    assertTrue(run.isWaiting());
    assertSame(snapshot, run.take());
    assertFalse(run.isWaiting());
    assertNull(run.take());
  }

  @Test
  void consult_secondCall_readsTheStoreOnce() {
    StoredRun run = new StoredRun();
    AtomicInteger reads = new AtomicInteger();

    run.consult(
        () -> {
          reads.incrementAndGet();
          return Optional.empty();
        });
    run.consult(
        () -> {
          reads.incrementAndGet();
          return Optional.of(stored(ProgressStatus.RUNNING, T0, 1));
        });

    assertEquals(1, reads.get());
    assertFalse(run.isWaiting());
  }

  @Test
  void isResumable_onlyStartedUnfinishedRuns() {
    assertTrue(StoredRun.isResumable(stored(ProgressStatus.RUNNING, T0, 1)));
    assertTrue(StoredRun.isResumable(stored(ProgressStatus.STALLED, T0, 1)));
    assertTrue(StoredRun.isResumable(stored(ProgressStatus.PAUSED, T0, 1)));
    assertFalse(StoredRun.isResumable(stored(ProgressStatus.DONE, T0, 1)));
    assertFalse(StoredRun.isResumable(stored(ProgressStatus.FAILED, T0, 1)));
    assertFalse(StoredRun.isResumable(stored(ProgressStatus.PENDING, null, 0)));
    assertFalse(StoredRun.isResumable(stored(ProgressStatus.RUNNING, null, 1)));
  }

  @Test
  void consult_finishedRun_notKept() {
    StoredRun run = new StoredRun();

    assertNull(run.consult(() -> Optional.of(stored(ProgressStatus.DONE, T0, 10))));
    assertFalse(run.isWaiting());
  }
}
