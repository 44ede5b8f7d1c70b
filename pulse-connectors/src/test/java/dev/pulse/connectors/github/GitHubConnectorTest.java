package dev.pulse.connectors.github;

import static dev.pulse.connectors.github.GitHubTestSupport.API;
import static dev.pulse.connectors.github.GitHubTestSupport.items;
import static dev.pulse.connectors.github.GitHubTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.Batch;
import dev.pulse.ErrorCode;
import dev.pulse.Health;
import dev.pulse.ItemCount;
import dev.pulse.Position;
import dev.pulse.PulseException;
import dev.pulse.ScopeKey;
import dev.pulse.ScopeNotFoundException;
import dev.pulse.SourceException;
import dev.pulse.model.PullRequest;
import dev.pulse.model.PullRequestState;
import dev.pulse.testkit.fake.FakeHttpServer;
import dev.pulse.testkit.fake.Fault;
import dev.pulse.testkit.fake.github.FakeGitHub;
import dev.pulse.testkit.fake.github.FakePullRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

final class GitHubConnectorTest {
  private static final Instant T0 = Instant.parse("2026-02-02T10:00:00Z");
  private final GitHubTestSupport support = new GitHubTestSupport();
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private FakeGitHub fake(FakeGitHub.Builder builder) {
    FakeGitHub fake = builder.start();
    open.add(fake);
    return fake;
  }

  private GitHubConnector connector(GitHubConnector.Builder builder) {
    GitHubConnector c = builder.build();
    open.add(c);
    return c;
  }

  private GitHubConnector connector(FakeGitHub fake) {
    return connector(support.builder(fake));
  }

  private static List<Long> numbers(List<PullRequest> prs) {
    return prs.stream().map(PullRequest::number).toList();
  }

  /** One hand-made pull request in an otherwise empty acme/api. */
  private PullRequest single(FakePullRequest pr) {
    FakeGitHub fake = fake(support.fake().repository("api", 0));
    fake.put("acme/api", pr);
    List<PullRequest> read = items(readAll(connector(fake), API, null, 50));
    assertEquals(1, read.size());
    return read.get(0);
  }

  @Nested
  class Discovery {
    @Test
    void discoverScopes_activeRepositoriesOnly_archivedAndInactiveSkipped() {
      FakeGitHub fake =
          fake(
              support
                  .fake()
                  .start(Instant.parse("2026-02-01T00:00:00Z"))
                  .repository("api", 1)
                  .repository("web", 1)
                  .archivedRepository("old-site")
                  .inactiveRepository("legacy")
                  .repositoryPageSize(1));

      List<ScopeKey> scopes = connector(fake).discoverScopes();

      assertEquals(
          List.of(API, ScopeKey.of("github", "repo", "acme/web")), scopes, "sorted by name");
    }

    @Test
    void discoverScopes_configuredList_noDiscoveryQuery() {
      FakeGitHub fake = fake(support.fake().repository("api", 1));
      GitHubConnector c =
          connector(support.builder(fake).repositories(List.of("acme/web", "acme/api")));

      assertEquals(List.of(API, ScopeKey.of("github", "repo", "acme/web")), c.discoverScopes());
      assertEquals(0, fake.graphQlCalls());
    }

    @Test
    void discoverScopes_unknownOrganisation_scopeNotFound() {
      FakeGitHub fake = fake(support.fake().repository("api", 1));
      GitHubConnector c = connector(support.builder(fake).organization("nobody"));

      assertThrows(ScopeNotFoundException.class, c::discoverScopes);
    }

    @Test
    void openScope_unknownRepository_firstFetchScopeNotFound() {
      FakeGitHub fake = fake(support.fake().repository("api", 1));
      ScopeKey missing = ScopeKey.of("github", "repo", "acme/nope");

      ScopeNotFoundException e =
          assertThrows(
              ScopeNotFoundException.class, () -> readAll(connector(fake), missing, null, 10));
      assertEquals(missing, e.scope());
    }
  }

  @Nested
  class Normalization {
    @Test
    void map_reviewsByAuthorAndOthers_firstReviewAndApprovalByOthersOnly() {
      PullRequest pr =
          single(
              new FakePullRequest(7, T0, T0.plusSeconds(9000))
                  .author("ana")
                  .text("BG-42 Add login", "body")
                  .branches("main", "feature/BG-42-login")
                  .review("ana", "COMMENTED", T0.plusSeconds(60))
                  .review("bo", "PENDING", null)
                  .review("bo", "CHANGES_REQUESTED", T0.plusSeconds(600))
                  .review("ana", "APPROVED", T0.plusSeconds(700))
                  .review("cy", "APPROVED", T0.plusSeconds(900)));

      assertEquals(T0.plusSeconds(600), pr.firstReviewAt());
      assertEquals(T0.plusSeconds(900), pr.firstApprovalAt());
    }

    @Test
    void map_reviewByDeletedAccount_countsAsSomeoneElse() {
      PullRequest pr =
          single(
              new FakePullRequest(7, T0, T0.plusSeconds(9000))
                  .author("ana")
                  .review(null, "APPROVED", T0.plusSeconds(300)));

      assertEquals(T0.plusSeconds(300), pr.firstReviewAt());
      assertEquals(T0.plusSeconds(300), pr.firstApprovalAt());
    }

    @Test
    void map_onlyAuthorReviews_noReview() {
      PullRequest pr =
          single(
              new FakePullRequest(7, T0, T0.plusSeconds(9000))
                  .author("ana")
                  .review("ana", "APPROVED", T0.plusSeconds(300)));

      assertNull(pr.firstReviewAt());
      assertNull(pr.firstApprovalAt());
    }

    @Test
    void map_mergedPullRequest_allFields() {
      String sha = "ABCDEF0123456789ABCDEF0123456789ABCDEF01";
      PullRequest pr =
          single(
              new FakePullRequest(12, T0, T0.plusSeconds(7200))
                  .text("[BG-42] Support UTF-8 and ISO-8601 for OPS-7", null)
                  .branches("main", "feature/CORE-9-utf")
                  .merged(T0.plusSeconds(7000), sha)
                  .lines(120, 30)
                  .labels(List.of("backend", "fron\u0000tend", "backend"))
                  .firstCommit(T0.minusSeconds(3600))
                  .draft(false, T0.plusSeconds(1800)));

      assertEquals("acme/api", pr.repository());
      assertEquals(12, pr.number());
      assertEquals(PullRequestState.MERGED, pr.state());
      assertEquals(T0, pr.createdAt());
      assertEquals(T0.plusSeconds(7200), pr.updatedAt());
      assertEquals(T0.plusSeconds(7000), pr.mergedAt());
      assertEquals(T0.plusSeconds(7000), pr.closedAt());
      assertEquals(sha.toLowerCase(java.util.Locale.ROOT), pr.mergeCommitSha());
      assertEquals("main", pr.baseBranch());
      assertEquals("feature/CORE-9-utf", pr.headBranch());
      assertEquals(120, pr.additions());
      assertEquals(30, pr.deletions());
      assertEquals(Set.of("backend", "frontend"), pr.labels(), "NUL stripped, deduplicated");
      assertEquals(T0.minusSeconds(3600), pr.firstCommitAt());
      assertEquals(T0.plusSeconds(1800), pr.readyForReviewAt());
      assertEquals(List.of("BG-42", "OPS-7", "CORE-9"), pr.referencedIssueKeys());
      assertFalse(pr.draft());
      assertFalse(pr.revert());
    }

    @Test
    void map_draft_noReadyForReview() {
      PullRequest pr =
          single(
              new FakePullRequest(3, T0, T0.plusSeconds(60))
                  .draft(true, T0.plusSeconds(30))
                  .branches("main", "wip"));

      assertTrue(pr.draft());
      assertNull(pr.readyForReviewAt());
      assertEquals(PullRequestState.OPEN, pr.state());
    }

    @Test
    void map_closedWithoutMerge_closedNoSha() {
      PullRequest pr =
          single(new FakePullRequest(3, T0, T0.plusSeconds(60)).closed(T0.plusSeconds(50)));

      assertEquals(PullRequestState.CLOSED, pr.state());
      assertEquals(T0.plusSeconds(50), pr.closedAt());
      assertNull(pr.mergedAt());
      assertNull(pr.mergeCommitSha());
    }

    @Test
    void map_revertButton_revertOfNumber() {
      PullRequest pr =
          single(
              new FakePullRequest(30, T0, T0.plusSeconds(60))
                  .text("Revert \"BG-1 Add login\"", "Reverts acme/api#29\n\nIt broke checkout.")
                  .branches("main", "revert-29-feature/BG-1-login"));

      assertTrue(pr.revert());
      assertEquals(29L, pr.revertedNumber());
    }

    @Test
    void map_nulBytes_strippedBeforeKeysAreRead() {
      PullRequest pr =
          single(
              new FakePullRequest(3, T0, T0.plusSeconds(60))
                  .text("BG-\u00007 half and OPS-8\u0000", null)
                  .branches("ma\u0000in", "fix/x"));

      assertEquals(List.of("BG-7", "OPS-8"), pr.referencedIssueKeys());
      assertEquals("main", pr.baseBranch());
    }

    @Test
    void map_generatedOrganisation_everyRuleHolds() {
      FakeGitHub fake = fake(support.fake().seed(3).repository("api", 90));
      List<PullRequest> prs = items(readAll(connector(fake), API, null, 30));

      assertEquals(fake.numbersInOrder("acme/api"), numbers(prs));
      assertTrue(prs.stream().anyMatch(PullRequest::revert), "some reverts");
      assertTrue(prs.stream().anyMatch(PullRequest::draft), "some drafts");
      assertTrue(prs.stream().anyMatch(p -> p.firstApprovalAt() != null), "some approvals");
      assertTrue(prs.stream().anyMatch(p -> p.state() == PullRequestState.MERGED));
      for (PullRequest pr : prs) {
        assertFalse(pr.labels().stream().anyMatch(l -> l.indexOf('\u0000') >= 0));
        assertFalse(pr.referencedIssueKeys().contains("UTF-8"));
        assertFalse(pr.referencedIssueKeys().contains("SHA-256"));
        assertFalse(pr.referencedIssueKeys().contains("ISO-8601"));
        if (pr.state() == PullRequestState.MERGED) {
          assertNotNull(pr.mergeCommitSha());
        }
      }
    }
  }

  @Nested
  class Resuming {
    @Test
    void read_resumedFromEveryBatch_yieldsExactlyTheRest() {
      FakeGitHub fake =
          fake(support.fake().repository("api", 35).sharingOneTimestamp(12, 10).firstNumber(95));
      GitHubConnector c = connector(fake);
      List<Batch<PullRequest>> batches = readAll(c, API, null, 4);
      List<PullRequest> all = items(batches);
      assertEquals(35, all.size());

      int seen = 0;
      for (Batch<PullRequest> batch : batches) {
        seen += batch.size();
        List<PullRequest> rest = items(readAll(c, API, batch.position(), 7));
        assertEquals(
            numbers(all.subList(seen, all.size())), numbers(rest), "after " + batch.position());
      }
    }

    @Test
    void read_resumed_probesBackwardsNotFromTheStart() {
      FakeGitHub fake = fake(support.fake().repository("api", 450));
      GitHubConnector c = connector(fake);
      List<PullRequest> all = items(readAll(c, API, null, 100));
      PullRequest tenthFromEnd = all.get(all.size() - 11);
      int before = fake.graphQlCalls();

      List<PullRequest> rest =
          items(readAll(c, API, Position.at(tenthFromEnd.updatedAt(), tenthFromEnd.number()), 50));

      assertEquals(10, rest.size());
      assertEquals(2, fake.graphQlCalls() - before, "one backward probe and one page");
    }

    @Test
    void read_editBetweenPages_editedOneReadAgainNoneLost() {
      FakeGitHub fake = fake(support.fake().repository("api", 20));
      GitHubConnector c = connector(fake);
      List<Long> order = fake.numbersInOrder("acme/api");
      long readFirst = order.get(1);
      long notYetRead = order.get(15);
      fake.afterGraphQlCall(
          1,
          () -> {
            fake.edit("acme/api", readFirst, Instant.parse("2026-05-01T00:00:00Z"));
            fake.edit("acme/api", notYetRead, Instant.parse("2026-05-01T00:00:01Z"));
          });

      List<Long> read = numbers(items(readAll(c, API, null, 5)));

      assertEquals(new HashSet<>(order), new HashSet<>(read), "none lost");
      assertEquals(21, read.size(), "the pull request read before its edit is read again");
      assertEquals(List.of(readFirst, notYetRead), read.subList(19, 21));
    }

    @Test
    void preCount_fromStart_totalCount_resumed_countsNewer() {
      FakeGitHub fake = fake(support.fake().repository("api", 130));
      GitHubConnector c = connector(fake);
      List<PullRequest> all = items(readAll(c, API, null, 100));
      PullRequest p = all.get(99);

      assertEquals(ItemCount.approximate(130), c.preCount(API, null, Duration.ofSeconds(30)));
      assertEquals(
          ItemCount.approximate(30),
          c.preCount(API, Position.at(p.updatedAt(), p.number()), Duration.ofSeconds(30)));
      assertEquals(ItemCount.unknown(), c.preCount(API, null, Duration.ZERO));
    }
  }

  @Nested
  class RateLimits {
    @Test
    void budget_spent_waitsForResetBeforeTheNextQuery() {
      FakeGitHub fake = fake(support.fake().repository("api", 30));
      Instant reset = support.clock.instant().plus(Duration.ofMinutes(1));
      fake.rateLimitWindow(2, reset);
      GitHubConnector c = connector(fake);

      List<PullRequest> all = items(readAll(c, API, null, 10));

      assertEquals(30, all.size());
      assertTrue(
          support.slept.stream().anyMatch(d -> d.compareTo(Duration.ofSeconds(55)) >= 0),
          "waited for the reset: " + support.slept);
      assertFalse(support.clock.instant().isBefore(reset));
    }

    @Test
    void budget_spentLongerThanAllowed_rateLimitedWithResumeTime() {
      FakeGitHub fake = fake(support.fake().repository("api", 30));
      fake.rateLimitWindow(2, support.clock.instant().plus(Duration.ofMinutes(40)));
      GitHubConnector c = connector(fake);

      SourceException e = assertThrows(SourceException.class, () -> readAll(c, API, null, 10));

      assertEquals(ErrorCode.RATE_LIMITED, e.code());
      assertNotNull(e.retryAfter());
      assertTrue(
          e.retryAfter().compareTo(Duration.ofMinutes(39)) > 0, String.valueOf(e.retryAfter()));
      assertTrue(String.valueOf(e.getMessage()).contains("resume at"), e.getMessage());
      assertEquals(0, c.graphQlPointsRemaining());
    }

    @Test
    void pointsReserve_leftUnspent_waitsEarlier() {
      FakeGitHub fake = fake(support.fake().repository("api", 30));
      fake.rateLimitWindow(12, support.clock.instant().plus(Duration.ofMinutes(1)));
      GitHubConnector c = connector(support.builder(fake).pointsReserve(10));

      assertEquals(30, items(readAll(c, API, null, 10)).size());

      assertEquals(List.of(Duration.ofMinutes(1)), support.slept, "waited once 11 were left");
    }

    @Test
    void primaryLimit403_waitsUntilResetThenReads() {
      FakeGitHub fake = fake(support.fake().repository("api", 5));
      fake.primaryRateLimit("/graphql", support.clock.instant().plusSeconds(90));

      List<PullRequest> all = items(readAll(connector(fake), API, null, 10));

      assertEquals(5, all.size());
      assertTrue(support.slept.contains(Duration.ofSeconds(90)), String.valueOf(support.slept));
    }

    @Test
    void primaryLimit403_resetBeyondMaxWait_rateLimited() {
      FakeGitHub fake = fake(support.fake().repository("api", 5));
      fake.primaryRateLimit("/graphql", support.clock.instant().plusSeconds(3000));

      SourceException e =
          assertThrows(SourceException.class, () -> readAll(connector(fake), API, null, 10));

      assertEquals(ErrorCode.RATE_LIMITED, e.code());
      assertEquals(Duration.ofSeconds(3000), e.retryAfter());
    }

    @Test
    void secondaryLimit_withRetryAfter_waitsThatLong() {
      FakeGitHub fake = fake(support.fake().repository("api", 5));
      fake.secondaryRateLimit("/graphql", Duration.ofSeconds(17));

      assertEquals(5, items(readAll(connector(fake), API, null, 10)).size());
      assertTrue(support.slept.contains(Duration.ofSeconds(17)), String.valueOf(support.slept));
    }

    @Test
    void secondaryLimit_withoutRetryAfter_waitsAMinuteThenLonger() {
      FakeGitHub fake = fake(support.fake().repository("api", 5));
      fake.secondaryRateLimit("/graphql", null);
      fake.secondaryRateLimit("/graphql", null);

      assertEquals(5, items(readAll(connector(fake), API, null, 10)).size());
      assertTrue(support.slept.contains(Duration.ofMinutes(1)), String.valueOf(support.slept));
      assertTrue(support.slept.contains(Duration.ofMinutes(2)), String.valueOf(support.slept));
    }

    @Test
    void graphQlRateLimitedIn200_waitsThenRetries() {
      FakeGitHub fake = fake(support.fake().repository("api", 5));
      fake.rateLimitWindow(100, support.clock.instant().plusSeconds(90));
      fake.graphQlError("RATE_LIMITED", "API rate limit exceeded");

      assertEquals(5, items(readAll(connector(fake), API, null, 10)).size());
      assertTrue(
          support.slept.contains(Duration.ofSeconds(90)),
          "waited until x-ratelimit-reset: " + support.slept);
    }

    @Test
    void rateLimiterSharedByScopes_oneLimitHoldsEveryScope() {
      FakeGitHub fake = fake(support.fake().repository("api", 3).repository("web", 3));
      GitHubConnector c = connector(support.builder(fake).maxRateLimitWait(Duration.ZERO));
      fake.secondaryRateLimit("/graphql", Duration.ofSeconds(300));

      assertThrows(SourceException.class, () -> readAll(c, API, null, 10));
      Instant resume = c.http().rateLimiter().resumeAt();
      assertEquals(support.clock.instant().plusSeconds(300), resume);
    }
  }

  @Nested
  class Errors {
    @Test
    void unauthorized_authFailedNamingCredentialNotToken() {
      FakeGitHub fake = fake(support.fake().repository("api", 3));
      GitHubConnector c =
          connector(support.builder(fake).token("gh-prod", "ghp_wrongTokenValue123456"));

      SourceException e = assertThrows(SourceException.class, () -> readAll(c, API, null, 10));

      assertEquals(ErrorCode.AUTH_FAILED, e.code());
      assertTrue(String.valueOf(e.getMessage()).contains("'gh-prod'"), e.getMessage());
      assertFalse(String.valueOf(e.getMessage()).contains("ghp_wrongTokenValue123456"));
      assertFalse(c.toString().contains("ghp_wrongTokenValue123456"));
    }

    @Test
    void graphQlForbidden_authFailed() {
      FakeGitHub fake = fake(support.fake().repository("api", 3));
      fake.graphQlError("FORBIDDEN", "Resource not accessible by integration");

      SourceException e =
          assertThrows(SourceException.class, () -> readAll(connector(fake), API, null, 10));

      assertEquals(ErrorCode.AUTH_FAILED, e.code());
      assertTrue(String.valueOf(e.getMessage()).contains("github-test-token"), e.getMessage());
    }

    @Test
    void graphQlOtherError_invalidDataQuotingIt() {
      FakeGitHub fake = fake(support.fake().repository("api", 3));
      fake.graphQlError("MAX_NODE_LIMIT_EXCEEDED", "This query requests too many nodes");

      SourceException e =
          assertThrows(SourceException.class, () -> readAll(connector(fake), API, null, 10));

      assertEquals(ErrorCode.INVALID_DATA, e.code());
      assertTrue(
          String.valueOf(e.getMessage()).contains("MAX_NODE_LIMIT_EXCEEDED"), e.getMessage());
    }

    @Test
    void serverErrorsAndResets_retried() {
      FakeGitHub fake = fake(support.fake().repository("api", 3));
      fake.inject("/graphql", Fault.status(502));
      fake.inject("/graphql", Fault.connectionReset());

      assertEquals(3, items(readAll(connector(fake), API, null, 10)).size());
      assertEquals(2, support.slept.size(), "two backoff delays");
    }

    @Test
    void serverErrors_pastRetries_sourceUnavailable() {
      FakeGitHub fake = fake(support.fake().repository("api", 3));
      for (int i = 0; i < 3; i++) {
        fake.inject("/graphql", Fault.status(503));
      }

      SourceException e =
          assertThrows(
              SourceException.class,
              () -> readAll(connector(support.builder(fake).maxRetries(2)), API, null, 10));

      assertEquals(ErrorCode.SOURCE_UNAVAILABLE, e.code());
    }

    @Test
    void malformedJson_invalidData() {
      FakeGitHub fake = fake(support.fake().repository("api", 3));
      fake.inject("/graphql", Fault.malformedJson());

      PulseException e =
          assertThrows(PulseException.class, () -> readAll(connector(fake), API, null, 10));

      assertEquals(ErrorCode.INVALID_DATA, e.code());
    }

    @Test
    void checkHealth_upThenDownOnAuthFailure() {
      FakeGitHub fake = fake(support.fake().repository("api", 1));
      GitHubConnector c = connector(fake);
      assertTrue(c.checkHealth().isUsable());

      fake.inject("/graphql", Fault.status(401));
      Health down = c.checkHealth();

      assertEquals(ErrorCode.AUTH_FAILED, down.code());
    }
  }

  @Nested
  class Enterprise {
    @Test
    void enterprise_apiV3AndApiGraphql_noRateLimitHeadersMeansUnknown() {
      FakeGitHub fake = fake(support.fake().repository("api", 12).enterprise(true));
      GitHubConnector c = connector(support.builder(fake).apiUri(fake.apiUri()).maxPageSize(5));

      assertEquals(12, items(readAll(c, API, null, 5)).size());
      assertEquals(-1, c.graphQlPointsRemaining(), "unknown, never 0 remaining");
      assertTrue(support.slept.isEmpty(), "nothing waited: " + support.slept);
      Set<String> paths = new HashSet<>();
      for (FakeHttpServer.Request r : fake.server().requests()) {
        paths.add(r.path());
      }
      assertEquals(Set.of("/api/graphql"), paths);
    }

    @Test
    void enterpriseHost_derivesApiRoot() {
      GitHubConnector.Builder b =
          GitHubConnector.builder().enterprise(java.net.URI.create("https://github.example.com/"));
      assertTrue(b.toString().contains("https://github.example.com/api/v3"), b.toString());
    }
  }

  @Nested
  class AppAuthentication {
    private GitHubConnector.Builder app(FakeGitHub fake, String pem) {
      return support
          .builder(fake)
          .app("acme-app", FakeGitHub.APP_ID, pem, FakeGitHub.INSTALLATION_ID);
    }

    @Test
    void app_pkcs1Key_installationTokenReusedThenRenewedBeforeExpiry() {
      FakeGitHub fake = fake(support.fake().repository("api", 3));
      GitHubConnector c = connector(app(fake, FakeGitHub.appPrivateKeyPem()));

      assertEquals(3, items(readAll(c, API, null, 10)).size());
      assertEquals(3, items(readAll(c, API, null, 10)).size());
      assertEquals(1, fake.installationTokensIssued(), "one token for both reads");

      support.clock.advance(Duration.ofMinutes(56));
      assertEquals(3, items(readAll(c, API, null, 10)).size());
      assertEquals(2, fake.installationTokensIssued(), "renewed five minutes before expiry");
      assertEquals(2, c.installationTokensIssued());
    }

    @Test
    void app_pkcs8Key_accepted() {
      FakeGitHub fake = fake(support.fake().repository("api", 2));
      GitHubConnector c = connector(app(fake, FakeGitHub.appPrivateKeyPkcs8Pem()));

      assertEquals(2, items(readAll(c, API, null, 10)).size());
    }

    @Test
    void app_wrongAppId_authFailedNamingCredential() {
      FakeGitHub fake = fake(support.fake().repository("api", 2));
      GitHubConnector c =
          connector(
              support
                  .builder(fake)
                  .app(
                      "acme-app",
                      "999",
                      FakeGitHub.appPrivateKeyPem(),
                      FakeGitHub.INSTALLATION_ID));

      SourceException e = assertThrows(SourceException.class, () -> readAll(c, API, null, 10));

      assertEquals(ErrorCode.AUTH_FAILED, e.code());
      assertTrue(String.valueOf(e.getMessage()).contains("'acme-app (app JWT)'"), e.getMessage());
    }

    @Test
    void app_badKey_rejectedWithoutQuotingIt() {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  GitHubConnector.builder()
                      .app(
                          "x",
                          "1",
                          "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LWtleS1ieXRlcw==\n-----END RSA PRIVATE KEY-----",
                          1));
      assertFalse(String.valueOf(e.getMessage()).contains("c2VjcmV0"));
    }
  }

  @Nested
  class BuilderValidation {
    @Test
    void build_withoutCredential_rejected() {
      assertThrows(
          IllegalStateException.class,
          () -> GitHubConnector.builder().organization("acme").build());
    }

    @Test
    void build_withoutOrganisationOrRepositories_rejected() {
      assertThrows(
          IllegalStateException.class,
          () -> GitHubConnector.builder().token("t", "ghp_x123456789").build());
    }

    @Test
    void setters_rejectBadValuesNamingThem() {
      GitHubConnector.Builder b = GitHubConnector.builder();
      assertTrue(
          assertThrows(IllegalArgumentException.class, () -> b.maxPageSize(101))
              .getMessage()
              .contains("maxPageSize"));
      assertTrue(
          assertThrows(IllegalArgumentException.class, () -> b.repositories(List.of("nope")))
              .getMessage()
              .contains("repositories"));
      assertTrue(
          assertThrows(
                  IllegalArgumentException.class,
                  () -> b.apiUri(java.net.URI.create("https://u:p@api.github.com")))
              .getMessage()
              .contains("credentials"));
      assertThrows(IllegalArgumentException.class, () -> b.activeMonths(0));
    }
  }
}
