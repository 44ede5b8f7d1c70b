package dev.pulse.metrics.dora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class LatestPerBuildTest {

  /** The only way this class makes deployments; the index tells copies of one build apart. */
  private static Deployment deployment(String repository, String build, int index) {
    return Fixtures.deploy(repository, "production", build, index, DeploymentResult.SUCCESS);
  }

  /** The reference: a HashMap from (repository, build) to the last index, then a filter. */
  private static List<Integer> reference(Deployment[] in) {
    Map<List<String>, Integer> last = new HashMap<>();
    for (int i = 0; i < in.length; i++) {
      last.put(List.of(in[i].repository(), in[i].buildId()), i);
    }
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < in.length; i++) {
      if (last.get(List.of(in[i].repository(), in[i].buildId())) == i) {
        kept.add(i);
      }
    }
    return kept;
  }

  @Test
  void keep_randomInputs_equalsHashMapOfLastOccurrence() {
    Random random = new Random(20260307L);
    for (int round = 0; round < 2_000; round++) {
      int n = random.nextInt(round < 1_500 ? 60 : 3_000);
      int repositories = 1 + random.nextInt(8);
      int builds = 1 + random.nextInt(Math.max(1, n)); // few builds: many duplicates
      Deployment[] in = new Deployment[n];
      for (int i = 0; i < n; i++) {
        in[i] = deployment("r" + random.nextInt(repositories), "b" + random.nextInt(builds), i);
      }
      int[] kept = new int[n];

      Deployment[] out = LatestPerBuild.keep(in, kept);

      List<Integer> expected = reference(in);
      assertEquals(expected.size(), out.length, "round " + round);
      for (int j = 0; j < out.length; j++) {
        assertEquals(expected.get(j), kept[j], "round " + round + ", kept " + j);
        assertSame(in[expected.get(j)], out[j]);
      }
    }
  }

  @Test
  void keep_noDuplicate_returnsTheInputItself() {
    Deployment[] in = {deployment("r", "1", 0), deployment("r", "2", 1), deployment("s", "1", 2)};
    int[] kept = new int[3];

    assertSame(in, LatestPerBuild.keep(in, kept));
    assertArrayEquals(new int[] {0, 1, 2}, kept);
  }

  @Test
  void keep_hashCollision_keepsBothKeys() {
    // "Aa" and "BB" share a hash code, so these land on one probe chain
    Deployment[] in = {
      deployment("r", "Aa", 0), deployment("r", "BB", 1), deployment("r", "Aa", 2)
    };

    assertArrayEquals(new Deployment[] {in[1], in[2]}, LatestPerBuild.keep(in, null));
  }

  @Test
  void keep_nullElement_isRejected() {
    Deployment[] in = {deployment("r", "1", 0), null};

    assertThrows(NullPointerException.class, () -> LatestPerBuild.keep(in, null));
  }
}
