package dev.pulse.connectors.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.model.Issue;
import dev.pulse.testkit.ConnectorContract;
import dev.pulse.testkit.fake.jira.FakeJira;
import java.util.List;

/** The Jira issues connector against the testkit's connector contract, served by the fake. */
final class JiraConnectorContractTest extends ConnectorContract<Issue> {
  @Override
  protected Fixture<Issue> createFixture(int itemCount, int itemsSharingOneTimestamp) {
    // Numbers from 90 put a shared group across BG-99 / BG-100; pages capped at 20 keep the
    // re-scans of the shared minute short.
    FakeJira fake =
        FakeJira.builder()
            .seed(11)
            .project("BG", itemCount)
            .project("OPS", 2)
            .firstNumber(90)
            .sharingOneTimestamp(itemsSharingOneTimestamp, itemCount > 3 ? 3 : -1)
            .maxResultsCap(20)
            .inlineChangelogLimit(4)
            .start();
    JiraTestSupport support = new JiraTestSupport();
    // The expected items are one reference read with a page size above the data, checked against
    // the fake's own order of keys, so the suite checks paging and resuming, not the mapping.
    List<Issue> expected;
    try (JiraConnector reference = support.connector(fake)) {
      expected =
          JiraTestSupport.items(JiraTestSupport.readAll(reference, JiraTestSupport.BG, null, 1000));
    }
    assertEquals(fake.keysInOrder("BG"), expected.stream().map(Issue::key).toList());
    JiraConnector connector = support.connector(fake);
    return new Fixture<>(new ClosingConnector<>(connector, fake), JiraTestSupport.BG, expected);
  }
}
