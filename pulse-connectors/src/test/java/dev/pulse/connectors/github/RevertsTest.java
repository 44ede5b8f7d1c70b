package dev.pulse.connectors.github;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class RevertsTest {
  private static Reverts.Revert detect(
      String title, @org.jspecify.annotations.Nullable String body, String branch) {
    return Reverts.detect("acme/api", 50, title, body, branch);
  }

  @Test
  void detect_githubRevertButton_bodyNamesNumber() {
    assertEquals(
        new Reverts.Revert(true, 41L),
        detect(
            "Revert \"Add login\"", "Reverts acme/api#41\n\nbroke it", "revert-41-feature/login"));
  }

  @Test
  void detect_shortBodyForm() {
    assertEquals(new Reverts.Revert(true, 7L), detect("Undo", "Reverts #7", "fix/undo"));
  }

  @Test
  void detect_otherRepositoryInBody_branchNumberUsed() {
    assertEquals(
        new Reverts.Revert(true, 41L), detect("Undo", "Reverts acme/web#9", "revert-41-x"));
  }

  @Test
  void detect_otherRepositoryOnly_revertOfUnknownNumber() {
    assertEquals(new Reverts.Revert(true, null), detect("Undo", "Reverts acme/web#9", "fix/x"));
  }

  @Test
  void detect_branchOnly() {
    assertEquals(new Reverts.Revert(true, 12L), detect("Roll back", null, "revert-12-feature-a"));
  }

  @Test
  void detect_titleOnly_unknownNumber() {
    assertEquals(new Reverts.Revert(true, null), detect("Revert \"Add login\"", "", "fix/x"));
  }

  @Test
  void detect_selfReference_notANumber() {
    assertEquals(new Reverts.Revert(true, null), detect("x", "Reverts #50", "fix/x"));
  }

  @Test
  void detect_ordinaryChange_noRevert() {
    assertEquals(
        Reverts.Revert.NONE,
        detect("Add reverse proxy", "Mentions #41 and prevents reverts", "feature/revertible"));
  }
}
