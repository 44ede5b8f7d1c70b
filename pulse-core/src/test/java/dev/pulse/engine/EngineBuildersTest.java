package dev.pulse.engine;

import static dev.pulse.engine.EngineFixtures.scope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.InvalidConfigException;
import dev.pulse.engine.EngineFixtures.Delegating;
import dev.pulse.engine.EngineFixtures.RecordingSink;
import dev.pulse.engine.EngineFixtures.Ticket;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.spi.Connector;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The settings issue 8 added to {@link ReadOptions} and {@link Ingestion.Builder}. */
final class EngineBuildersTest {

  private static void assertRejected(String name, Executable setter) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, setter);
    assertTrue(e.getMessage().contains(name), e.getMessage());
  }

  @Test
  void readOptions_defaults() {
    ReadOptions defaults = ReadOptions.defaults();

    assertEquals(ReadOptions.DEFAULT_FETCH_TIMEOUT, defaults.fetchTimeout());
    assertEquals(Optional.empty(), defaults.scopeBudget());
    assertEquals(ReadOptions.DEFAULT_MAX_IDLE_PAGES, defaults.maxIdlePages());
  }

  @Test
  void readOptions_rejectsBadLimits() {
    ReadOptions.Builder builder = ReadOptions.builder();

    assertRejected("fetchTimeout", () -> builder.fetchTimeout(Duration.ZERO));
    assertRejected("fetchTimeout", () -> builder.fetchTimeout(Duration.ofDays(8)));
    assertRejected("scopeBudget", () -> builder.scopeBudget(Duration.ofSeconds(-1)));
    assertRejected("maxIdlePages", () -> builder.maxIdlePages(0));
  }

  @Test
  void ingestionBuilder_rejectsBadSettings() {
    Ingestion.Builder<Ticket> builder =
        Ingestion.builder(
            EngineFixtures.connector().build(), new RecordingSink(), new InMemoryWatermarkStore());

    assertRejected("preCountConcurrency", () -> builder.preCountConcurrency(0));
    assertRejected("runBudget", () -> builder.runBudget(Duration.ZERO));
    assertThrows(NullPointerException.class, () -> builder.pauser(null));
  }

  @Test
  void build_connectorWithANegativeHoldBack_isInvalidConfig() {
    Connector<Ticket> negative =
        new Delegating(EngineFixtures.connector().scope(scope("BG"), java.util.List.of()).build()) {
          @Override
          public Duration holdBack() {
            return Duration.ofMinutes(-5);
          }
        };

    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class,
            () ->
                Ingestion.builder(negative, new RecordingSink(), new InMemoryWatermarkStore())
                    .build());
    assertTrue(e.getMessage().contains("holdBack"), e.getMessage());
  }
}
