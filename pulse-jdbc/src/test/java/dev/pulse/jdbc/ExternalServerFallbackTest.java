package dev.pulse.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.Watermark;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fallback for machines where the embedded PostgreSQL cannot start: a child JVM given {@code
 * -Dpulse.test.postgres.url=<url>} of a running server (here this JVM's own embedded one, standing
 * in for an external server) runs its PostgreSQL work there. The child's rows appear in this
 * server, so the child used the URL and started no server of its own.
 */
final class ExternalServerFallbackTest {
  private static final Duration WAIT = Duration.ofMinutes(2);

  @Test
  void externalUrl_childRunsItsPostgresWorkOnThatServer() throws Exception {
    String url = TestDatabases.postgresUrl();
    String schema;
    ChildJvm child =
        ChildJvm.start(
            ExternalServerChild.class,
            List.of("-D" + EmbeddedPostgresLauncher.EXTERNAL_URL + "=" + url),
            List.of());
    try {
      schema = child.next(WAIT);
      assertEquals(0, child.exitValue(WAIT), "child's log " + child.log());
    } finally {
      child.close();
    }

    // Schemas on an external server carry the run's id, so that repeated runs never collide.
    assertTrue(schema.matches("t[a-z0-9]+_[0-9]+"), schema);
    JdbcDatabase database = JdbcDatabase.builder(TestDatabases.postgres()).schema(schema).build();
    Watermark stored = new JdbcWatermarkStore(database).get(ExternalServerChild.KEY);
    assertEquals(ExternalServerChild.ITEMS, stored.itemsStored());
    assertEquals(0, database.migrate(), "the child migrated the schema");
  }
}
