package dev.pulse.connectors.github;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Recognises pull requests that revert an earlier one, as GitHub's "Revert" button creates them:
 * the title {@code Revert "..."}, the body {@code Reverts owner/repo#N} (or {@code Reverts #N}),
 * and the head branch {@code revert-N-<branch>}.
 *
 * <p>The reverted number comes from the body when it names a pull request of the same repository,
 * else from the branch; a revert naming another repository's pull request, or none, is a revert of
 * an unknown number. Stateless.
 */
final class Reverts {
  private static final Pattern BODY =
      Pattern.compile("(?im)^\\s*reverts?\\s+(?:([\\w.-]+/[\\w.-]+))?#(\\d{1,9})\\b");
  private static final Pattern BRANCH = Pattern.compile("^revert-(\\d{1,9})-.+");
  private static final Pattern TITLE = Pattern.compile("(?i)^\\s*revert\\b.*");

  /** The outcome: whether it is a revert, and of which pull request if known. */
  record Revert(boolean revert, @Nullable Long number) {
    static final Revert NONE = new Revert(false, null);
  }

  private Reverts() {}

  /**
   * Detects a revert.
   *
   * @param repository the pull request's repository, {@code owner/name}
   * @param number the pull request's own number
   * @param title its title, NUL-stripped
   * @param body its body, or null
   * @param headBranch its head branch, or null
   * @return the outcome
   */
  static Revert detect(
      String repository,
      long number,
      String title,
      @Nullable String body,
      @Nullable String headBranch) {
    Long fromBody = null;
    boolean bodySays = false;
    if (body != null) {
      Matcher m = BODY.matcher(body);
      while (m.find()) {
        bodySays = true;
        String repo = m.group(1);
        long n = Long.parseLong(m.group(2));
        if ((repo == null
                || repo.toLowerCase(Locale.ROOT).equals(repository.toLowerCase(Locale.ROOT)))
            && n > 0
            && n != number) {
          fromBody = n;
          break;
        }
      }
    }
    Long fromBranch = null;
    if (headBranch != null) {
      Matcher m = BRANCH.matcher(headBranch);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        if (n > 0 && n != number) {
          fromBranch = n;
        }
      }
    }
    if (fromBody != null) {
      return new Revert(true, fromBody);
    }
    if (fromBranch != null) {
      return new Revert(true, fromBranch);
    }
    if (bodySays || TITLE.matcher(title).matches()) {
      return new Revert(true, null);
    }
    return Revert.NONE;
  }
}
