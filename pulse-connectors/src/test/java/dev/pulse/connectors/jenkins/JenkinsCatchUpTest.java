package dev.pulse.connectors.jenkins;

import static dev.pulse.connectors.jenkins.JenkinsTestSupport.scope;
import static dev.pulse.connectors.jenkins.JenkinsTestSupport.walk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.model.Deployment;
import dev.pulse.testkit.fake.RandomChanges;
import dev.pulse.testkit.fake.jenkins.FakeBuild;
import dev.pulse.testkit.fake.jenkins.FakeJenkins;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading while the fake adds, finishes and deletes builds at random, then catching up. */
final class JenkinsCatchUpTest {
  private static final String JOB = "svc/deploy-prod";
  private final JenkinsTestSupport support = new JenkinsTestSupport();

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 20261207})
  void randomChangesWhileReading_catchUp_storesExactlyTheSourcesFinishedBuilds(long seed)
      throws Exception {
    try (FakeJenkins fake =
            FakeJenkins.builder()
                .seed(seed)
                .standardOrganisation(false)
                .runningBuilds(false)
                .job(JOB, FakeJenkins.FREESTYLE, 60)
                .start();
        JenkinsConnector connector = support.builder(fake).build()) {
      RandomChanges changes = fake.changeRandomly(seed, 2);
      Map<String, Deployment> stored = new HashMap<>();

      JenkinsTestSupport.Walk first = walk(connector, scope(JOB), null, 7);
      first.items().forEach(d -> stored.put(d.buildId(), d));
      changes.stop();
      walk(connector, scope(JOB), first.watermark(), 7)
          .items()
          .forEach(d -> stored.put(d.buildId(), d));

      assertFalse(changes.created().isEmpty(), "builds were added: " + changes);
      assertFalse(changes.deleted().isEmpty(), "builds were deleted: " + changes);
      Set<String> source = new HashSet<>();
      for (FakeBuild build : fake.builds(JOB)) {
        if (build.building()) {
          continue; // never served while it runs
        }
        String id = JOB + "#" + build.number() + "@" + build.startedAt().toEpochMilli();
        source.add(id);
        Deployment mine = stored.get(id);
        assertTrue(mine != null, id + " is stored");
        assertEquals(build.finishedAt(), mine.finishedAt(), id + " as it finished");
      }
      Set<String> extra = new HashSet<>(stored.keySet());
      extra.removeAll(source);
      for (String id : extra) {
        assertTrue(
            changes.deleted().contains(id.substring(0, id.indexOf('@'))),
            "only deleted builds are stored beyond the source's: " + id);
      }
    }
  }
}
