package dev.pulse.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class TenantsTest {

  @Test
  void requireValid_lookAlikes_normalized() {
    assertEquals("acme", Tenants.requireValid("\uFF41\uFF43\uFF4D\uFF45"));
    assertEquals("caf\u00e9", Tenants.requireValid("cafe\u0301"));
    assertEquals("acme corp", Tenants.requireValid("acme corp"));
  }

  @Test
  void requireValid_invisible_rejectedWithoutEcho() {
    for (String tenant :
        new String[] {
          "acme\u200b", "acme\u00a0", "ac\u202eme", "acme\ud800", "acme\ue000", "a\u0000b"
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Tenants.requireValid(tenant));
      String message = String.valueOf(e.getMessage());
      assertFalse(message.contains(tenant), "the raw tenant is not echoed: " + message);
    }
  }

  @Test
  void requireValid_mixedScript_rejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Tenants.requireValid("\u0430cme"));

    assertTrue(String.valueOf(e.getMessage()).contains("mixed"), e.getMessage());
  }

  @Test
  void requireValid_hugeTenant_shortMessage() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Tenants.requireValid("x\n".repeat(2_500_000)));

    assertTrue(String.valueOf(e.getMessage()).length() < 200, e.getMessage());
    assertFalse(String.valueOf(e.getMessage()).contains("\n"));
  }

  @Test
  void requireValid_blank_rejected() {
    assertThrows(IllegalArgumentException.class, () -> Tenants.requireValid(" "));
    assertThrows(IllegalArgumentException.class, () -> Tenants.requireValid("\u3000"));
  }
}
