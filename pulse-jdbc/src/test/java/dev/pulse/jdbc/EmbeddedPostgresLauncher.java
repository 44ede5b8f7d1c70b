package dev.pulse.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/** Starts the embedded PostgreSQL the tests share. */
final class EmbeddedPostgresLauncher {
  private EmbeddedPostgresLauncher() {}

  static EmbeddedPostgres start() throws IOException {
    return EmbeddedPostgres.builder().start();
  }
}
