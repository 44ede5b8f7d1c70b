package dev.pulse.connectors.github;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Text and time helpers for GitHub payloads. */
final class GitHubText {
  private GitHubText() {}

  /**
   * Removes every NUL (0x00): PostgreSQL rejects it in text, and one bad row would fail a whole
   * batch upsert downstream.
   */
  static String stripNul(String text) {
    return text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
  }

  /** Returns the text without NULs, or null when it is null or blank once stripped. */
  static @Nullable String stripNulOrNull(@Nullable String text) {
    if (text == null) {
      return null;
    }
    String stripped = stripNul(text);
    return stripped.isBlank() ? null : stripped;
  }

  /** Parses GitHub's ISO-8601 times ({@code 2026-04-01T10:00:00Z}); null when absent or bad. */
  static @Nullable Instant parseTime(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
