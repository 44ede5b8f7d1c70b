package dev.pulse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks that the Javadoc examples of a main source file are the code of regions in a test source,
 * so each example compiles and runs in a test (JDK 17's javadoc has no snippet tag).
 *
 * <p>An example is a {@code <pre>} block of a Javadoc comment whose first line opens an inline code
 * tag and whose last line closes it before {@code </pre>}. A region is the code between a start
 * marker line, {@code // @start region=NAME}, and the next end marker line, {@code // @end} (the
 * region name may follow), in the snippet source. Example and region are compared after normalising
 * whitespace: runs of whitespace count as one space, and a space next to a character that cannot be
 * part of a word (a parenthesis, a dot, an operator) is dropped, so the formatter may wrap the
 * region's lines differently from the example.
 *
 * <p>Generic over packages: any test can call {@link #assertExamplesAreRegions}; it is public only
 * so that tests of other packages can. Paths are relative to the module directory, which is the
 * working directory of surefire.
 */
public final class JavadocExamples {
  private static final Pattern START = Pattern.compile("^\\s*//\\s*@start\\s+region=(\\S+)\\s*$");
  private static final Pattern END = Pattern.compile("^\\s*//\\s*@end(\\s+region=\\S+)?\\s*$");
  private static final Pattern JAVADOC_LINE = Pattern.compile("^\\s*\\*( |$)");
  private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_$]");

  private JavadocExamples() {}

  /**
   * Asserts that the main source's examples, in order, are the named regions of the snippet source.
   *
   * @param mainSource the main source whose Javadoc holds the examples
   * @param snippetSource the test source holding the regions
   * @param regions one region name per example, in the order of the examples
   * @throws AssertionError if the number of examples differs from the number of regions, a region
   *     is missing, or an example differs from its region
   */
  public static void assertExamplesAreRegions(
      Path mainSource, Path snippetSource, String... regions) {
    List<String> examples = examples(mainSource);
    if (examples.size() != regions.length) {
      throw new AssertionError(
          mainSource
              + " has "
              + examples.size()
              + " Javadoc examples but "
              + regions.length
              + " regions were named");
    }
    for (int i = 0; i < regions.length; i++) {
      String region = region(snippetSource, regions[i]);
      String want = normalize(region);
      String got = normalize(examples.get(i));
      if (!want.equals(got)) {
        throw new AssertionError(
            "Javadoc example "
                + (i + 1)
                + " of "
                + mainSource
                + " differs from region "
                + regions[i]
                + " of "
                + snippetSource
                + "\n--- region (copy this into the Javadoc) ---\n"
                + region
                + "\n--- example ---\n"
                + examples.get(i));
      }
    }
  }

  /**
   * Returns the code of every example (see the class comment) of a source's Javadoc, with the
   * leading {@code *} of each line removed.
   *
   * @param source the source file
   * @return the examples in source order
   */
  public static List<String> examples(Path source) {
    List<String> examples = new ArrayList<>();
    @Nullable StringBuilder current = null;
    for (String line : lines(source)) {
      String text = JAVADOC_LINE.matcher(line).replaceFirst("");
      if (current == null) {
        if (text.strip().equals("<pre>{@code")) {
          current = new StringBuilder();
        }
      } else if (text.strip().equals("}</pre>")) {
        examples.add(current.toString());
        current = null;
      } else {
        current.append(text).append('\n');
      }
    }
    if (current != null) {
      throw new AssertionError(source + " has a <pre>{@code block that is never closed");
    }
    return examples;
  }

  /**
   * Returns the code of a region, its lines as they are.
   *
   * @param source the snippet source
   * @param name the region's name
   * @return the lines between the start and the end marker
   * @throws AssertionError if the region is missing, duplicated or not closed
   */
  public static String region(Path source, String name) {
    @Nullable StringBuilder code = null;
    @Nullable String found = null;
    for (String line : lines(source)) {
      var start = START.matcher(line);
      if (start.matches() && start.group(1).equals(name)) {
        if (found != null) {
          throw new AssertionError("region " + name + " appears twice in " + source);
        }
        code = new StringBuilder();
      } else if (code != null && END.matcher(line).matches()) {
        found = code.toString();
        code = null;
      } else if (code != null) {
        code.append(line).append('\n');
      }
    }
    if (code != null) {
      throw new AssertionError("region " + name + " in " + source + " is never closed");
    }
    if (found == null) {
      throw new AssertionError("no region " + name + " in " + source);
    }
    return found;
  }

  /**
   * Normalises whitespace as described in the class comment.
   *
   * @param code code
   * @return the code with only the whitespace that separates two words, as single spaces
   */
  public static String normalize(String code) {
    String collapsed = code.strip().replaceAll("\\s+", " ");
    StringBuilder out = new StringBuilder(collapsed.length());
    for (int i = 0; i < collapsed.length(); i++) {
      char c = collapsed.charAt(i);
      if (c == ' ') {
        boolean wordBefore = WORD.matcher(String.valueOf(collapsed.charAt(i - 1))).matches();
        boolean wordAfter = WORD.matcher(String.valueOf(collapsed.charAt(i + 1))).matches();
        if (!wordBefore || !wordAfter) {
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  private static List<String> lines(Path source) {
    try {
      return Files.readAllLines(source, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source.toAbsolutePath(), e);
    }
  }
}
