package dev.pulse.jdbc;

import dev.pulse.jdbc.internal.NamedMigrations;
import java.util.List;

/**
 * The SQL migrations shipped in the jar for each dialect, by name: handed to Flyway through {@link
 * NamedMigrations} (which says why Flyway must not scan the class path), read from this module.
 * Adding a migration means adding its file and its name here; a test compares this list with the
 * folder.
 */
final class Migrations {
  private static final List<String> POSTGRESQL =
      List.of(
          "V1__pulse_schema.sql",
          "V2__dead_letters.sql",
          "V3__update_headroom.sql",
          "V4__pull_request_components.sql",
          "V5__issue_sprint_changes.sql",
          "V6__deployment_components.sql",
          "V7__issue_transitions_digest.sql",
          "V8__deployment_components_known.sql");
  private static final List<String> SQLITE =
      List.of(
          "V1__pulse_schema.sql",
          "V2__dead_letters.sql",
          "V4__pull_request_components.sql",
          "V5__issue_sprint_changes.sql",
          "V6__deployment_components.sql",
          "V7__issue_transitions_digest.sql",
          "V8__deployment_components_known.sql");

  private Migrations() {}

  /** The dialect's migration file names, in version order. */
  static List<String> files(Dialect dialect) {
    return dialect == Dialect.POSTGRESQL ? POSTGRESQL : SQLITE;
  }

  /** Flyway's provider of the dialect's migrations, each read from this module when applied. */
  static NamedMigrations provider(Dialect dialect) {
    return new NamedMigrations(
        "dev/pulse/jdbc/",
        "migration/" + dialect.folder() + "/",
        files(dialect),
        path -> Migrations.class.getResourceAsStream(path));
  }
}
