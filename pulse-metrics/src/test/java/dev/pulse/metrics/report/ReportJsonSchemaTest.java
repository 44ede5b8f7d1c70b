package dev.pulse.metrics.report;

import static dev.pulse.metrics.report.ReportFixtures.day;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.metrics.dora.DoraFigures;
import dev.pulse.metrics.dora.DoraOptions;
import dev.pulse.metrics.dora.Window;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ReportJsonSchemaTest {
  private static final Window WINDOW = new Window(day(7), day(63));

  static TeamMapping teams() {
    return TeamMapping.builder()
        .repository("alpha", "api")
        .project("alpha", "API")
        .repository("beta", "api")
        .repository("beta", "web")
        .project("beta", "WEB")
        .build();
  }

  static ReportOptions.Builder options() {
    return ReportOptions.builder("acme", WINDOW)
        .teams(teams())
        .dora(
            DoraOptions.builder()
                .productionEnvironments(List.of("prod-eu", "prod-us"))
                .minSample(2)
                .build());
  }

  private static List<Report> reports() {
    ReportFixtures.Data data = ReportFixtures.random(7, 70);
    return List.of(
        MetricsReport.compute(data.sources(), options().build()),
        MetricsReport.compute(data.sources(), options().team("beta").build()));
  }

  @Test
  void write_followsTheSchemaFieldByField() {
    SchemaValidator validator =
        new SchemaValidator(MiniJson.obj(MiniJson.parse(ReportJson.schema())));
    for (Report report : reports()) {
      List<String> errors = validator.validate(MiniJson.parse(ReportJson.write(report)));
      assertEquals(List.of(), errors);
    }
    // every property the schema declares was written, with a value other than null, by one of the
    // two reports: the schema documents nothing the writer does not produce
    assertEquals(Set.of(), validator.unseen());
  }

  @Test
  void validator_rejectsAnUndeclaredFieldAndAMissingOne() {
    SchemaValidator validator =
        new SchemaValidator(MiniJson.obj(MiniJson.parse(ReportJson.schema())));
    Map<String, Object> json = MiniJson.obj(MiniJson.parse(ReportJson.write(reports().get(0))));
    json.put("author", "someone");
    json.remove("tenant");
    List<String> errors = validator.validate(json);
    assertTrue(errors.contains("$.author: property not declared by the schema"), errors::toString);
    assertTrue(errors.contains("$: missing required property tenant"), errors::toString);
  }

  @Test
  void schema_docsCopyIsTheShippedResource() throws IOException {
    String docs =
        Files.readString(Path.of("..", "docs", "report.schema.json"), StandardCharsets.UTF_8);
    assertEquals(docs, ReportJson.schema());
  }

  @Test
  void write_valuesAreThoseOfTheReport() {
    Report report = reports().get(0);
    Map<String, Object> json = MiniJson.obj(MiniJson.parse(ReportJson.write(report)));
    assertEquals(1L, json.get("schemaVersion"));
    assertEquals("acme", json.get("tenant"));
    assertEquals(MiniJson.NULL, json.get("team"));
    assertEquals(WINDOW.start().toString(), MiniJson.obj(json.get("window")).get("start"));
    assertEquals(List.of("prod-eu", "prod-us"), json.get("productionEnvironments"));
    DoraFigures dora = report.dora();
    Map<String, Object> df =
        MiniJson.obj(MiniJson.obj(json.get("dora")).get("deploymentFrequency"));
    assertEquals(dora.deploymentFrequency().deployments(), df.get("deployments"));
    assertEquals(dora.deploymentFrequency().deploymentsPerDay(), df.get("deploymentsPerDay"));
    Map<String, Object> total =
        MiniJson.obj(MiniJson.obj(MiniJson.obj(json.get("dora")).get("leadTime")).get("total"));
    assertEquals((long) dora.leadTime().total().count(), total.get("count"));
    double median = dora.leadTime().total().median().toNanos() / 1e9;
    assertEquals(median, (Double) total.get("medianSeconds"), 1e-9);
    assertEquals(Set.of("prod-eu", "prod-us"), MiniJson.obj(json.get("byEnvironment")).keySet());
    assertEquals(Set.of("api", "web"), MiniJson.obj(json.get("byRepository")).keySet());
    assertEquals(Set.of("alpha", "beta"), MiniJson.obj(json.get("byTeam")).keySet());
    List<Object> weekly = MiniJson.arr(MiniJson.obj(json.get("trends")).get("weekly"));
    assertEquals(8, weekly.size());
    assertEquals(report.weekly().size(), weekly.size());
    Map<String, Object> flow = MiniJson.obj(json.get("flow"));
    assertEquals((long) report.flow().issues(), flow.get("issues"));
    assertEquals(
        (long) report.flow().cycleTime().items().size(),
        MiniJson.obj(flow.get("cycleTime")).get("count"));
  }

  @Test
  void write_sameReportSameBytes() {
    List<Report> first = reports();
    List<Report> second = reports();
    assertEquals(first, second);
    assertEquals(ReportJson.write(first.get(0)), ReportJson.write(second.get(0)));
  }

  @Test
  void writer_escapesEveryCharacterJsonReserves() {
    String tenant = "a\"b\\c\nd\te\u0001f\u2028g/é";
    Report report =
        MetricsReport.compute(ReportSources.empty(), ReportOptions.builder(tenant, WINDOW).build());
    Map<String, Object> json = MiniJson.obj(MiniJson.parse(ReportJson.write(report)));
    assertEquals(tenant, json.get("tenant"));
  }

  @Test
  void writer_rejectsNonFiniteNumbers() {
    JsonWriter w = new JsonWriter(new StringBuilder());
    assertThrows(IllegalArgumentException.class, () -> w.value(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> w.value(Double.POSITIVE_INFINITY));
  }
}
