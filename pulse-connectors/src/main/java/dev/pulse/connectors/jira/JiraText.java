package dev.pulse.connectors.jira;

import dev.pulse.connectors.internal.Json;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Text and time helpers for Jira payloads. */
final class JiraText {
  private static final DateTimeFormatter JIRA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  private JiraText() {}

  /**
   * Removes every NUL (0x00): PostgreSQL rejects it in text, and one bad row would fail a whole
   * batch upsert downstream.
   */
  static String stripNul(String text) {
    return Json.stripNul(text);
  }

  static @Nullable String stripNulOrNull(@Nullable String text) {
    return text == null ? null : stripNul(text);
  }

  /**
   * Parses Jira's {@code 2026-04-01T10:00:00.000+0000}, ISO-8601 with an offset or {@code Z}, or a
   * naive date-time taken as UTC; null when absent or unreadable.
   */
  static @Nullable Instant parseTime(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip();
    try {
      return OffsetDateTime.parse(t, JIRA_TIME).toInstant();
    } catch (DateTimeParseException notJira) {
      try {
        return OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException notIso) {
        try {
          return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notNaive) {
          return null;
        }
      }
    }
  }
}
