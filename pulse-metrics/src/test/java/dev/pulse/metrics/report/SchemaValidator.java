package dev.pulse.metrics.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a parsed JSON value against the subset of JSON Schema 2020-12 the report schema uses, and
 * records which declared properties were seen with a non-null value. Any keyword outside the subset
 * fails the check, so the schema cannot silently rely on something this validator ignores.
 */
final class SchemaValidator {
  private static final Set<String> KNOWN =
      Set.of(
          "$schema",
          "$id",
          "$defs",
          "$ref",
          "title",
          "description",
          "type",
          "enum",
          "const",
          "properties",
          "required",
          "additionalProperties",
          "items",
          "minimum",
          "maximum",
          "minItems",
          "minLength",
          "oneOf",
          "format");

  private final Map<String, Object> root;
  private final List<String> errors = new ArrayList<>();

  /** Declared properties as "definition.property", and those seen with a non-null value. */
  private final Set<String> declared = new TreeSet<>();

  private final Set<String> seen = new TreeSet<>();

  SchemaValidator(Map<String, Object> root) {
    this.root = root;
    collect("#", root);
    MiniJson.obj(root.get("$defs")).forEach((k, v) -> collect(k, MiniJson.obj(v)));
  }

  private void collect(String owner, Map<String, Object> schema) {
    Object props = schema.get("properties");
    if (props != null) {
      for (Map.Entry<String, Object> e : MiniJson.obj(props).entrySet()) {
        declared.add(owner + "." + e.getKey());
        collect(owner + "." + e.getKey(), MiniJson.obj(e.getValue()));
      }
    }
    for (String key : List.of("items", "additionalProperties")) {
      if (schema.get(key) instanceof Map<?, ?> m) {
        collect(owner, MiniJson.obj(m));
      }
    }
    if (schema.get("oneOf") != null) {
      for (Object o : MiniJson.arr(schema.get("oneOf"))) {
        collect(owner, MiniJson.obj(o));
      }
    }
  }

  List<String> validate(Object value) {
    check("$", value, root, "#");
    return errors;
  }

  /** Declared properties never seen with a non-null value in any validated document. */
  Set<String> unseen() {
    Set<String> out = new TreeSet<>(declared);
    out.removeAll(seen);
    return out;
  }

  private void check(String path, Object value, Map<String, Object> schema, String owner) {
    for (String key : schema.keySet()) {
      if (!KNOWN.contains(key)) {
        errors.add(path + ": unsupported schema keyword " + key);
      }
    }
    Object ref = schema.get("$ref");
    if (ref != null) {
      String name = ((String) ref).substring("#/$defs/".length());
      check(path, value, MiniJson.obj(MiniJson.obj(root.get("$defs")).get(name)), name);
      return;
    }
    if (schema.containsKey("const") && !schema.get("const").equals(value)) {
      errors.add(path + ": expected const " + schema.get("const") + " but was " + value);
    }
    if (schema.containsKey("enum")) {
      List<Object> options = MiniJson.arr(schema.get("enum"));
      if (!options.contains(value)) {
        errors.add(path + ": " + value + " is not one of " + options);
      }
    }
    if (schema.containsKey("oneOf")) {
      int matches = 0;
      for (Object option : MiniJson.arr(schema.get("oneOf"))) {
        SchemaValidator probe = new SchemaValidator(root);
        probe.check(path, value, MiniJson.obj(option), owner);
        if (probe.errors.isEmpty()) {
          matches++;
          check(path, value, MiniJson.obj(option), owner);
        }
      }
      if (matches != 1) {
        errors.add(path + ": matches " + matches + " oneOf options instead of 1");
      }
    }
    if (schema.containsKey("type") && !typeMatches(schema.get("type"), value)) {
      errors.add(path + ": " + value + " is not of type " + schema.get("type"));
      return;
    }
    if (value instanceof Number n) {
      if (schema.containsKey("minimum")
          && n.doubleValue() < ((Number) schema.get("minimum")).doubleValue()) {
        errors.add(path + ": " + n + " is below the minimum " + schema.get("minimum"));
      }
      if (schema.containsKey("maximum")
          && n.doubleValue() > ((Number) schema.get("maximum")).doubleValue()) {
        errors.add(path + ": " + n + " is above the maximum " + schema.get("maximum"));
      }
    }
    if (value instanceof String s) {
      if (schema.containsKey("minLength")
          && s.length() < ((Number) schema.get("minLength")).intValue()) {
        errors.add(path + ": string shorter than minLength");
      }
      String format = (String) schema.get("format");
      try {
        if ("date-time".equals(format)) {
          Instant.parse(s);
        } else if ("date".equals(format)) {
          LocalDate.parse(s);
        }
      } catch (RuntimeException e) {
        errors.add(path + ": " + s + " is not a " + format);
      }
    }
    if (value instanceof List<?> list) {
      if (schema.containsKey("minItems")
          && list.size() < ((Number) schema.get("minItems")).intValue()) {
        errors.add(path + ": fewer than minItems items");
      }
      if (schema.get("items") != null) {
        for (int k = 0; k < list.size(); k++) {
          check(path + "[" + k + "]", list.get(k), MiniJson.obj(schema.get("items")), owner);
        }
      }
    }
    if (value instanceof Map<?, ?>) {
      Map<String, Object> object = MiniJson.obj(value);
      Map<String, Object> props =
          schema.get("properties") == null ? Map.of() : MiniJson.obj(schema.get("properties"));
      if (schema.get("required") != null) {
        for (Object required : MiniJson.arr(schema.get("required"))) {
          if (!object.containsKey((String) required)) {
            errors.add(path + ": missing required property " + required);
          }
        }
      }
      for (Map.Entry<String, Object> e : object.entrySet()) {
        String child = path + "." + e.getKey();
        Object propertySchema = props.get(e.getKey());
        if (propertySchema != null) {
          if (e.getValue() != MiniJson.NULL) {
            seen.add(owner + "." + e.getKey());
          }
          check(child, e.getValue(), MiniJson.obj(propertySchema), owner + "." + e.getKey());
        } else {
          Object additional = schema.get("additionalProperties");
          if (Boolean.FALSE.equals(additional)) {
            errors.add(child + ": property not declared by the schema");
          } else if (additional instanceof Map<?, ?>) {
            check(child, e.getValue(), MiniJson.obj(additional), owner);
          }
        }
      }
    }
  }

  private static boolean typeMatches(Object type, Object value) {
    if (type instanceof List<?> types) {
      for (Object t : types) {
        if (typeMatches(t, value)) {
          return true;
        }
      }
      return false;
    }
    return switch ((String) type) {
      case "object" -> value instanceof Map;
      case "array" -> value instanceof List;
      case "string" -> value instanceof String;
      case "integer" -> value instanceof Long;
      case "number" -> value instanceof Long || value instanceof Double;
      case "boolean" -> value instanceof Boolean;
      case "null" -> value == MiniJson.NULL;
      default -> false;
    };
  }
}
