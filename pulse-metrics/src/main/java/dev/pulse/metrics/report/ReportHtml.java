package dev.pulse.metrics.report;

import dev.pulse.metrics.dora.DoraLevel;
import dev.pulse.metrics.dora.DoraThresholds;
import dev.pulse.metrics.dora.DrillDownRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Renders a {@link Report} as one self-contained HTML page: the template {@link #TEMPLATE_RESOURCE}
 * shipped in this jar (HTML, CSS and plain JavaScript, no external resource, opens offline) with
 * the report's {@link ReportJson#write JSON} and the thresholds of its DORA benchmark year embedded
 * as JSON script blocks, from which the page's script draws the tiles and inline-SVG charts.
 *
 * <p>Every {@code <} of the embedded JSON is written as its JSON unicode escape (backslash, {@code
 * u003c}), so no text of the report (a repository named {@code </script>...}) can end the script
 * block; the page puts report text into the document through {@code textContent} only. Like the
 * report, the page names repositories, environments and teams, never a person. Stateless and
 * thread-safe.
 */
public final class ReportHtml {
  /** The class-path resource of the page template. */
  public static final String TEMPLATE_RESOURCE = "/dev/pulse/metrics/report/report.html";

  /** The id of the script block that holds the report JSON. */
  public static final String REPORT_BLOCK_ID = "pulse-report";

  private static final String REPORT_SLOT = "/*PULSE_REPORT_JSON*/";
  private static final String THRESHOLDS_SLOT = "/*PULSE_THRESHOLDS_JSON*/";
  private static final String DRILLDOWN_SLOT = "/*PULSE_DRILLDOWN_JSON*/";
  private static final List<DoraLevel> BOUNDED =
      List.of(DoraLevel.ELITE, DoraLevel.HIGH, DoraLevel.MEDIUM);

  private ReportHtml() {}

  /**
   * Renders a report as an HTML page.
   *
   * @param report the report
   * @return the page, one UTF-8 HTML document
   * @throws UncheckedIOException if the template cannot be read from the class path
   */
  public static String write(Report report) {
    Objects.requireNonNull(report, "report");
    return render(report, "null");
  }

  /**
   * Renders a report as an HTML page with its drill-down: each DORA tile links (anchor {@code
   * #drilldown-<figure>}, e.g. {@code #drilldown-lead-time}) to a block listing the records behind
   * the figure with the rule that classified each, and a count per rule. The records are embedded
   * as {@link ReportJson#writeDrillDown} JSON; a block shows its first 500 rows.
   *
   * @param report the report
   * @param drillDown the records behind the report's headline figures, from {@link
   *     MetricsReport#drillDown} with the report's sources and options
   * @return the page, one UTF-8 HTML document
   * @throws UncheckedIOException if the template cannot be read from the class path
   */
  public static String write(Report report, List<DrillDownRecord> drillDown) {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(drillDown, "drillDown");
    return render(report, ReportJson.writeDrillDown(drillDown));
  }

  private static String render(Report report, String drillDownJson) {
    return template()
        .replace(REPORT_SLOT, embed(ReportJson.write(report)))
        .replace(THRESHOLDS_SLOT, embed(thresholds(report.benchmark())))
        .replace(DRILLDOWN_SLOT, embed(drillDownJson));
  }

  /** Makes JSON safe inside a script element: {@code <} only occurs inside JSON strings. */
  static String embed(String json) {
    return json.replace("<", "\\u003c");
  }

  /** The bounds of each level of a benchmark year, as JSON for the tiles. */
  static String thresholds(DoraThresholds benchmark) {
    StringBuilder out = new StringBuilder(512);
    JsonWriter w = new JsonWriter(out);
    w.beginObject();
    w.name("benchmark").value(benchmark);
    w.name("deploymentFrequencyDaysPerDeployment").beginObject();
    for (DoraLevel level : BOUNDED) {
      w.name(level.name()).value(benchmark.daysPerDeployment(level));
    }
    w.endObject();
    w.name("leadTimeBelowSeconds").beginObject();
    for (DoraLevel level : BOUNDED) {
      w.name(level.name()).value(benchmark.leadTimeBelow(level).toSeconds());
    }
    w.endObject();
    w.name("changeFailurePercentAtMost").beginObject();
    for (DoraLevel level : BOUNDED) {
      w.name(level.name()).value(benchmark.failurePercentAtMost(level));
    }
    w.endObject();
    w.name("recoveryBelowSeconds").beginObject();
    for (DoraLevel level : BOUNDED) {
      w.name(level.name()).value(benchmark.recoveryBelow(level).toSeconds());
    }
    w.endObject();
    w.endObject();
    return out.toString();
  }

  private static String template() {
    try (InputStream in = ReportHtml.class.getResourceAsStream(TEMPLATE_RESOURCE)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException("missing resource " + TEMPLATE_RESOURCE));
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
