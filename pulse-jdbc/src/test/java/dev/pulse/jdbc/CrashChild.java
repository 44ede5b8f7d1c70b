package dev.pulse.jdbc;

import dev.pulse.Batch;
import dev.pulse.Watermark;
import dev.pulse.engine.Ingestion;
import dev.pulse.engine.IngestionListener;
import dev.pulse.engine.IngestionReport;
import dev.pulse.engine.ReadOptions;
import dev.pulse.engine.ScopeResult;
import dev.pulse.model.Deployment;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The child JVM of {@link SigkillCrashTest}: ingests {@link CrashSource} through the engine into a
 * {@link JdbcSink} (a transactional sink) and says on standard output what it has stored, so the
 * parent can kill it at a chosen point. Arguments: {@code postgres <jdbc url> <schema>} or {@code
 * sqlite <file>}. Prints {@code started}, then {@code stored <items>} after every committed batch,
 * then {@code done} and exits 0 when every scope is done (1 otherwise).
 */
final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws SQLException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    JdbcDatabase database = open(args);
    database.migrate();
    JdbcWatermarkStore watermarks = new JdbcWatermarkStore(database);
    Ingestion<Deployment> ingestion =
        Ingestion.builder(CrashSource.connector(), JdbcSink.deployments(watermarks), watermarks)
            .tenant(CrashSource.TENANT)
            .readOptions(ReadOptions.builder().pageSize(CrashSource.PAGE_SIZE).build())
            .listener(
                new IngestionListener() {
                  @Override
                  public void batchStored(Batch<?> batch, Watermark watermark) {
                    out.println("stored " + watermark.itemsStored());
                  }
                })
            .build();
    out.println("started");
    IngestionReport report = ingestion.run();
    boolean done = report.scopes().size() == CrashSource.SCOPES;
    for (ScopeResult result : report.scopes()) {
      done &= result.outcome() == ScopeResult.Outcome.DONE;
    }
    out.println(done ? "done" : "failed " + report);
    System.exit(done ? 0 : 1);
  }

  static JdbcDatabase open(String[] args) throws SQLException {
    if (args.length == 3 && args[0].equals("postgres")) {
      PGSimpleDataSource source = new PGSimpleDataSource();
      source.setUrl(args[1]);
      DataSource pool = new TestPool(source, 2);
      return JdbcDatabase.builder(pool).schema(args[2]).build();
    }
    if (args.length == 2 && args[0].equals("sqlite")) {
      return JdbcDatabase.builder(SqliteDataSources.file(Path.of(args[1]))).build();
    }
    throw new IllegalArgumentException("usage: postgres <url> <schema> | sqlite <file>");
  }
}
