package dev.pulse.connectors.jira;

import static dev.pulse.connectors.jira.JiraTestSupport.items;
import static dev.pulse.connectors.jira.JiraTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.Batch;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.ScopeNotFoundException;
import dev.pulse.model.Sprint;
import dev.pulse.model.SprintStatus;
import dev.pulse.testkit.fake.jira.FakeJira;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class JiraSprintConnectorTest {
  private static final ScopeKey BOARD = ScopeKey.of("jira", "board", "100");
  private final JiraTestSupport support = new JiraTestSupport();
  private final FakeJira fake = FakeJira.builder().project("BG", 1).project("OPS", 1).start();
  private final JiraConnector connector = support.connector(fake);
  private final JiraSprintConnector sprints = connector.sprints();

  @AfterEach
  void close() {
    sprints.close();
    connector.close();
    fake.close();
  }

  @Test
  void normalizeStatus_everyAlias_unknownAndBlankAreNull() {
    Map<String, SprintStatus> aliases =
        Map.of(
            "active",
            SprintStatus.ACTIVE,
            "open",
            SprintStatus.ACTIVE,
            "in_progress",
            SprintStatus.ACTIVE,
            "closed",
            SprintStatus.CLOSED,
            "completed",
            SprintStatus.CLOSED,
            "complete",
            SprintStatus.CLOSED,
            "ended",
            SprintStatus.CLOSED,
            "future",
            SprintStatus.FUTURE,
            "planned",
            SprintStatus.FUTURE,
            "upcoming",
            SprintStatus.FUTURE);
    aliases.forEach(
        (raw, status) -> {
          assertEquals(status, JiraSprintConnector.normalizeStatus(raw), raw);
          assertEquals(
              status,
              JiraSprintConnector.normalizeStatus(
                  " " + raw.toUpperCase(java.util.Locale.ROOT) + " "));
        });
    assertNull(JiraSprintConnector.normalizeStatus("paused"), "unknown is never bucketed");
    assertNull(JiraSprintConnector.normalizeStatus("  "));
    assertNull(JiraSprintConnector.normalizeStatus(null));
  }

  @Test
  void discoverScopes_boardsPaged() {
    assertEquals(List.of(BOARD, ScopeKey.of("jira", "board", "101")), sprints.discoverScopes());
  }

  @Test
  void read_mapsEveryField_goalKept_nulStripped() {
    List<Sprint> read = items(readAll(sprints, BOARD, null, 50));

    assertEquals(5, read.size());
    Sprint first = read.get(0);
    assertEquals("1000", first.id());
    assertEquals("100", first.boardId());
    assertEquals("BG Sprint 1", first.name());
    assertEquals(SprintStatus.CLOSED, first.status());
    assertEquals("Ship  search", first.goal(), "NUL stripped, goal kept");
    assertEquals(Instant.parse("2026-01-05T09:00:00Z"), first.startedAt());
    assertEquals(Instant.parse("2026-01-19T09:00:00Z"), first.endedAt());
    assertEquals(Instant.parse("2026-01-19T10:00:00Z"), first.completedAt());
    assertEquals(
        List.of(
            SprintStatus.CLOSED,
            SprintStatus.CLOSED,
            SprintStatus.ACTIVE,
            SprintStatus.FUTURE,
            SprintStatus.FUTURE),
        read.stream().map(Sprint::status).toList());
    assertNull(read.get(4).startedAt());
  }

  @Test
  void rawStates_aliasesApplied_unknownNull() {
    List<Map<String, Object>> raw = new ArrayList<>();
    String[] states = {"open", "ENDED", "planned", "weird", ""};
    for (int i = 0; i < states.length; i++) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("id", 10 + i);
      s.put("state", states[i]);
      s.put("name", "S" + i);
      raw.add(s);
    }
    fake.sprints(100, new ArrayList<>(raw));

    List<SprintStatus> statuses =
        items(readAll(sprints, BOARD, null, 50)).stream().map(Sprint::status).toList();

    assertEquals(
        java.util.Arrays.asList(
            SprintStatus.ACTIVE, SprintStatus.CLOSED, SprintStatus.FUTURE, null, null),
        statuses);
  }

  @Test
  void nextRun_rereadsEverySprint_soStateChangesAtTheEndDateAreSeen() {
    List<Batch<Sprint>> first = readAll(sprints, BOARD, null, 2);
    Position stored = first.get(first.size() - 1).position();
    fake.sprintState(1002, "closed");

    List<Sprint> sameRun = items(readAll(sprints, BOARD, stored, 2));
    assertEquals(List.of(), sameRun, "a resume within the refresh interval continues after 1004");

    support.clock.advance(Duration.ofMinutes(2));
    List<Batch<Sprint>> nextRun = readAll(sprints, BOARD, stored, 2);

    List<Sprint> all = items(nextRun);
    assertEquals(5, all.size(), "every sprint read again");
    assertEquals(SprintStatus.CLOSED, all.get(2).status());
    assertTrue(nextRun.get(0).position().isAfter(stored), "positions keep increasing");
  }

  @Test
  void resume_withinARun_continuesAfterTheStoredSprint() {
    List<Batch<Sprint>> first = readAll(sprints, BOARD, null, 2);

    List<Sprint> rest = items(readAll(sprints, BOARD, first.get(0).position(), 2));

    assertEquals(List.of("1002", "1003", "1004"), rest.stream().map(Sprint::id).toList());
  }

  @Test
  void openScope_unknownBoard_scopeNotFound() {
    assertThrows(
        ScopeNotFoundException.class, () -> sprints.openScope(ScopeKey.of("jira", "board", "999")));
    assertThrows(
        ScopeNotFoundException.class, () -> sprints.openScope(ScopeKey.of("jira", "board", "x")));
  }

  @Test
  void unchangedSprintList_isAConditional304() {
    readAll(sprints, BOARD, null, 50);
    support.clock.advance(Duration.ofMinutes(2));
    readAll(sprints, BOARD, null, 50);

    assertTrue(connector.http().notModifiedCount() >= 3, "re-reads of unchanged pages cost a 304");
  }
}
