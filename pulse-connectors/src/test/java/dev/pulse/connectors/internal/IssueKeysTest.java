package dev.pulse.connectors.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class IssueKeysTest {
  @Test
  void find_titleAndBranch_keysInOrderOnce() {
    assertEquals(
        List.of("BG-12", "OPS-7"),
        IssueKeys.find("BG-12 fix login (see OPS-7)", "feature/BG-12-login"));
  }

  @Test
  void find_standardsAndAlgorithms_notKeys() {
    assertEquals(
        List.of(),
        IssueKeys.find(
            "Support UTF-8, ISO-8601 and SHA-256; RFC-9110, CVE-2024, AES-256, TLS-1, HTTP-2",
            "chore/utf-8"));
  }

  @Test
  void find_lowerCaseOrGluedText_notKeys() {
    assertEquals(List.of(), IssueKeys.find("bg-12 fix", "xBG-12y", "B-1"));
  }

  @Test
  void find_nullTexts_skipped() {
    assertEquals(List.of("BG-1"), IssueKeys.find(null, "BG-1"));
  }

  @Test
  void projects_keyPrefixes() {
    assertEquals(Set.of("BG", "OPS"), IssueKeys.projects("BG-1 BG-2 OPS-3 UTF-8"));
  }
}
