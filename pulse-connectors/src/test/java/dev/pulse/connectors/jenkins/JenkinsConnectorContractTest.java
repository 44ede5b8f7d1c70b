package dev.pulse.connectors.jenkins;

import dev.pulse.Position;
import dev.pulse.model.Deployment;
import dev.pulse.testkit.ConnectorContract;
import dev.pulse.testkit.SourceFailure;
import dev.pulse.testkit.fake.Fault;
import dev.pulse.testkit.fake.jenkins.FakeBuild;
import dev.pulse.testkit.fake.jenkins.FakeJenkins;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Jenkins connector against the testkit's connector contract (newest-first groups), served by
 * the fake. Jenkins builds do not change once finished (a re-run is a new build), so the contract's
 * "edited item" hook is left out; re-used numbers are tested in {@link JenkinsConnectorTest}.
 */
final class JenkinsConnectorContractTest extends ConnectorContract<Deployment> {
  private static final String JOB = "team/deploy-prod";
  private static final String OTHER = "other/deploy-staging";
  private final Map<Fixture<Deployment>, FakeJenkins> fakes = new IdentityHashMap<>();

  @Override
  protected Fixture<Deployment> createFixture(int itemCount, int itemsSharingOneTimestamp) {
    FakeJenkins fake =
        FakeJenkins.builder()
            .seed(11)
            .standardOrganisation(false)
            .job(JOB, FakeJenkins.FREESTYLE, itemCount)
            .job(OTHER, FakeJenkins.FREESTYLE, 3)
            .sharingOneTimestamp(itemsSharingOneTimestamp, itemCount > 3 ? 3 : -1)
            .start();
    return fixture(fake);
  }

  @Override
  protected Fixture<Deployment> createMillisecondFixture(int itemCount) {
    FakeJenkins fake =
        FakeJenkins.builder()
            .seed(12)
            .standardOrganisation(false)
            .job(JOB, FakeJenkins.FREESTYLE, itemCount)
            .job(OTHER, FakeJenkins.FREESTYLE, 3)
            .buildSpacing(Duration.ofMillis(1))
            .start();
    return fixture(fake);
  }

  private Fixture<Deployment> fixture(FakeJenkins fake) {
    JenkinsConnector connector = new JenkinsTestSupport().builder(fake).maxRetries(0).build();
    Fixture<Deployment> fixture =
        new Fixture<>(
            new ClosingConnector<>(connector, fake),
            JenkinsTestSupport.scope(JOB),
            JenkinsTestSupport.expectedAll(fake, JOB, "prod"),
            Map.of(
                JenkinsTestSupport.scope(OTHER),
                JenkinsTestSupport.expectedAll(fake, OTHER, "staging")));
    fakes.put(fixture, fake);
    return fixture;
  }

  private FakeJenkins fake(Fixture<Deployment> fixture) {
    return Objects.requireNonNull(fakes.get(fixture), "fixture made elsewhere");
  }

  @Override
  protected Position positionOf(Deployment item) {
    return Objects.requireNonNull(BuildMapper.positionOfBuildId(item.buildId()));
  }

  @Override
  protected List<Deployment> appendItems(Fixture<Deployment> fixture, int count) {
    List<Deployment> added = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      FakeBuild build = fake(fixture).addBuild(JOB, i % 2 == 0 ? "SUCCESS" : "FAILURE");
      added.add(JenkinsTestSupport.expected(JOB, "prod", build));
    }
    return added;
  }

  @Override
  protected void injectFailure(Fixture<Deployment> fixture, SourceFailure failure) {
    Duration retryAfter = failure.retryAfter();
    Fault fault =
        retryAfter != null ? Fault.tooManyRequests(retryAfter) : Fault.status(failure.status());
    fake(fixture).inject("/job/team/job/deploy-prod/", fault);
  }
}
