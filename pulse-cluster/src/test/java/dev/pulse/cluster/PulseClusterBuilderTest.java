package dev.pulse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.pulse.jdbc.JdbcSink;
import dev.pulse.model.Deployment;
import dev.pulse.testkit.fake.SyntheticDeployments;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Every builder rule rejects its bad input and names the parameter. */
final class PulseClusterBuilderTest {
  // Never asked for a connection: each rule fails before anything is built.
  private static final DataSource UNUSED = new SeverableDataSource(null);

  private static void rejected(String parameter, Consumer<PulseCluster.Builder> setter) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> setter.accept(PulseCluster.builder(UNUSED)));
    assertTrue(e.getMessage().startsWith(parameter), e.getMessage());
  }

  private static ClusterSource<Deployment> source() {
    return ClusterSource.of(SyntheticDeployments.connector(1, 1), JdbcSink::deployments).build();
  }

  @Test
  void setters_badValues_areRejected() {
    rejected("threads", b -> b.threads(0));
    rejected("threads", b -> b.threads(257));
    rejected("missedHeartbeats", b -> b.missedHeartbeats(3));
    rejected("heartbeatInterval", b -> b.heartbeatInterval(Duration.ZERO));
    rejected("pollingInterval", b -> b.pollingInterval(Duration.ofHours(2)));
    rejected("discoveryInterval", b -> b.discoveryInterval(Duration.ofMillis(1)));
    rejected("shutdownWait", b -> b.shutdownWait(Duration.ofSeconds(-1)));
    rejected("shutdownWait", b -> b.shutdownWait(Duration.ofHours(2)));
    rejected("worker", b -> b.worker(" "));
    rejected("worker", b -> b.worker("w".repeat(51)));
  }

  @Test
  void source_twice_isRejected() {
    PulseCluster.Builder builder = PulseCluster.builder(UNUSED).source(source());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> builder.source(source()));
    assertEquals("source default/ci/deployments was already added", e.getMessage());
  }

  @Test
  void build_withoutSource_isRejected() {
    assertThrows(IllegalStateException.class, () -> PulseCluster.builder(UNUSED).build());
  }

  @Test
  void clusterSource_badValues_areRejected() {
    ClusterSource.Builder<Deployment> builder =
        ClusterSource.of(SyntheticDeployments.connector(1, 1), JdbcSink::deployments);
    assertThrows(IllegalArgumentException.class, () -> builder.interval(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> builder.tenant(" "));
    assertEquals("acme/ci/deployments", builder.tenant("acme").build().id());
  }

  @Test
  void takeoverBound_isMissedHeartbeatsPlusDetectionPlusPoll() {
    try (HikariDataSource pool = TestDatabases.pool(TestDatabases.freshDatabase(), "bound", 2);
        PulseCluster cluster = PulseCluster.builder(pool).source(source()).build()) {
      // 5 x 2 s of missed heartbeats, a dead-execution check every 4 s, a 1 s poll.
      assertEquals(Duration.ofSeconds(15), cluster.takeoverBound());
    }
  }
}
