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
    Instant fast = parseJiraForm(t);
    if (fast != null) {
      return fast;
    }
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

  /**
   * Parses exactly Jira's own form {@code yyyy-MM-ddTHH:mm:ss.SSS+HHMM} without a formatter (it is
   * read several times per issue, and the formatter's parse costs more than the rest of the issue's
   * mapping); null for anything else, including out-of-range fields, so that {@link #parseTime}
   * falls back to the formatter and the result is always the formatter's.
   */
  static @Nullable Instant parseJiraForm(String t) {
    if (t.length() != 28
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':'
        || t.charAt(19) != '.') {
      return null;
    }
    char sign = t.charAt(23);
    if (sign != '+' && sign != '-') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    int millis = digits(t, 20, 3);
    int offsetHours = digits(t, 24, 2);
    int offsetMinutes = digits(t, 26, 2);
    if (year < 1
        || month < 1
        || month > 12
        || day < 1
        || day > monthLength(year, month)
        || hour > 23
        || minute > 59
        || second > 59
        || millis < 0
        || offsetHours < 0
        || offsetMinutes < 0
        || offsetMinutes > 59
        || offsetHours * 60 + offsetMinutes > 18 * 60) {
      return null; // out of range (or not digits, which digits() reports as -1): the formatter
      // decides
    }
    int offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (sign == '+' ? 1 : -1);
    long seconds =
        epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    return Instant.ofEpochSecond(seconds, millis * 1_000_000L);
  }

  /**
   * The decimal value of {@code count} ASCII digits at {@code from}, or -1 if one is not a digit.
   */
  private static int digits(String t, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int d = t.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }

  private static int monthLength(int year, int month) {
    return switch (month) {
      case 2 -> java.time.Year.isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (the same as {@code LocalDate}'s). */
  private static long epochDay(int year, int month, int day) {
    // Howard Hinnant's days_from_civil: the year starts in March so the leap day is last.
    long y = month <= 2 ? year - 1L : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }
}
