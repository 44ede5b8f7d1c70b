package dev.pulse.engine;

import static dev.pulse.engine.EngineFixtures.SAME_THREAD;
import static dev.pulse.engine.EngineFixtures.connector;
import static dev.pulse.engine.EngineFixtures.scope;
import static dev.pulse.engine.EngineFixtures.tickets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.pulse.ErrorCode;
import dev.pulse.ScopeKey;
import dev.pulse.SourceException;
import dev.pulse.engine.EngineFixtures.Delegating;
import dev.pulse.engine.EngineFixtures.Ticket;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.spi.PageFetcher;
import dev.pulse.testing.FakeClock;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: a connector that puts a vendor's raw message into a Pulse exception never leaks its
 * credentials or forges a second line through the engine's report.
 */
final class SanitizedFailuresTest {
  private static final String PASSWORD = "Tr0ub4dor3";
  private static final String TOKEN = "Zq8vXyz1234567890abcdef";

  @Test
  void sourceFailureMessage_withCredentialsAndNewline_isSanitizedInTheReport() {
    Delegating leaky =
        new Delegating(connector().scope(scope("BG"), tickets(1, 1)).build()) {
          @Override
          public PageFetcher<Ticket> openScope(ScopeKey scope) {
            return request -> {
              throw new SourceException(
                  ErrorCode.SOURCE_UNAVAILABLE,
                  EngineFixtures.SOURCE,
                  scope,
                  "HTTP 503 from https://bob:"
                      + PASSWORD
                      + "@jira.example.com/rest?access_token="
                      + TOKEN
                      + "\n[main] INFO forged line",
                  null);
            };
          }
        };

    IngestionReport report =
        Ingestion.builder(leaky, (key, batch) -> {}, new InMemoryWatermarkStore())
            .clock(new FakeClock())
            .readOptions(SAME_THREAD)
            .build()
            .run();

    ScopeResult result = report.scopes().get(0);
    assertEquals(ErrorCode.SOURCE_UNAVAILABLE, result.errorCode());
    String error = result.error();
    assertNotNull(error);
    assertFalse(error.contains(PASSWORD), error);
    assertFalse(error.contains(TOKEN), error);
    assertFalse(error.contains("\n"), "no forged line: " + error);
  }
}
