package dev.pulse.connectors.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.Batch;
import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.engine.Ingestion;
import dev.pulse.engine.IngestionReport;
import dev.pulse.engine.ReadOptions;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.model.Deployment;
import dev.pulse.spi.Sink;
import dev.pulse.testkit.fake.jenkins.FakeBuild;
import dev.pulse.testkit.fake.jenkins.FakeJenkins;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The connector driven by the real engine: a running build holds the stored watermark. */
final class JenkinsIngestionTest {
  private static final String PROD = "payments/deploy-prod";

  /** An upserting sink keyed as the JDBC sink is: (repository, environment, build id). */
  private static final class UpsertSink implements Sink<Deployment> {
    final Map<String, Deployment> rows = new LinkedHashMap<>();
    final List<Deployment> written = new ArrayList<>();

    @Override
    public void write(ScopeId key, Batch<Deployment> batch) {
      for (Deployment d : batch.items()) {
        written.add(d);
        rows.put(d.repository() + "|" + d.environment() + "|" + d.buildId(), d);
      }
    }
  }

  @Test
  void run_runningBuild_watermarkStaysBehindIt_nextRunStoresItFinished() {
    JenkinsTestSupport support = new JenkinsTestSupport();
    try (FakeJenkins fake = FakeJenkins.builder().buildsPerJob(25).start();
        JenkinsConnector connector =
            support.builder(fake).jobFilter("^payments/deploy-prod$").build()) {
      InMemoryWatermarkStore watermarks = new InMemoryWatermarkStore();
      UpsertSink sink = new UpsertSink();
      Ingestion.Builder<Deployment> ingestion =
          Ingestion.builder(connector, sink, watermarks)
              .tenant("acme")
              .clock(support.clock)
              .readOptions(
                  ReadOptions.builder().pageSize(4).prefetch(0).executor(Runnable::run).build())
              .preCountExecutor(Runnable::run);
      List<FakeBuild> builds = fake.builds(PROD);
      FakeBuild running = builds.get(builds.size() - 1);
      ScopeId key = ScopeId.of("acme", EntityType.DEPLOYMENTS, JenkinsTestSupport.scope(PROD));

      IngestionReport first = ingestion.build().run();

      assertTrue(first.unfinished().isEmpty(), first.toString());
      assertEquals(25, sink.rows.size(), "every finished build");
      Position stored = watermarks.get(key).position();
      assertTrue(
          BuildMapper.position(running.startedAt(), running.number()).isAfter(stored),
          "the watermark " + stored + " stays behind the running build");

      FakeBuild done = fake.finishBuild(PROD, running.number(), "SUCCESS");
      FakeBuild later = fake.addBuild(PROD, "FAILURE");
      sink.written.clear();
      IngestionReport second = ingestion.build().run();

      assertTrue(second.unfinished().isEmpty(), second.toString());
      assertEquals(
          List.of(
              JenkinsTestSupport.expected(PROD, "prod", later),
              JenkinsTestSupport.expected(PROD, "prod", done)),
          sink.written);
      assertEquals(27, sink.rows.size());
      assertEquals(
          BuildMapper.position(later.startedAt(), later.number()), watermarks.get(key).position());
    }
  }
}
