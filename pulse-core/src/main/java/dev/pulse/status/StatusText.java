package dev.pulse.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Renders a {@link PipelineStatus} as text for a terminal: a header for the pipeline, a line per
 * source and an aligned table of its scopes. It shows the same facts as {@link StatusJson}; a
 * missing value is shown as {@code -}. Thread-safe.
 */
public final class StatusText {
  private static final List<String> HEADER =
      List.of(
          "SCOPE",
          "TENANT",
          "HEALTH",
          "WATERMARK",
          "UPDATED",
          "AGE_S",
          "ITEMS",
          "LAG",
          "PROGRESS",
          "RATE_PER_S",
          "ETA_S",
          "STALLED",
          "LAST_OK",
          "ATTEMPTS",
          "FAILURES",
          "DEAD",
          "RETRY_AT",
          "ERROR",
          "WHY");

  private StatusText() {}

  /**
   * Renders a status.
   *
   * @param status the status
   * @return lines separated by {@code \n}, ending with one
   */
  public static String render(PipelineStatus status) {
    Objects.requireNonNull(status, "status");
    StringBuilder out = new StringBuilder();
    out.append("PIPELINE ")
        .append(status.pipeline())
        .append("  ")
        .append(status.health())
        .append("  ")
        .append(status.healthReason())
        .append('\n');
    out.append("  generated ").append(status.generatedAt());
    out.append("  labels ").append(pairs(status.labels()));
    out.append("  annotations ").append(pairs(status.annotations())).append('\n');
    for (SourceStatus source : status.sources()) {
      out.append("SOURCE ")
          .append(source.source())
          .append(" (")
          .append(source.entityType())
          .append(")  ")
          .append(source.health())
          .append("  ")
          .append(source.healthReason())
          .append('\n');
      out.append("  connector=")
          .append(text(source.connectorHealth()))
          .append("  lastRunStarted=")
          .append(text(source.lastRunStartedAt()))
          .append("  lastRunFinished=")
          .append(text(source.lastRunFinishedAt()))
          .append("  nextRun=")
          .append(text(source.nextRunAt()))
          .append("  rateLimitedUntil=")
          .append(text(source.rateLimitedUntil()))
          .append("  error=")
          .append(error(source.error()))
          .append('\n');
      List<List<String>> rows = new ArrayList<>();
      rows.add(HEADER);
      for (ScopeStatus scope : source.scopes()) {
        rows.add(row(scope));
      }
      table(out, rows);
    }
    return out.toString();
  }

  private static List<String> row(ScopeStatus scope) {
    return List.of(
        scope.scope(),
        scope.tenant(),
        scope.health().name(),
        text(scope.watermarkPosition()),
        text(scope.watermarkUpdatedAt()),
        text(scope.watermarkAgeSeconds()),
        Long.toString(scope.itemsStored()),
        text(scope.lagItems()),
        text(scope.progressStatus()),
        text(scope.itemsPerSecond()),
        text(scope.etaSeconds()),
        scope.stalled() ? "yes" : "no",
        text(scope.lastSuccessAt()),
        Integer.toString(scope.attempts()),
        Integer.toString(scope.consecutiveFailures()),
        Long.toString(scope.deadLetters()),
        text(scope.retryAt()),
        error(scope.lastError()),
        scope.healthReason());
  }

  private static void table(StringBuilder out, List<List<String>> rows) {
    int columns = HEADER.size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < columns; i++) {
        String cell = row.get(i);
        line.append(cell);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - cell.length() + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }

  private static String pairs(Map<String, String> values) {
    if (values.isEmpty()) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    values.forEach((key, value) -> parts.add(key + "=" + value));
    return String.join(",", parts);
  }

  private static String error(@Nullable ErrorEnvelope error) {
    return error == null ? "-" : error.code() + ": " + error.message();
  }

  private static String text(@Nullable Object value) {
    return value == null ? "-" : value.toString();
  }
}
