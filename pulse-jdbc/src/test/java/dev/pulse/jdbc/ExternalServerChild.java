package dev.pulse.jdbc;

import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A child JVM of {@link ExternalServerFallbackTest}, started with {@code
 * -Dpulse.test.postgres.url=...}: takes a fresh migrated schema from {@link TestDatabases} the way
 * every PostgreSQL test does, advances one watermark there, prints the schema's name and exits.
 */
final class ExternalServerChild {
  static final ScopeId KEY =
      ScopeId.of("acme", EntityType.ISSUES, ScopeKey.parse("jira:project:BG"));
  static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
  static final long ITEMS = 7;

  private ExternalServerChild() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    JdbcDatabase database = TestDatabases.freshPostgres();
    new JdbcWatermarkStore(database).advance(KEY, Position.at(AT), ITEMS, AT);
    out.println(database.names().schema());
    // the pool's connections would keep the JVM alive
    System.exit(0);
  }
}
