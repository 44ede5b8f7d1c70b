package dev.pulse.jdbc;

import dev.pulse.Batch;
import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.model.Deployment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM of {@link ConcurrentWriterProcessTest}: upserts its share of overlapping deployment
 * batches, each with its watermark advance, into one PostgreSQL schema. Arguments: {@code postgres
 * <jdbc url> <schema> <writer index>}. Prints {@code ready} once connected, waits for {@code go} on
 * standard input (so all writers start together), then prints {@code done}.
 */
final class WriterChild {
  static final int KEYS = 500;
  static final int ROUNDS = 30;
  static final int BATCH = 200;
  static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

  private WriterChild() {}

  /** The keys writer {@code w} writes in round {@code r}: {@value #BATCH} keys, wrapping. */
  static List<Integer> keys(int w, int r) {
    List<Integer> keys = new ArrayList<>(BATCH);
    int first = (r * 53 + w * 131) % KEYS;
    for (int n = 0; n < BATCH; n++) {
      keys.add((first + n) % KEYS);
    }
    return keys;
  }

  /** The version writer {@code w} writes in round {@code r}: distinct over all writers. */
  static Instant updatedAt(int writers, int w, int r) {
    return T0.plusSeconds((long) r * writers + w);
  }

  public static void main(String[] args) throws SQLException, IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    JdbcDatabase database = CrashChild.open(new String[] {args[0], args[1], args[2]});
    int writer = Integer.parseInt(args[3]);
    int writers = Integer.parseInt(args[4]);
    JdbcWatermarkStore watermarks = new JdbcWatermarkStore(database);
    JdbcSink<Deployment> sink = JdbcSink.deployments(watermarks);
    ScopeId key = ScopeId.of(CrashSource.TENANT, EntityType.DEPLOYMENTS, CrashSource.scope(0));
    out.println("ready");
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    if (!"go".equals(in.readLine())) {
      System.exit(2);
    }
    for (int r = 0; r < ROUNDS; r++) {
      Instant at = updatedAt(writers, writer, r);
      List<Deployment> items = new ArrayList<>();
      for (int n : keys(writer, r)) {
        items.add(CrashSource.deployment(0, n, at));
      }
      Position position = Position.at(at, writer);
      sink.writeAndAdvance(
          key, new Batch<>(CrashSource.scope(0), items, position, r), position, items.size(), at);
    }
    out.println("done");
    System.exit(0);
  }
}
