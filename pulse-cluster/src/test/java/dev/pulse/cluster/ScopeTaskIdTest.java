package dev.pulse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pulse.EntityType;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ScopeTaskIdTest {
  @Test
  void encode_roundTripsTenantsAndScopesWithSeparators() {
    ScopeId scope =
        ScopeId.of(
            "a/b:c 7", EntityType.PULL_REQUESTS, ScopeKey.of("github", "repo", "acme/api:x"));
    String id = ScopeTaskId.encode(scope);
    assertEquals("7:a/b:c 7/pull_requests/github:repo:acme/api:x", id);
    assertEquals(scope, ScopeTaskId.decode(id));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "x",
        ":a/deployments/ci:repo:r",
        "0:/deployments/ci:repo:r",
        "9:acme/deployments/ci:repo:r",
        "4:acme/deployments",
        "4:acme/deployments/not a key",
        "-1:acme/deployments/ci:repo:r"
      })
  void decode_malformed_isRejected(String id) {
    assertThrows(IllegalArgumentException.class, () -> ScopeTaskId.decode(id));
  }
}
