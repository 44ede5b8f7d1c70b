package dev.pulse.spi;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Type checks of configuration values, shared by {@link ConfigKey} and {@link ConfigSpec}. */
final class ConfigValues {
  private ConfigValues() {}

  /**
   * Returns null if the value is acceptable for the type, else what it must be ("a whole number"),
   * never quoting the value.
   */
  static @Nullable String check(ConfigType type, Object value) {
    return switch (type) {
      case STRING -> value instanceof String ? null : "text";
      case INTEGER -> isInteger(value) ? null : "a whole number";
      case BOOLEAN -> isBoolean(value) ? null : "true or false";
      case DURATION -> isDuration(value) ? null : "an ISO-8601 duration such as PT30S";
      case URI -> isAbsoluteUri(value) ? null : "an absolute URI such as https://example.com";
      case LIST -> isList(value) ? null : "a list of texts or comma-separated text";
    };
  }

  private static boolean isInteger(Object value) {
    if (value instanceof Integer || value instanceof Long) {
      return true;
    }
    if (value instanceof String text) {
      try {
        Long.parseLong(text.strip());
        return true;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return false;
  }

  private static boolean isBoolean(Object value) {
    return value instanceof Boolean
        || (value instanceof String text
            && (text.strip().equalsIgnoreCase("true") || text.strip().equalsIgnoreCase("false")));
  }

  private static boolean isDuration(Object value) {
    if (value instanceof Duration) {
      return true;
    }
    if (value instanceof String text) {
      try {
        Duration.parse(text.strip());
        return true;
      } catch (DateTimeParseException e) {
        return false;
      }
    }
    return false;
  }

  private static boolean isAbsoluteUri(Object value) {
    if (value instanceof URI uri) {
      return uri.isAbsolute();
    }
    if (value instanceof String text) {
      try {
        return new URI(text.strip()).isAbsolute();
      } catch (URISyntaxException e) {
        return false;
      }
    }
    return false;
  }

  private static boolean isList(Object value) {
    if (value instanceof String) {
      return true;
    }
    if (value instanceof List<?> list) {
      for (Object element : list) {
        if (!(element instanceof String)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}
