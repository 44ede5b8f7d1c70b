package dev.pulse.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.SourceException;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ForwardingConnector;
import dev.pulse.spi.PageFetcher;
import dev.pulse.testing.FakeClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: a connector that puts a vendor's raw message into a Pulse exception never leaks its
 * credentials or forges a second line through the engine's report.
 */
final class SanitizedFailuresTest {
  private static final ScopeKey SCOPE = ScopeKey.of("jira", "project", "BG");
  private static final String PASSWORD = "Tr0ub4dor3";
  private static final String TOKEN = "Zq8vXyz1234567890abcdef";

  record Ticket(long id, Instant updatedAt) {}

  @Test
  void sourceFailureMessage_withCredentialsAndNewline_isSanitizedInTheReport() {
    InMemoryConnector<Ticket> tickets =
        InMemoryConnector.builder(
                "jira", EntityType.ISSUES, (Ticket t) -> Position.at(t.updatedAt(), t.id()))
            .scope(SCOPE, List.of(new Ticket(1, Instant.EPOCH)))
            .build();
    Connector<Ticket> leaky =
        new ForwardingConnector<>() {
          @Override
          protected Connector<Ticket> delegate() {
            return tickets;
          }

          @Override
          public PageFetcher<Ticket> openScope(ScopeKey scope) {
            return request -> {
              throw new SourceException(
                  ErrorCode.SOURCE_UNAVAILABLE,
                  "jira",
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
            .readOptions(ReadOptions.builder().executor(Runnable::run).build())
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
