package dev.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.internal.Sanitizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
      if (!e.input().equals(quoted) || e.code() != ErrorCode.INVALID_SCOPE_KEY) {
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

  @Test
  void parse_fiveMegabyteKey_shortMessage() {
    for (String input :
        List.of(
            "x".repeat(5_000_000),
            "jira" + "x".repeat(5_000_000),
            "jira:project:" + "x".repeat(5_000_000))) {
      InvalidScopeKeyException e =
          assertThrows(InvalidScopeKeyException.class, () -> ScopeKey.parse(input));

      assertTrue(String.valueOf(e.getMessage()).length() < 300, "message is short");
      assertTrue(e.input().length() <= 65, e.input());
    }
    InvalidScopeKeyException e =
        assertThrows(
            InvalidScopeKeyException.class,
            () -> ScopeKey.of("jira", "project", "x".repeat(5_000_000)));
    assertTrue(String.valueOf(e.getMessage()).length() < 300, "message is short");
  }

  @Test
  void parse_hostileParts_escapedInMessage() {
    String forged = "jira\n2026-01-01 INFO forged\u2028x\u202e:project:BG";

    InvalidScopeKeyException e =
        assertThrows(InvalidScopeKeyException.class, () -> ScopeKey.parse(forged));

    String message = String.valueOf(e.getMessage());
    assertFalse(message.contains("\n") || message.contains("\u2028") || message.contains("\u202e"));
    assertTrue(message.contains("jira\\u000a2026-01-01 INFO forged\\u2028x\\u202e"), message);
  }

  @Test
  void of_lookAlikes_normalizedToTheSameKey() {
    ScopeKey plain = ScopeKey.of("jira", "project", "BG");

    assertEquals(plain, ScopeKey.of("jira", "project", "\uFF22\uFF27")); // fullwidth
    assertEquals(plain, ScopeKey.parse("jira:project:\uFF22\uFF27"));
    assertEquals(
        ScopeKey.of("jira", "project", "CAF\u00C9"), ScopeKey.parse("jira:project:CAFE\u0301"));
    assertEquals("CAF\u00C9", ScopeKey.parse("jira:project:CAFE\u0301").value());
  }

  @Test
  void of_invisibleAndMixedScriptValues_rejected() {
    for (String value :
        List.of(
            "BG\u200B", // zero-width space (Cf)
            "BG\u00A0", // no-break space
            "BG\u2028", // line separator
            "B\u202EG", // bidi override
            "BG\uFEFF", // BOM
            "BG\uD800", // lone surrogate
            "BG\uE000", // private use
            "\u0412G")) { // Cyrillic Ve + Latin G
      assertThrows(
          InvalidScopeKeyException.class,
          () -> ScopeKey.of("jira", "project", value),
          () -> "accepted " + Sanitizer.quote(value, 64));
    }
  }

  @Test
  void of_wholeCyrillicOrGreekValue_acceptedAndDistinct() {
    ScopeKey cyrillic = ScopeKey.of("jenkins", "job", "\u041F\u0420\u041E\u0415\u041A\u0422");

    assertEquals("\u041F\u0420\u041E\u0415\u041A\u0422", cyrillic.value());
    assertEquals("\u0391\u0392", ScopeKey.of("jenkins", "job", "\u0391\u0392").value());
    // A whole-script look-alike is not folded: documented limit.
    assertNotEquals(
        ScopeKey.of("jira", "project", "BC"), ScopeKey.of("jira", "project", "\u0412\u0421"));
  }

  @Test
  void serialization_roundTripsAndKeepsGlobalSingleton() throws Exception {
    ScopeKey key = ScopeKey.parse("github:repo:acme/api");

    assertEquals(key, deserialize(serialize(key)));
    assertSame(ScopeKey.GLOBAL, deserialize(serialize(ScopeKey.GLOBAL)));
  }

  @Test
  void deserialization_revalidates() throws Exception {
    byte[] bytes = serialize(ScopeKey.of("jira", "project", "QQQ"));
    // Patch the value's three bytes into the modified-UTF-8 encoding of U+200B (also three bytes).
    byte[] crafted =
        replace(
            bytes,
            "QQQ".getBytes(StandardCharsets.US_ASCII),
            new byte[] {(byte) 0xE2, (byte) 0x80, (byte) 0x8B});
    byte[] spaced =
        replace(
            bytes,
            "QQQ".getBytes(StandardCharsets.US_ASCII),
            "Q Q".getBytes(StandardCharsets.US_ASCII));

    assertThrows(InvalidObjectException.class, () -> deserialize(crafted));
    assertThrows(InvalidObjectException.class, () -> deserialize(spaced));
  }

  private static byte[] serialize(Object value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
      objects.writeObject(value);
    }
    return out.toByteArray();
  }

  private static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    }
  }

  private static byte[] replace(byte[] bytes, byte[] from, byte[] to) {
    byte[] out = bytes.clone();
    for (int i = 0; i + from.length <= out.length; i++) {
      if (Arrays.equals(out, i, i + from.length, from, 0, from.length)) {
        System.arraycopy(to, 0, out, i, to.length);
        return out;
      }
    }
    throw new AssertionError("pattern not found");
  }

  @SuppressWarnings("NullAway") // Deliberately passes null to check the runtime guard.
  private static String nullString() {
    return null;
  }
}
