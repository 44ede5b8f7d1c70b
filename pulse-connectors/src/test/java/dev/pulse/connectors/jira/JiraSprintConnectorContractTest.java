package dev.pulse.connectors.jira;

import dev.pulse.ScopeKey;
import dev.pulse.model.Sprint;
import dev.pulse.testkit.ConnectorContract;
import dev.pulse.testkit.fake.jira.FakeJira;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Jira sprints reader against the connector contract. All sprints of a read share one cursor
 * (the refresh generation) and are told apart by their numeric id, so every fixture is the "sharing
 * one timestamp" case.
 */
final class JiraSprintConnectorContractTest extends ConnectorContract<Sprint> {
  @Override
  protected Fixture<Sprint> createFixture(int itemCount, int itemsSharingOneTimestamp) {
    FakeJira fake = FakeJira.builder().project("BG", 0).start();
    List<Map<String, Object>> raw = new ArrayList<>();
    List<Sprint> expected = new ArrayList<>();
    // Served out of id order, as boards list sprints by sequence; the reader sorts by id.
    for (int i = itemCount - 1; i >= 0; i--) {
      long id = 95L + i;
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("id", id);
      s.put("state", i % 2 == 0 ? "closed" : "active");
      s.put("name", "Sprint " + id);
      s.put("originBoardId", 100);
      raw.add(s);
    }
    for (int i = 0; i < itemCount; i++) {
      long id = 95L + i;
      expected.add(
          Sprint.builder()
              .id(Long.toString(id))
              .boardId("100")
              .name("Sprint " + id)
              .status(
                  i % 2 == 0
                      ? dev.pulse.model.SprintStatus.CLOSED
                      : dev.pulse.model.SprintStatus.ACTIVE)
              .build());
    }
    fake.sprints(100, new ArrayList<>(raw));
    JiraConnector issues = new JiraTestSupport().connector(fake);
    return new Fixture<>(
        new ClosingConnector<>(
            issues.sprints(),
            () -> {
              issues.close();
              fake.close();
            }),
        ScopeKey.of("jira", "board", "100"),
        expected);
  }
}
