package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pulse.EntityType;
import dev.pulse.ItemCount;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.Watermark;
import dev.pulse.engine.IngestionListener;
import dev.pulse.testing.FakeClock;
import org.junit.jupiter.api.Test;

/** A pre-count that arrives after its scope started (issue 8, item 7) revises the estimate. */
final class LatePreCountTest {
  private static final ScopeId KEY =
      ScopeId.of("acme", EntityType.ISSUES, ScopeKey.of("memory", "project", "BG"));

  @Test
  void scopeEstimated_afterStart_revisesTheEstimate() {
    ProgressTracker tracker = ProgressTracker.builder().clock(new FakeClock()).build();
    IngestionListener listener = tracker.listener();

    listener.scopeStarted(Watermark.none(KEY), ItemCount.unknown());
    assertNull(snapshot(tracker).itemsEstimate(), "unknown until the count arrives");

    listener.scopeEstimated(KEY, ItemCount.exact(1_000));
    assertEquals(1_000L, snapshot(tracker).itemsEstimate());
  }

  @Test
  void scopeEstimated_unknownOrForAnUnstartedScope_changesNothing() {
    ProgressTracker tracker = ProgressTracker.builder().clock(new FakeClock()).build();
    IngestionListener listener = tracker.listener();

    listener.scopeEstimated(KEY, ItemCount.exact(5));
    assertEquals(0, tracker.snapshots().size(), "no scope is created by a count alone");

    listener.scopeStarted(Watermark.none(KEY), ItemCount.exact(10));
    listener.scopeEstimated(KEY, ItemCount.unknown());
    assertEquals(10L, snapshot(tracker).itemsEstimate());
  }

  private static ProgressSnapshot snapshot(ProgressTracker tracker) {
    return tracker.snapshot(KEY.tenant(), KEY.entityType(), KEY.scope()).orElseThrow();
  }
}
