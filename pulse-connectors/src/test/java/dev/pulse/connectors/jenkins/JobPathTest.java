package dev.pulse.connectors.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pulse.ScopeKey;
import org.junit.jupiter.api.Test;

final class JobPathTest {
  @Test
  void scopeValueAndUrl_encodeSpacesBranchSlashesAndUnicode_andParseBack() {
    JobPath path = JobPath.ROOT.child("Team A").child("api").child("feature%2Flogin").child("café");

    assertEquals("Team%20A/api/feature%252Flogin/caf%C3%A9", path.scopeValue());
    assertEquals("job/Team%20A/job/api/job/feature%252Flogin/job/caf%C3%A9/", path.urlPath());
    assertEquals("Team A/api/feature%2Flogin/café", path.fullName());
    assertEquals(path, JobPath.parseScopeValue(path.scopeValue()));
    ScopeKey key = JenkinsConnector.scopeOf(path);
    assertEquals(path, JobPath.parseScopeValue(key.value()), "valid as a scope key");
  }

  @Test
  void parseScopeValue_malformed_rejected() {
    assertThrows(IllegalArgumentException.class, () -> JobPath.parseScopeValue("a//b"));
    assertThrows(IllegalArgumentException.class, () -> JobPath.parseScopeValue("a/%2"));
    assertThrows(IllegalArgumentException.class, () -> JobPath.parseScopeValue("a/%zz"));
    assertThrows(IllegalArgumentException.class, () -> JobPath.parseScopeValue("café"));
  }

  @Test
  void parent_andName() {
    JobPath path = JobPath.ROOT.child("a").child("b");

    assertEquals(JobPath.ROOT.child("a"), path.parent());
    assertEquals("b", path.name());
    assertEquals(JobPath.ROOT, JobPath.ROOT.parent());
    assertEquals("", JobPath.ROOT.urlPath());
  }
}
