package dev.pulse.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.ScopeKey;
import dev.pulse.progress.ProgressSnapshot;
import dev.pulse.progress.ProgressStatus;
import dev.pulse.spi.ProgressStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ProgressStore} must meet, as an abstract JUnit 5 suite: extend it and
 * return a fresh, empty store from {@link #createStore()}.
 *
 * <p>It checks that a snapshot round-trips field for field (nulls, instants and long error text
 * included), that a save replaces the previous snapshot of the same scope, that tenants and entity
 * types are isolated, that {@code list} is ordered by entity type then scope key, and that
 * concurrent saves of different scopes all land.
 */
public abstract class ProgressStoreContract {
  private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
  private static final ScopeKey BG = ScopeKey.parse("jira:project:BG");
  private static final ScopeKey API = ScopeKey.parse("github:repo:acme/api:v2");

  private @Nullable ProgressStore current;

  /** Creates the suite. */
  protected ProgressStoreContract() {}

  /**
   * Creates a new, empty store; called before every test.
   *
   * @return the store under test
   */
  protected abstract ProgressStore createStore();

  @BeforeEach
  void newStore() {
    current = createStore();
  }

  private ProgressStore store() {
    ProgressStore store = current;
    if (store == null) {
      throw new IllegalStateException("createStore() has not run");
    }
    return store;
  }

  private static ProgressSnapshot running(
      String tenant, EntityType type, ScopeKey scope, long done, @Nullable String error) {
    return new ProgressSnapshot(
        tenant,
        scope,
        type,
        ProgressStatus.RUNNING,
        done,
        1000L,
        done / 10.0,
        12.5,
        80L,
        false,
        T0,
        T0.plusSeconds(done),
        null,
        done,
        false,
        0,
        error);
  }

  private static ProgressSnapshot finished(String tenant, EntityType type, ScopeKey scope) {
    return new ProgressSnapshot(
        tenant,
        scope,
        type,
        ProgressStatus.FAILED,
        7,
        null,
        null,
        0,
        null,
        false,
        T0,
        null,
        T0.plusSeconds(9),
        9,
        false,
        0,
        "SINK_FAILED: disk full");
  }

  @Nested
  @DisplayName("saving and finding")
  class SaveAndFind {
    @Test
    @DisplayName("a snapshot round-trips field for field")
    void roundTrip() {
      ProgressSnapshot snapshot = running("acme", EntityType.ISSUES, BG, 420, null);
      store().save(snapshot);
      assertEquals(snapshot, store().find("acme", EntityType.ISSUES, BG).orElseThrow());
    }

    @Test
    @DisplayName("nulls, a finished status and a long error text round-trip")
    void roundTripNullsAndLongError() {
      ProgressSnapshot failed = finished("acme", EntityType.PULL_REQUESTS, API);
      store().save(failed);
      assertEquals(failed, store().find("acme", EntityType.PULL_REQUESTS, API).orElseThrow());
      ProgressSnapshot longError =
          running("acme", EntityType.ISSUES, BG, 1, "x".repeat(500) + " \u00e9\u4e2d");
      store().save(longError);
      assertEquals(longError, store().find("acme", EntityType.ISSUES, BG).orElseThrow());
    }

    @Test
    @DisplayName("an unknown scope is empty")
    void unknownScope() {
      assertTrue(store().find("acme", EntityType.ISSUES, BG).isEmpty());
      assertTrue(store().list("acme").isEmpty());
    }

    @Test
    @DisplayName("a save replaces the previous snapshot of the same scope")
    void replace() {
      store().save(running("acme", EntityType.ISSUES, BG, 10, null));
      ProgressSnapshot later = running("acme", EntityType.ISSUES, BG, 20, null);
      store().save(later);
      assertEquals(later, store().find("acme", EntityType.ISSUES, BG).orElseThrow());
      assertEquals(List.of(later), store().list("acme"));
    }
  }

  @Nested
  @DisplayName("isolation and listing")
  class Isolation {
    @Test
    @DisplayName("tenants and entity types are isolated")
    void isolated() {
      store().save(running("acme", EntityType.ISSUES, BG, 10, null));
      assertTrue(store().find("other", EntityType.ISSUES, BG).isEmpty());
      assertTrue(store().find("acme", EntityType.SPRINTS, BG).isEmpty());
      assertTrue(store().list("other").isEmpty());
    }

    @Test
    @DisplayName("list is ordered by entity type, then scope key")
    void ordered() {
      ProgressSnapshot prs = running("acme", EntityType.PULL_REQUESTS, API, 1, null);
      ProgressSnapshot issuesBg = running("acme", EntityType.ISSUES, BG, 2, null);
      ProgressSnapshot issuesApi = running("acme", EntityType.ISSUES, API, 3, null);
      store().save(prs);
      store().save(issuesBg);
      store().save(issuesApi);
      assertEquals(List.of(issuesApi, issuesBg, prs), store().list("acme"));
    }
  }

  @Nested
  @DisplayName("concurrency")
  class Concurrency {
    @Test
    @DisplayName("concurrent saves of 8 x 50 scopes all land")
    void concurrentSaves() throws Exception {
      int threads = 8;
      int perThread = 50;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch gate = new CountDownLatch(1);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          futures.add(
              pool.submit(
                  () -> {
                    gate.await();
                    for (int i = 0; i < perThread; i++) {
                      store()
                          .save(
                              running(
                                  "acme",
                                  EntityType.ISSUES,
                                  ScopeKey.of("jira", "project", "P" + thread + "_" + i),
                                  i,
                                  null));
                    }
                    return null;
                  }));
        }
        gate.countDown();
        for (Future<?> future : futures) {
          future.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(threads * perThread, store().list("acme").size());
    }
  }
}
