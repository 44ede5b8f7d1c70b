package dev.pulse.cli;

import dev.pulse.ErrorCode;
import dev.pulse.status.QueryParameters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of {@code pulse serve}'s {@code /report}: {@code team}, {@code window} and {@code
 * drilldown}, read from a query string the way {@code pulse metrics} reads {@code --team}, {@code
 * --window} and {@code --drill-down} (the window through the same {@link
 * MetricsCommand.WindowConverter}). Whether the team exists is checked when the report is computed
 * ({@link MetricsCommand#report}).
 *
 * @param team only the pipelines labelled {@code team=TEAM}, or null for all
 * @param window the window's length, ending now
 * @param drillDown whether the page lists the records behind each DORA figure
 */
record ReportRequest(@Nullable String team, Duration window, boolean drillDown) {
  /** The window when the query names none, as {@code pulse metrics}' default. */
  static final Duration DEFAULT_WINDOW = Duration.ofDays(90);

  /**
   * The longest window a request may ask for: a served report is computed on each request, so a
   * request cannot make the server compute centuries.
   */
  static final Duration MAX_WINDOW = Duration.ofDays(3660);

  private static final Set<String> PARAMETERS = Set.of("team", "window", "drilldown");

  /**
   * Parses a raw (still percent-encoded) query string.
   *
   * @param query the query without {@code ?}, or null
   * @return the request
   * @throws CliFailure with {@link ErrorCode#INVALID_CONFIG} naming every bad parameter
   */
  static ReportRequest parse(@Nullable String query) {
    List<String> problems = new ArrayList<>();
    Map<String, String> values = QueryParameters.parse(query, PARAMETERS, problems);
    String team = values.get("team");
    if (team != null && team.isBlank()) {
      problems.add("team must not be blank");
    }
    Duration window = DEFAULT_WINDOW;
    String length = values.get("window");
    if (length != null) {
      try {
        window = new MetricsCommand.WindowConverter().convert(length);
        if (window.compareTo(MAX_WINDOW) > 0) {
          problems.add("window must be at most " + MAX_WINDOW.toDays() + "d but was " + length);
        }
      } catch (IllegalArgumentException e) {
        problems.add(String.valueOf(e.getMessage()));
      }
    }
    boolean drillDown = false;
    String drill = values.get("drilldown");
    if (drill != null) {
      switch (drill.toLowerCase(Locale.ROOT)) {
        case "", "true" -> drillDown = true;
        case "false" -> drillDown = false;
        default -> problems.add("drilldown must be true or false but was \"" + drill + "\"");
      }
    }
    if (!problems.isEmpty()) {
      throw new CliFailure(ErrorCode.INVALID_CONFIG, String.join("; ", problems));
    }
    return new ReportRequest(team == null ? null : team.strip(), window, drillDown);
  }
}
