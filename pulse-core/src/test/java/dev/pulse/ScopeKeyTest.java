package dev.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ScopeKeyTest {

  @Test
  void parse_valueWithSlash_keepsItInValue() {
    ScopeKey key = ScopeKey.parse("github:repo:acme/api");

    assertEquals("github", key.source());
    assertEquals("repo", key.dimension());
    assertEquals("acme/api", key.value());
    assertEquals(ScopeKey.of("github", "repo", "acme/api"), key);
    assertEquals("github:repo:acme/api", key.toString());
  }

  @Test
  void parse_valueWithColons_splitsOnFirstTwoOnly() {
    ScopeKey key = ScopeKey.parse("jenkins:job:folder/deploy:prod:eu");

    assertEquals("jenkins", key.source());
    assertEquals("job", key.dimension());
    assertEquals("folder/deploy:prod:eu", key.value());
    assertEquals(key, ScopeKey.parse(key.toString()), "toString() round-trips through parse()");
  }

  @Test
  void parse_star_isGlobal() {
    ScopeKey key = ScopeKey.parse("*");

    assertSame(ScopeKey.GLOBAL, key);
    assertTrue(key.isGlobal());
    assertEquals("*", key.toString());
  }

  @Test
  void parse_starAsValue_isNotGlobal() {
    ScopeKey key = ScopeKey.parse("jira:project:*");

    assertFalse(key.isGlobal());
    assertEquals("*", key.value());
  }

  @Test
  void parse_malformed_throwsQuotingInput() {
    List<String> malformed =
        List.of(
            "",
            "jira",
            "jira:project",
            "jira:project:",
            ":project:BG",
            "jira::BG",
            "Jira:project:BG",
            "jira:Project:BG",
            "jira:project:B G",
            "jira:project:BG\n",
            "**",
            " *",
            "*:*:*",
            "jira/x:project:BG",
            "-jira:project:BG");
    List<String> problems = new ArrayList<>();
    for (String input : malformed) {
      InvalidScopeKeyException e =
          assertThrows(
              InvalidScopeKeyException.class,
              () -> ScopeKey.parse(input),
              "parse(\"" + input + "\")");
      // Control characters are quoted escaped, so that a key cannot forge a log line.
      String quoted = input.replace("\n", "\\u000a");
      if (!String.valueOf(e.getMessage()).contains("\"" + quoted + "\"")) {
        problems.add("message for \"" + input + "\" does not quote it: " + e.getMessage());
      }
      if (!e.input().equals(input) || e.code() != ErrorCode.INVALID_SCOPE_KEY) {
        problems.add("input() or code() wrong for \"" + input + "\"");
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void parse_tooLong_throwsWithTruncatedInput() {
    String input = "jira:project:" + "x".repeat(600);

    InvalidScopeKeyException e =
        assertThrows(InvalidScopeKeyException.class, () -> ScopeKey.parse(input));

    assertTrue(String.valueOf(e.getMessage()).contains(input.substring(0, 64)), e.getMessage());
    assertTrue(
        e.input().length() < input.length(), "a huge input is not copied whole into the message");
  }

  @Test
  void of_malformedPart_throws() {
    assertThrows(InvalidScopeKeyException.class, () -> ScopeKey.of("jira", "project", ""));
    assertThrows(InvalidScopeKeyException.class, () -> ScopeKey.of("jira", "pro:ject", "BG"));
    assertThrows(InvalidScopeKeyException.class, () -> ScopeKey.of("*", "*", "*"));
    assertThrows(NullPointerException.class, () -> ScopeKey.parse(nullString()));
  }

  @Test
  void compareTo_ordersByCanonicalForm_globalFirst() {
    List<ScopeKey> keys =
        new ArrayList<>(
            List.of(
                ScopeKey.parse("jira:project:OPS"),
                ScopeKey.parse("github:repo:acme/api"),
                ScopeKey.GLOBAL,
                ScopeKey.parse("jira:project:BG")));
    keys.sort(null);

    assertEquals(
        List.of(
            ScopeKey.GLOBAL,
            ScopeKey.parse("github:repo:acme/api"),
            ScopeKey.parse("jira:project:BG"),
            ScopeKey.parse("jira:project:OPS")),
        keys);
    assertEquals(
        0, ScopeKey.parse("jira:project:BG").compareTo(ScopeKey.of("jira", "project", "BG")));
  }

  @Test
  void equals_sameParts_equalAndSameHash() {
    ScopeKey a = ScopeKey.parse("jira:project:BG");
    ScopeKey b = ScopeKey.of("jira", "project", "BG");

    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertFalse(a.equals(ScopeKey.parse("jira:project:BG2")));
  }

  @SuppressWarnings("NullAway") // Deliberately passes null to check the runtime guard.
  private static String nullString() {
    return null;
  }
}
