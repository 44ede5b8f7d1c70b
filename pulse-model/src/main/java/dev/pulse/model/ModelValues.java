package dev.pulse.model;

import dev.pulse.model.internal.Checks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The value checks and copies that several model records share. */
final class ModelValues {
  /** An abbreviated or full SHA-1 (40) or SHA-256 (64) commit id. */
  private static final Pattern COMMIT_SHA = Pattern.compile("[0-9a-fA-F]{7,64}");

  private ModelValues() {}

  /**
   * Returns a commit SHA in lower case, so that the same commit read from two systems compares
   * equal (a pull request's merge commit and the deployment that shipped it).
   */
  static @Nullable String commitSha(@Nullable String sha, String name) {
    if (sha == null) {
      return null;
    }
    if (!COMMIT_SHA.matcher(sha).matches()) {
      throw new IllegalArgumentException(
          name + " must be 7 to 64 hexadecimal digits but was \"" + sha + "\"");
    }
    return sha.toLowerCase(Locale.ROOT);
  }

  /** Returns null or a string that is not blank. */
  static @Nullable String optionalText(@Nullable String value, String name) {
    return value == null ? null : Checks.requireText(value, name);
  }

  /**
   * Returns an unmodifiable copy of sprint changes in {@link SprintChange#ORDER}, so that an issue
   * read back from a store equals the one written whatever order the source listed them in.
   */
  static List<SprintChange> sprintChanges(List<SprintChange> changes) {
    Objects.requireNonNull(changes, "sprintChanges");
    if (changes.isEmpty()) {
      return List.of();
    }
    List<SprintChange> copy = new ArrayList<>(changes.size());
    for (SprintChange change : changes) {
      copy.add(Objects.requireNonNull(change, "sprintChanges element"));
    }
    copy.sort(SprintChange.ORDER);
    return Collections.unmodifiableList(copy);
  }

  /**
   * Returns an unmodifiable, sorted copy of labels without duplicates; sorted so that equal records
   * print and serialize alike whatever order the source listed them in.
   */
  static Set<String> labels(Collection<String> labels, String name) {
    Objects.requireNonNull(labels, name);
    TreeSet<String> copy = new TreeSet<>();
    for (String label : labels) {
      copy.add(Checks.requireText(label, name + " element"));
    }
    return Collections.unmodifiableSortedSet(copy);
  }
}
