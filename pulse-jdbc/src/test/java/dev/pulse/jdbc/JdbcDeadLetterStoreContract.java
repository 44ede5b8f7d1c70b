package dev.pulse.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.spi.DeadLetter;
import dev.pulse.spi.DeadLetterStore;
import dev.pulse.testkit.DeadLetterStoreContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The testkit's {@link DeadLetterStoreContract} on one database, plus what only SQL can show: the
 * row holds the sanitized message.
 */
abstract class JdbcDeadLetterStoreContract extends DeadLetterStoreContract {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00.123456789Z");
  private static final ScopeId BG =
      ScopeId.of("acme", EntityType.ISSUES, ScopeKey.of("jira", "project", "BG"));

  private JdbcDatabase database;

  abstract JdbcDatabase createDatabase();

  @Override
  protected DeadLetterStore createStore() {
    database = createDatabase();
    return new JdbcDeadLetterStore(database);
  }

  @Test
  void record_storesTheSanitizedMessageOnly() throws SQLException {
    DeadLetter letter =
        store()
            .record(
                BG,
                "BG-1",
                ErrorCode.INVALID_DATA,
                "Authorization: Bearer abcdefghijklmnop",
                null,
                T0);

    assertFalse(letter.message().contains("abcdefghijklmnop"), letter.message());
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT message FROM " + database.names().table("dead_letters"));
        ResultSet rows = statement.executeQuery()) {
      assertTrue(rows.next());
      assertEquals(letter.message(), rows.getString(1));
    }
  }

  @Test
  void pruneNotSeenSince_deletesOnlyLettersLastSeenBeforeTheCutoff() {
    JdbcDeadLetterStore store = (JdbcDeadLetterStore) store();
    ScopeId other = ScopeId.of("other", EntityType.ISSUES, BG.scope());
    store.record(BG, "BG-1", ErrorCode.INVALID_DATA, "m", null, T0);
    store.record(BG, "BG-2", ErrorCode.INVALID_DATA, "m", null, T0);
    store.record(BG, "BG-2", ErrorCode.INVALID_DATA, "m", null, T0.plusSeconds(86_400 * 20L));
    store.record(other, "BG-3", ErrorCode.INVALID_DATA, "m", null, T0.plusNanos(1));
    store.record(BG, "BG-4", ErrorCode.INVALID_DATA, "m", null, T0.plusNanos(2));

    assertEquals(2, store.pruneNotSeenSince(T0.plusNanos(2)));
    assertEquals(0, store.pruneNotSeenSince(T0.plusNanos(2)));
    assertTrue(store.find(BG, "BG-1").isEmpty());
    assertTrue(store.find(other, "BG-3").isEmpty());
    assertEquals(
        List.of("BG-2", "BG-4"), store.list("acme").stream().map(DeadLetter::naturalKey).toList());
  }
}
