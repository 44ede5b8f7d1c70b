package dev.pulse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.SourceException;
import dev.pulse.jdbc.JdbcSink;
import dev.pulse.model.Deployment;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ForwardingConnector;
import dev.pulse.testkit.fake.SyntheticDeployments;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Discovery schedules new scopes, retires vanished ones, and keeps all when the source fails. */
final class DiscoveryTest {
  @Test
  void discoverNow_followsTheConnectorsScopes() throws SQLException {
    ListedConnector connector = new ListedConnector();
    try (HikariDataSource pool = TestDatabases.pool(TestDatabases.freshDatabase(), "discovery", 2);
        PulseCluster cluster =
            PulseCluster.builder(pool)
                .source(ClusterSource.of(connector, JdbcSink::deployments).tenant("acme").build())
                .build()) {
      cluster.migrate();
      connector.scopes = List.of(scope(0), scope(1), scope(2), scope(3));
      DiscoveryReport first = cluster.discoverNow();
      assertEquals(List.of(id(0), id(1), id(2), id(3)), first.added());
      assertEquals(Set.of("0", "1", "2", "3"), scheduled(pool));

      connector.scopes = List.of(scope(0), scope(1), scope(7));
      DiscoveryReport second = cluster.discoverNow();
      assertEquals(List.of(id(7)), second.added());
      assertEquals(Set.of(id(2), id(3)), Set.copyOf(second.retired()));
      assertEquals(2, second.kept());
      assertEquals(Set.of("0", "1", "7"), scheduled(pool));

      connector.failing = true;
      DiscoveryReport failed = cluster.discoverNow();
      assertEquals(List.of("acme/ci/deployments"), failed.failedSources());
      assertEquals(List.of(), failed.retired());
      assertEquals(Set.of("0", "1", "7"), scheduled(pool), "a failing source keeps its scopes");
    }
  }

  private static ScopeKey scope(int i) {
    return ScopeKey.of("ci", "repo", Integer.toString(i));
  }

  private static ScopeId id(int i) {
    return ScopeId.of("acme", EntityType.DEPLOYMENTS, scope(i));
  }

  private static Set<String> scheduled(HikariDataSource pool) throws SQLException {
    Set<String> values = new TreeSet<>();
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT task_instance FROM scheduled_tasks WHERE task_name = 'pulse-scope'")) {
      while (rows.next()) {
        values.add(ScopeTaskId.decode(rows.getString(1)).scope().value());
      }
    }
    return values;
  }

  /** A connector whose scope list the test changes, and whose discovery it can break. */
  private static final class ListedConnector extends ForwardingConnector<Deployment> {
    private final Connector<Deployment> delegate = SyntheticDeployments.connector(0, 0);
    volatile List<ScopeKey> scopes = List.of();
    volatile boolean failing;

    @Override
    protected Connector<Deployment> delegate() {
      return delegate;
    }

    @Override
    public List<ScopeKey> discoverScopes() {
      if (failing) {
        throw new SourceException(
            ErrorCode.SOURCE_UNAVAILABLE, "ci", ScopeKey.GLOBAL, "down (test)", null);
      }
      return scopes;
    }
  }
}
