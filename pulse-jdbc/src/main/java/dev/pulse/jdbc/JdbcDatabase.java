package dev.pulse.jdbc;

import dev.pulse.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.jspecify.annotations.Nullable;

/**
 * One Pulse schema in a PostgreSQL or SQLite database: where its tables live, and the {@link
 * #migrate()} call that creates or upgrades them.
 *
 * <p>Pulse takes the caller's {@link DataSource} and opens no pool of its own: give it the
 * service's pool for PostgreSQL, or {@link SqliteDataSources#file} for the embedded default. The
 * dialect is detected from the database once, in {@link Builder#build()}. Tables are named {@code
 * <tablePrefix><name>} (prefix {@code pulse_} by default), in {@link Builder#schema(String) a
 * schema} on PostgreSQL if one is set.
 *
 * <p>Nothing changes the database until {@link #migrate()} is called. Migrations are versioned SQL
 * files shipped in the jar ({@code dev/pulse/jdbc/migration/<dialect>/}) and applied by Flyway,
 * which records them in its own history table {@code <tablePrefix>schema_history}; they are handed
 * to Flyway by name rather than found by a class-path scan, so {@link #migrate()} works with
 * pulse-jdbc on the module path as well as on the class path. The same DDL is shipped as plain SQL
 * ({@code dev/pulse/jdbc/ddl/<dialect>.sql}, default prefix) for users who run their own migrations
 * and never call {@link #migrate()}.
 *
 * <p>Instances are immutable and thread-safe; share one per schema.
 */
public final class JdbcDatabase {
  private final DataSource dataSource;
  private final Dialect dialect;
  private final Names names;

  private JdbcDatabase(DataSource dataSource, Dialect dialect, Names names) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.names = names;
  }

  /**
   * Starts configuring a database.
   *
   * @param dataSource where connections come from; Pulse closes every connection it borrows
   * @return a builder
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * Creates the schema's tables or brings them to the newest version; a schema already current is
   * left alone, so calling this on every start is cheap and idempotent.
   *
   * <p>Safe when several processes migrate at once: on PostgreSQL Flyway serializes them with an
   * advisory lock; on SQLite each migration runs in one transaction, and a process that loses the
   * race for the history table retries once the winner committed.
   *
   * @return the number of migrations this call applied
   * @throws StoreException if a migration fails; the message names the history table
   */
  public int migrate() {
    FluentConfiguration configuration =
        Flyway.configure(JdbcDatabase.class.getClassLoader())
            .dataSource(dataSource)
            // Named, not scanned: Flyway's class-path scan finds nothing inside a named module.
            .resourceProvider(Migrations.provider(dialect))
            .javaMigrationClassProvider(List::of)
            .table(names.prefix() + "schema_history")
            .placeholders(Map.of("prefix", names.prefix()))
            .placeholderReplacement(true)
            .validateMigrationNaming(true)
            // Pulse's tables may share a schema (or a SQLite file) with the application's own: an
            // empty baseline at version 0 lets V1 run there instead of Flyway refusing.
            .baselineOnMigrate(true)
            .baselineVersion("0");
    String schema = names.schema();
    if (schema != null) {
      configuration = configuration.schemas(schema).defaultSchema(schema).createSchemas(true);
    }
    Flyway flyway = configuration.load();
    int attempts = dialect == Dialect.SQLITE ? 20 : 1;
    int applied = 0;
    for (int attempt = 1; ; attempt++) {
      try {
        return applied + flyway.migrate().migrationsExecuted;
      } catch (FlywayException e) {
        // A failed attempt may have applied earlier migrations (each commits on its own): they
        // count as this call's.
        if (e instanceof FlywayMigrateException failed && failed.getErrorResult() != null) {
          applied += failed.getErrorResult().migrationsExecuted;
        }
        if (attempt >= attempts) {
          throw new StoreException(
              "migrate on " + names.bare("schema_history") + " failed: " + e.getClass().getName(),
              e);
        }
        // Only SQLite gets here: another process held the file's write lock while creating the
        // history table or applying a migration; once it committed, the next attempt finds the
        // migrations applied and does nothing.
      }
    }
  }

  DataSource dataSource() {
    return dataSource;
  }

  Dialect dialect() {
    return dialect;
  }

  Names names() {
    return names;
  }

  Connection connection(String table, String operation) {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw Failures.store(table, operation, e);
    }
  }

  @Override
  public String toString() {
    return "JdbcDatabase[" + dialect + ", " + names.table("*") + "]";
  }

  /**
   * Configures a {@link JdbcDatabase}. Each setter validates its argument at once; {@link #build()}
   * may be called more than once.
   */
  public static final class Builder {
    private final DataSource dataSource;
    private @Nullable String schema;
    private String tablePrefix = "pulse_";

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Puts Pulse's tables into a PostgreSQL schema, created by {@link #migrate()} if missing. Not
     * supported on SQLite, which has no schemas (use a table prefix or a separate file instead).
     *
     * @param schema a lower-case identifier, {@code [a-z_][a-z0-9_]{0,39}}
     * @return this builder
     * @throws IllegalArgumentException if the name is not such an identifier
     */
    public Builder schema(String schema) {
      this.schema = Names.requireSchema(schema);
      return this;
    }

    /**
     * Sets the prefix of every Pulse table name, {@code pulse_} by default.
     *
     * @param tablePrefix empty, or a lower-case identifier of at most 24 characters
     * @return this builder
     * @throws IllegalArgumentException if the prefix is not such an identifier
     */
    public Builder tablePrefix(String tablePrefix) {
      this.tablePrefix = Names.requirePrefix(tablePrefix);
      return this;
    }

    /**
     * Detects the database's dialect (borrowing one connection) and builds the handle. No table is
     * created: call {@link JdbcDatabase#migrate()} for that.
     *
     * @return the database
     * @throws StoreException if no connection could be borrowed
     * @throws IllegalArgumentException if the database is neither PostgreSQL nor SQLite, or a
     *     schema was set on SQLite
     */
    public JdbcDatabase build() {
      Dialect dialect;
      try (Connection connection = dataSource.getConnection()) {
        dialect = Dialect.detect(connection);
      } catch (SQLException e) {
        throw Failures.store("database", "detect dialect", e);
      }
      if (dialect == Dialect.SQLITE && schema != null) {
        throw new IllegalArgumentException(
            "schema is not supported on SQLite but was \"" + schema + "\"; use tablePrefix");
      }
      return new JdbcDatabase(dataSource, dialect, new Names(schema, tablePrefix));
    }
  }
}
