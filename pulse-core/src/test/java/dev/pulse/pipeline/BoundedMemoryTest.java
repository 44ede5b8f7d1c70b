package dev.pulse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Memory is bounded by the batches in flight: 1,000,000 items go through a 64 MiB heap. */
final class BoundedMemoryTest {
  @Test
  void millionItems_inA64MiBHeap() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx64m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    BoundedMemoryMain.class.getName()))
            .redirectErrorStream(true)
            .start();
    // A safety net for a hung child, not a timing assertion.
    boolean ended = process.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      process.destroyForcibly();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    System.out.println("BoundedMemoryMain: " + output.strip());
    assertTrue(ended, "the child JVM did not end:\n" + output);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("stored 1000000 reported 1000000"), output);
  }
}
