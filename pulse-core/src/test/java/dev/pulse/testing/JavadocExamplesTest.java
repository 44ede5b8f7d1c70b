package dev.pulse.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class JavadocExamplesTest {
  private static final String MAIN =
      """
      /**
       * A thing.
       *
       * <pre>{@code
       * Thing thing = Thing.builder().size(3).build();
       * thing.run(); // runs it
       * }</pre>
       */
      final class Thing {}
      """;

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private Path snippets(String body) throws IOException {
    return write(
        "Snippets.java",
        """
        class Snippets {
          void thing() {
            // @start region=thing
        %s
            // @end
          }
        }
        """
            .formatted(body));
  }

  @Test
  void assertExamplesAreRegions_sameCodeWrappedDifferently_passes() throws IOException {
    Path main = write("Thing.java", MAIN);
    Path snippets =
        snippets(
            """
                Thing thing =
                    Thing.builder()
                        .size(3)
                        .build();
                thing.run(); // runs it
            """);

    JavadocExamples.assertExamplesAreRegions(main, snippets, "thing");
  }

  @Test
  void assertExamplesAreRegions_codeDiffers_failsShowingTheRegion() throws IOException {
    Path main = write("Thing.java", MAIN);
    Path snippets =
        snippets("    Thing thing = Thing.builder().size(4).build();\n    thing.run();");

    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> JavadocExamples.assertExamplesAreRegions(main, snippets, "thing"));
    assertTrue(e.getMessage().contains("size(4)"), e.getMessage());
  }

  @Test
  void assertExamplesAreRegions_wordsJoined_differ() throws IOException {
    Path main = write("Thing.java", MAIN);
    Path snippets = snippets("    Thingthing = Thing.builder().size(3).build();\n    thing.run();");

    assertThrows(
        AssertionError.class,
        () -> JavadocExamples.assertExamplesAreRegions(main, snippets, "thing"));
  }

  @Test
  void assertExamplesAreRegions_wrongNumberOfRegions_fails() throws IOException {
    Path main = write("Thing.java", MAIN);
    Path snippets = snippets("    thing.run();");

    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> JavadocExamples.assertExamplesAreRegions(main, snippets, "thing", "other"));
    assertTrue(e.getMessage().contains("1 Javadoc examples but 2 regions"), e.getMessage());
  }

  @Test
  void region_missing_fails() throws IOException {
    Path snippets = snippets("    thing.run();");

    AssertionError e =
        assertThrows(AssertionError.class, () -> JavadocExamples.region(snippets, "nope"));
    assertTrue(e.getMessage().contains("no region nope"), e.getMessage());
  }

  @Test
  void region_notClosed_fails() throws IOException {
    Path snippets = write("Open.java", "// @start region=open\nx();\n");

    assertThrows(AssertionError.class, () -> JavadocExamples.region(snippets, "open"));
  }

  @Test
  void examples_everyBlockInOrder_withoutTheJavadocStars() throws IOException {
    Path main =
        write(
            "Two.java",
            "/**\n * <pre>{@code\n * a();\n * }</pre>\n *\n * <pre>{@code\n *   b();\n * }</pre>\n */\n");

    assertEquals(List.of("a();\n", "  b();\n"), JavadocExamples.examples(main));
  }

  @Test
  void normalize_keepsOnlySpacesBetweenWords() {
    assertEquals(
        "int a=f(x,y).g();//why it",
        JavadocExamples.normalize("int a = f( x,  y )\n    .g();  // why it"));
  }
}
