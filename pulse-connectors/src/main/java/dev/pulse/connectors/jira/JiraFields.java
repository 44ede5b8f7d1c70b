package dev.pulse.connectors.jira;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.connectors.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The custom fields discovered by name from {@code GET /rest/api/3/field}, so tenants whose field
 * ids differ need no configuration.
 *
 * @param sprint the first custom field named "Sprint", or null
 * @param storyPoints the first custom field named "Story Points" or "Story point estimate", or null
 * @param tshirt every custom field whose name contains a T-shirt size marker, in discovery order
 */
record JiraFields(@Nullable String sprint, @Nullable String storyPoints, List<String> tshirt) {
  private static final List<String> TSHIRT_MARKERS =
      List.of("t-shirt size", "tshirt size", "tamanho/impacto");

  JiraFields {
    tshirt = List.copyOf(tshirt);
  }

  static JiraFields discover(JsonNode fieldList) {
    String sprint = null;
    String storyPoints = null;
    List<String> tshirt = new ArrayList<>();
    for (JsonNode field : fieldList) {
      String id = Json.text(field, "id");
      String name = Json.text(field, "name");
      if (id == null || name == null || !id.startsWith("customfield_")) {
        continue;
      }
      String lower = name.toLowerCase(Locale.ROOT).strip();
      if (lower.equals("sprint") && sprint == null) {
        sprint = id;
      }
      if ((lower.equals("story points") || lower.equals("story point estimate"))
          && storyPoints == null) {
        storyPoints = id;
      }
      if (TSHIRT_MARKERS.stream().anyMatch(lower::contains)) {
        tshirt.add(id);
      }
    }
    return new JiraFields(sprint, storyPoints, tshirt);
  }
}
