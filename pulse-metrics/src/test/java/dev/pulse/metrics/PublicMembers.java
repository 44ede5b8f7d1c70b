package dev.pulse.metrics;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Renders every public member of a set of types as one line each (type, kind, name and generic
 * type), the unit of the reviewed allow-list snapshot, and finds open types (bags that can carry
 * anything, a person included).
 */
final class PublicMembers {

  /** Names that announce an open bag, whatever their type: normalized to lower case without '_'. */
  static final Set<String> OPEN_BAG_NAMES =
      Set.of(
          "metadata",
          "meta",
          "extra",
          "extras",
          "attributes",
          "attrs",
          "properties",
          "props",
          "payload",
          "raw",
          "rawjson",
          "json",
          "customfields",
          "additionalproperties",
          "context");

  /**
   * Reviewed exceptions to the open-type ban, each a snapshot line with the reason it carries no
   * person: the value of the ban is that every exception is argued here.
   */
  static final Map<String, String> ALLOWED_OPEN_TYPES =
      Map.of(
          "dev.pulse.metrics.dora.EnvironmentAliases method asMap():"
              + " java.util.Map<java.lang.String, java.lang.String>",
          "environment name aliases (prod -> production): configuration, never source data",
          "dev.pulse.metrics.dora.EnvironmentAliases static method"
              + " of(java.util.Map<java.lang.String, java.lang.String>):"
              + " dev.pulse.metrics.dora.EnvironmentAliases",
          "environment name aliases (prod -> production): configuration, never source data");

  private PublicMembers() {}

  /** One member of a scanned type: its snapshot line, name and generic types. */
  record Entry(String line, String name, List<Type> types) {}

  /** Returns the sorted snapshot lines of every public member of the types. */
  static List<String> lines(List<Class<?>> types) {
    Set<String> lines = new TreeSet<>();
    for (Class<?> type : types) {
      for (Entry entry : entries(type)) {
        lines.add(entry.line());
      }
    }
    return List.copyOf(lines);
  }

  /** Returns the public members of one type, including a line for the type itself. */
  static List<Entry> entries(Class<?> type) {
    List<Entry> entries = new ArrayList<>();
    String owner = type.getName();
    entries.add(new Entry(owner + " type " + kind(type), type.getSimpleName(), List.of()));
    Set<String> accessors = new TreeSet<>();
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        accessors.add(component.getName());
        entries.add(
            new Entry(
                owner
                    + " component "
                    + component.getName()
                    + ": "
                    + component.getGenericType().getTypeName(),
                component.getName(),
                List.of(component.getGenericType())));
      }
    }
    for (Field field : type.getDeclaredFields()) {
      if (!Modifier.isPublic(field.getModifiers()) || field.isSynthetic()) {
        continue;
      }
      String kind =
          field.isEnumConstant()
              ? "constant"
              : Modifier.isStatic(field.getModifiers()) ? "static field" : "field";
      String line =
          field.isEnumConstant()
              ? owner + " constant " + field.getName()
              : owner
                  + " "
                  + kind
                  + " "
                  + field.getName()
                  + ": "
                  + field.getGenericType().getTypeName();
      entries.add(
          new Entry(
              line,
              field.getName(),
              field.isEnumConstant() ? List.of() : List.of(field.getGenericType())));
    }
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (isVisible(constructor) && !type.isEnum()) {
        entries.add(
            new Entry(
                owner + " constructor (" + parameters(constructor.getGenericParameterTypes()) + ")",
                "<init>",
                List.of(constructor.getGenericParameterTypes())));
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (!isVisible(method) || isBoilerplate(type, method, accessors)) {
        continue;
      }
      List<Type> signature = new ArrayList<>(Arrays.asList(method.getGenericParameterTypes()));
      signature.add(method.getGenericReturnType());
      entries.add(
          new Entry(
              owner
                  + (Modifier.isStatic(method.getModifiers()) ? " static method " : " method ")
                  + method.getName()
                  + "("
                  + parameters(method.getGenericParameterTypes())
                  + "): "
                  + method.getGenericReturnType().getTypeName(),
              method.getName(),
              signature));
    }
    return entries;
  }

  /**
   * Returns every open type or open-bag name among the members of the types: {@code Object}, a raw
   * or string-keyed map of strings or objects, an unbounded wildcard, a JSON tree or {@code
   * Properties}, or a member named like {@code metadata}, {@code extra} or {@code attributes}.
   */
  static List<String> openTypes(List<Class<?>> types) {
    List<String> found = new ArrayList<>();
    for (Class<?> type : types) {
      for (Entry entry : entries(type)) {
        String normalized = entry.name().replace("_", "").toLowerCase(Locale.ROOT);
        if (OPEN_BAG_NAMES.contains(normalized)) {
          found.add(entry.line() + " (open-bag name)");
        }
        if (ALLOWED_OPEN_TYPES.containsKey(entry.line())) {
          continue;
        }
        for (Type t : entry.types()) {
          String why = openType(t);
          if (why != null) {
            found.add(entry.line() + " (" + why + ")");
          }
        }
      }
    }
    return found.stream().distinct().sorted().collect(Collectors.toList());
  }

  private static @Nullable String openType(Type type) {
    if (type instanceof Class<?> c) {
      if (c.isArray()) {
        return openType(c.getComponentType());
      }
      if (c == Object.class) {
        return "Object";
      }
      if (Map.class.isAssignableFrom(c)) {
        return "raw map";
      }
      if (c.getName().startsWith("com.fasterxml.") || c == java.util.Properties.class) {
        return "JSON tree or properties";
      }
      return null;
    }
    if (type instanceof ParameterizedType p) {
      Type raw = p.getRawType();
      Type[] arguments = p.getActualTypeArguments();
      if (raw instanceof Class<?> c && Map.class.isAssignableFrom(c) && arguments.length == 2) {
        if (isTextOrAnything(arguments[0]) && isTextOrAnything(arguments[1])) {
          return "string-keyed map of " + arguments[1].getTypeName();
        }
      }
      for (Type argument : arguments) {
        String why = openType(argument);
        if (why != null) {
          return why;
        }
      }
      return null;
    }
    if (type instanceof GenericArrayType a) {
      return openType(a.getGenericComponentType());
    }
    if (type instanceof WildcardType w) {
      if (w.getLowerBounds().length == 0
          && Arrays.equals(w.getUpperBounds(), new Type[] {Object.class})) {
        return "unbounded wildcard";
      }
      for (Type bound : w.getUpperBounds()) {
        String why = openType(bound);
        if (why != null) {
          return why;
        }
      }
    }
    return null; // type variables: the caller's own type, not a bag of the model's
  }

  private static boolean isTextOrAnything(Type type) {
    return type == String.class
        || type == CharSequence.class
        || type == Object.class
        || (type instanceof WildcardType w
            && Arrays.equals(w.getUpperBounds(), new Type[] {Object.class}));
  }

  private static boolean isVisible(Member member) {
    return Modifier.isPublic(member.getModifiers()) && !member.isSynthetic();
  }

  private static boolean isBoilerplate(Class<?> type, Method method, Set<String> accessors) {
    String name = method.getName();
    int parameters = method.getParameterCount();
    if (method.isBridge()) {
      return true;
    }
    if ((name.equals("equals") && parameters == 1)
        || (name.equals("hashCode") && parameters == 0)
        || (name.equals("toString") && parameters == 0)) {
      return true;
    }
    if (type.isEnum() && (name.equals("values") || name.equals("valueOf"))) {
      return true;
    }
    return parameters == 0 && accessors.contains(name); // covered by the component line
  }

  private static String kind(Class<?> type) {
    if (type.isRecord()) {
      return "record";
    }
    if (type.isEnum()) {
      return "enum";
    }
    if (type.isInterface()) {
      return "interface";
    }
    return "class";
  }

  private static String parameters(Type[] types) {
    return Arrays.stream(types).map(Type::getTypeName).collect(Collectors.joining(", "));
  }
}
