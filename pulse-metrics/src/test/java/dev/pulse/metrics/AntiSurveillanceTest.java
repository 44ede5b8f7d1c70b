package dev.pulse.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.metrics.dora.DoraReport;
import dev.pulse.metrics.dora.LeadTimeResult;
import dev.pulse.metrics.dora.MttrResult;
import dev.pulse.metrics.dora.PairedFailure;
import dev.pulse.metrics.dora.PullRequestLeadTime;
import dev.pulse.metrics.flow.AgingItem;
import dev.pulse.metrics.flow.FlowMetrics;
import dev.pulse.metrics.flow.FlowPercentiles;
import dev.pulse.metrics.flow.FlowScope;
import dev.pulse.metrics.flow.FlowTimes;
import dev.pulse.metrics.flow.FlowWindow;
import dev.pulse.metrics.flow.ItemFlowTime;
import dev.pulse.metrics.flow.LeadTimeDistribution;
import dev.pulse.metrics.flow.Throughput;
import dev.pulse.model.Deployment;
import dev.pulse.model.Incident;
import dev.pulse.model.Issue;
import dev.pulse.model.PullRequest;
import dev.pulse.model.Sprint;
import dev.pulse.model.StatusTransition;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No public type of the canonical model or of pulse-metrics may carry a person-identifying field,
 * and no public method of pulse-metrics may take or return one. Types are discovered from the
 * compiled classes, so types added later are checked without being listed here; the DORA and flow
 * records listed in the scan test only prove the scan reaches both packages.
 */
final class AntiSurveillanceTest {

  private static final List<Class<?>> MODEL_TYPES = scan("dev.pulse.model");
  private static final List<Class<?>> METRICS_TYPES = scan("dev.pulse.metrics");

  private static List<Class<?>> scan(String packageName) {
    Path testClasses;
    try {
      testClasses =
          Path.of(
              Objects.requireNonNull(
                      AntiSurveillanceTest.class
                          .getProtectionDomain()
                          .getCodeSource()
                          .getLocation())
                  .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return PublicTypeScanner.publicTypes(
        AntiSurveillanceTest.class.getClassLoader(),
        packageName,
        Set.of(testClasses.toAbsolutePath().normalize()));
  }

  // --- Deliberately bad types: the walker must find each of these. ---

  public record Reviewer(String displayName, String authorEmail) {}

  @SuppressWarnings("ArrayRecordComponent") // deliberately walks an array component
  public record BadEvent(
      String id, List<Map<String, Optional<Reviewer>>> details, Reviewer[] history) {}

  public record DirectUser(String userId) {}

  public sealed interface Outcome permits Resolved {}

  public record Resolved(String resolvedLogin) implements Outcome {}

  public record HoldsOutcome(Outcome outcome) {}

  public record Node(String name, List<Node> children) {}

  public static final class Legacy {
    public String getReporter() {
      return "";
    }
  }

  public record GoodEvent(String repository, long count) {}

  /**
   * Same name as the allowed {@code PairedFailure.recoveredBy}, but another record: still a
   * violation.
   */
  public record Recovery(String recoveredBy) {}

  public static final class BadCalculator {
    private BadCalculator() {}

    public static GoodEvent summarize(Map<String, List<DirectUser>> byUser) {
      return new GoodEvent("r", byUser.size());
    }

    public static Optional<Legacy> legacy() {
      return Optional.empty();
    }

    public static GoodEvent fine(List<GoodEvent> events) {
      return events.get(0);
    }
  }

  // --- The real check. ---

  @Test
  void scan_findsModelAndMetricsTypes() {
    assertTrue(
        MODEL_TYPES.containsAll(
            List.of(
                Issue.class,
                StatusTransition.class,
                PullRequest.class,
                Deployment.class,
                Sprint.class,
                Incident.class)),
        MODEL_TYPES::toString);
    assertTrue(
        METRICS_TYPES.containsAll(
            List.of(
                Percentiles.class,
                FlowMetrics.class,
                FlowTimes.class,
                ItemFlowTime.class,
                Throughput.class,
                LeadTimeDistribution.class,
                AgingItem.class,
                MttrResult.class,
                PairedFailure.class,
                DoraReport.class,
                LeadTimeResult.class,
                PullRequestLeadTime.class)),
        METRICS_TYPES::toString);
  }

  @Test
  void scan_skipsTestClasses() {
    assertFalse(METRICS_TYPES.contains(BadEvent.class));
    assertFalse(METRICS_TYPES.contains(AntiSurveillanceTest.class));
  }

  @Test
  void publicTypes_haveNoPersonComponents() {
    List<String> violations = new ArrayList<>();
    int records = 0;
    for (Class<?> type : concat(MODEL_TYPES, METRICS_TYPES)) {
      records += type.isRecord() ? 1 : 0;
      violations.addAll(PersonFieldWalker.violations(type));
    }

    assertTrue(
        records >= 20, "expected the model and flow records to be scanned but found " + records);
    assertEquals(List.of(), violations, "person-identifying names in public types");
  }

  @Test
  void metricsMethods_neitherTakeNorReturnPersonTypes() {
    List<String> violations = new ArrayList<>();
    for (Class<?> type : METRICS_TYPES) {
      violations.addAll(PersonFieldWalker.signatureViolations(type));
    }

    assertEquals(List.of(), violations, "person-identifying types in pulse-metrics signatures");
  }

  @Test
  void walk_recursesIntoNestedAndGenericTypes() {
    Set<Class<?>> visited = PersonFieldWalker.visitedPulseTypes(FlowTimes.class);

    assertTrue(
        visited.containsAll(
            List.of(
                FlowTimes.class,
                FlowScope.class,
                FlowWindow.class,
                ItemFlowTime.class,
                FlowPercentiles.class)),
        visited::toString);
  }

  // --- The walker is not vacuous. ---

  @Test
  void walker_catchesPersonNamesInNestedGenericAndArrayTypes() {
    assertEquals(
        List.of("BadEvent.details<><><>.authorEmail", "BadEvent.history[].authorEmail"),
        dedupe(PersonFieldWalker.violations(BadEvent.class)));
  }

  @Test
  void walker_catchesDirectSealedAndGetterNames() {
    assertEquals(List.of("DirectUser.userId"), PersonFieldWalker.violations(DirectUser.class));
    assertEquals(
        List.of("HoldsOutcome.outcome{Resolved}.resolvedLogin"),
        PersonFieldWalker.violations(HoldsOutcome.class));
    assertEquals(List.of("Legacy.reporter"), PersonFieldWalker.violations(Legacy.class));
    assertEquals(List.of(), PersonFieldWalker.violations(GoodEvent.class));
    assertEquals(List.of(), PersonFieldWalker.violations(Node.class)); // recursive type terminates
  }

  @Test
  void allowedComponents_areExactlyTheCurrentMatchingComponents() throws ClassNotFoundException {
    for (Map.Entry<String, Class<?>> entry : PersonFieldWalker.ALLOWED_COMPONENTS.entrySet()) {
      String qualified = entry.getKey();
      int dot = qualified.lastIndexOf('.');
      Class<?> record = Class.forName(qualified.substring(0, dot));
      String name = qualified.substring(dot + 1);
      assertTrue(
          METRICS_TYPES.contains(record) || MODEL_TYPES.contains(record),
          qualified + " is not scanned");
      assertTrue(
          PersonFieldWalker.isPersonName(name), qualified + " no longer matches: remove the entry");
      assertEquals(
          List.of(entry.getValue()),
          Arrays.stream(record.getRecordComponents())
              .filter(c -> c.getName().equals(name))
              .map(RecordComponent::getType)
              .toList(),
          qualified + " is gone or changed type: remove or review the entry");
    }
  }

  @Test
  void allowedComponents_excuseOnlyTheirOwnRecord() {
    assertEquals(List.of("Recovery.recoveredBy"), PersonFieldWalker.violations(Recovery.class));
  }

  @Test
  void walker_catchesPersonTypesInMethodSignatures() {
    assertEquals(
        List.of(
            "BadCalculator.legacy(return)<>.reporter",
            "BadCalculator.summarize(parameter 0)<><>.userId"),
        dedupe(PersonFieldWalker.signatureViolations(BadCalculator.class)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // stems, as prefix or whole name
        "author",
        "Author",
        "AUTHOR_NAME",
        "authorId",
        "assignee",
        "assigneeId",
        "reporter",
        "committer",
        "user",
        "userId",
        "username",
        "user_id",
        "login",
        "loginName",
        "email",
        "Email",
        "e_mail",
        "developer",
        "developerName",
        "creator",
        "contributor",
        "reviewer",
        "approver",
        "approverId",
        "owner",
        "ownerEmail",
        "personId",
        "dev",
        "devs",
        // stems as suffix, singular and plural
        "prAuthor",
        "coauthor",
        "committerEmail",
        "contactEmail",
        "contact_email",
        "prAuthors",
        "prReviewers",
        "teamUsers",
        "contactEmails",
        "codeOwners",
        "approvers",
        "assignees",
        "reporters",
        "committers",
        "developers",
        "contributors",
        "creators",
        "logins",
        "contactPerson",
        // "who did it" names: ADR-025 keys and their camel-case forms
        "resolvedBy",
        "ackBy",
        "modifiedBy",
        "mergedBy",
        "createdBy",
        "closedBy",
        "resolved_by",
        "ACK_BY",
        "modified_by",
        "merge_by",
        "issuesGroupBy",
        // matches the rule although PairedFailure.recoveredBy names a deployment: see
        // ALLOWED_COMPONENTS
        "recoveredBy"
      })
  void isPersonName_matches(String name) {
    assertTrue(PersonFieldWalker.isPersonName(name), name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "repository",
        "projectKey",
        "issueKey",
        "status",
        "createdAt",
        "firstReviewAt",
        "environment",
        "deployments",
        "count",
        "service",
        "title",
        "buildId",
        "device",
        "issuer",
        "reviewCount",
        "reviews",
        "mergedAt",
        "closedAt",
        "resolvedAt",
        "approvalCount",
        "contributionCount",
        "authority",
        "authorities",
        "authorization",
        "authorizationMode",
        "groupBy",
        "sortBy",
        "ORDER_BY",
        "partitionBy",
        "nearby",
        "standby",
        "byRepository"
      })
  void isPersonName_allowsAggregateNames(String name) {
    assertFalse(PersonFieldWalker.isPersonName(name), name);
  }

  private static List<Class<?>> concat(List<Class<?>> first, List<Class<?>> second) {
    List<Class<?>> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static List<String> dedupe(List<String> paths) {
    return paths.stream().distinct().sorted().toList();
  }
}
