package dev.pulse.connectors.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class JiraTextTest {
  private static final DateTimeFormatter JIRA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  /** The formatter chain {@link JiraText#parseTime} must agree with on every input. */
  private static @Nullable Instant reference(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return null;
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

  @Test
  void jiraFormParsesToTheInstant() {
    assertEquals(
        Instant.parse("2024-01-02T03:04:05.678Z"),
        JiraText.parseTime("2024-01-02T03:04:05.678+0000"));
    assertEquals(
        Instant.parse("2024-01-02T06:04:05.678Z"),
        JiraText.parseTime("2024-01-02T03:04:05.678-0300"));
    assertEquals(
        Instant.parse("2024-02-29T19:00:00Z"), JiraText.parseTime("2024-03-01T00:30:00.000+0530"));
    assertEquals(
        Instant.parse("1969-12-31T23:59:59.999Z"),
        JiraText.parseTime(" 1969-12-31T23:59:59.999+0000 "));
  }

  @Test
  void agreesWithTheFormatterOnRandomValidTimesAndOffsets() {
    Random random = new Random(20261207L);
    for (int i = 0; i < 200_000; i++) {
      long seconds = random.nextLong(-62_000_000_000L, 250_000_000_000L);
      int offsetMinutes = random.nextInt(-18 * 60, 18 * 60 + 1);
      ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
      Instant at = Instant.ofEpochSecond(seconds, random.nextInt(1000) * 1_000_000L);
      String text = JIRA_TIME.format(at.atOffset(offset));
      if (text.length() != 28) {
        continue; // years outside 1000..9999 are the formatter's to handle
      }
      assertEquals(at, JiraText.parseJiraForm(text), text);
      assertEquals(reference(text), JiraText.parseTime(text), text);
    }
  }

  @Test
  void agreesWithTheFormatterOnEdgeAndMalformedValues() {
    List<String> inputs =
        List.of(
            "2024-02-29T12:00:00.000+0000",
            "2023-02-29T12:00:00.000+0000",
            "2023-02-30T12:00:00.000+0000",
            "2024-04-31T12:00:00.000+0000",
            "2024-04-32T12:00:00.000+0000",
            "2024-13-01T12:00:00.000+0000",
            "2024-00-01T12:00:00.000+0000",
            "2024-01-00T12:00:00.000+0000",
            "2024-01-01T24:00:00.000+0000",
            "2024-01-01T23:60:00.000+0000",
            "2024-01-01T23:59:60.000+0000",
            "2024-01-01T23:59:59.999+1800",
            "2024-01-01T23:59:59.999-1800",
            "2024-01-01T23:59:59.999+1801",
            "2024-01-01T23:59:59.999+1900",
            "2024-01-01T23:59:59.999+0060",
            "2024-01-01T23:59:59.999Z0000",
            "2024-01-01T23:59:59.999 0000",
            "2024-01-01T23:59:59.99+00000",
            "2024-01-01T23:59:59.999+00:0",
            "2024-01-01X23:59:59.999+0000",
            "2024/01/01T23:59:59.999+0000",
            "2024-01-01T23:59:59,999+0000",
            "2024-0a-01T23:59:59.999+0000",
            "0000-01-01T00:00:00.000+0000",
            "0001-01-01T00:00:00.000+0000",
            "1600-02-29T00:00:00.000+0000",
            "1900-02-29T00:00:00.000+0000",
            "2000-02-29T00:00:00.000+0000",
            "2100-02-29T00:00:00.000+0000",
            "9999-12-31T23:59:59.999-1800",
            "2024-01-02T03:04:05.678Z",
            "2024-01-02T03:04:05Z",
            "2024-01-02T03:04:05.678+00:00",
            "2024-01-02T03:04:05.678",
            "2024-01-02T03:04:05",
            "2024-01-02",
            "tomorrow",
            "");
    for (String text : inputs) {
      assertEquals(reference(text), JiraText.parseTime(text), text);
    }
  }
}
