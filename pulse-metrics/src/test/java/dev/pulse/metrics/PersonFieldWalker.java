package dev.pulse.metrics;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Walks a type's structure looking for person-identifying names: record components, and for Pulse's own non-record
 * types their public getters and fields, recursing into component, return, array, generic-argument, bound and
 * sealed-subclass types. Types outside {@code dev.pulse} are not looked into (only through their type arguments).
 */
final class PersonFieldWalker {

  /**
   * Forbidden names, matched case-insensitively against the whole component name. Prefix patterns catch
   * {@code authorId}, {@code author_name}, {@code userName}; suffix patterns catch {@code prAuthor},
   * {@code contactEmail}, {@code resolved_user}.
   */
  static final List<Pattern> FORBIDDEN = List.of(
      "^author.*", ".*author$",
      "^assignee.*", ".*assignee$",
      "^reporter.*", ".*reporter$",
      "^committer.*", ".*committer$",
      "^developer.*", ".*developer$",
      "^contributor.*", ".*contributor$",
      "^creator.*", ".*creator$",
      "^reviewer.*", ".*reviewer$",
      "^user.*", ".*_?user$",
      "^login.*", ".*login$",
      "^e_?mail.*", ".*_?e_?mail$",
      "^person.*", "^dev$")
      .stream().map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE)).toList();

  private PersonFieldWalker() {}

  static boolean isPersonName(String name) {
    return FORBIDDEN.stream().anyMatch(p -> p.matcher(name).matches());
  }

  /** Returns every forbidden name reachable from a type, each as a path such as {@code Outer.items<>.author}. */
  static List<String> violations(Type type) {
    Walk walk = new Walk();
    walk.type(type, typeName(type));
    return walk.violations;
  }

  /** Returns the Pulse classes a walk from a type looks into; shows that the walk really recurses. */
  static Set<Class<?>> visitedPulseTypes(Type type) {
    Walk walk = new Walk();
    walk.type(type, typeName(type));
    return walk.visitedClasses;
  }

  /**
   * Returns every forbidden name reachable from the parameter and return types of a class's public methods and
   * constructors.
   */
  static List<String> signatureViolations(Class<?> type) {
    List<String> found = new ArrayList<>();
    List<Executable> executables = new ArrayList<>();
    executables.addAll(Arrays.asList(type.getDeclaredMethods()));
    executables.addAll(Arrays.asList(type.getDeclaredConstructors()));
    executables.sort(Comparator.comparing(Executable::toGenericString));
    for (Executable executable : executables) {
      if (!Modifier.isPublic(executable.getModifiers()) || executable.isSynthetic()) {
        continue;
      }
      String name = type.getSimpleName() + "." + executable.getName();
      Type[] parameters = executable.getGenericParameterTypes();
      for (int i = 0; i < parameters.length; i++) {
        Walk walk = new Walk();
        walk.type(parameters[i], name + "(parameter " + i + ")");
        found.addAll(walk.violations);
      }
      if (executable instanceof Method method) {
        Walk walk = new Walk();
        walk.type(method.getGenericReturnType(), name + "(return)");
        found.addAll(walk.violations);
      }
    }
    return found;
  }

  private static String typeName(Type type) {
    return type instanceof Class<?> c ? c.getSimpleName() : type.getTypeName();
  }

  private static final class Walk {
    final List<String> violations = new ArrayList<>();
    final Set<Class<?>> visitedClasses = new LinkedHashSet<>();
    // Types on the current path only: a type reached along two paths is walked (and reported) along both, while a
    // recursive type stops at its second occurrence.
    private final Set<Type> onPath = new HashSet<>();

    void type(Type type, String path) {
      if (type instanceof Class<?> c) {
        clazz(c, path);
      } else if (type instanceof ParameterizedType p) {
        type(p.getRawType(), path);
        for (Type argument : p.getActualTypeArguments()) {
          type(argument, path + "<>");
        }
      } else if (type instanceof GenericArrayType a) {
        type(a.getGenericComponentType(), path + "[]");
      } else if (type instanceof WildcardType w) {
        for (Type bound : w.getUpperBounds()) {
          type(bound, path);
        }
        for (Type bound : w.getLowerBounds()) {
          type(bound, path);
        }
      } else if (type instanceof TypeVariable<?> v) {
        if (onPath.add(v)) {
          for (Type bound : v.getBounds()) {
            type(bound, path);
          }
          onPath.remove(v);
        }
      }
    }

    private void clazz(Class<?> c, String path) {
      if (c.isArray()) {
        type(c.getComponentType(), path + "[]");
        return;
      }
      if (c.isPrimitive() || !c.getName().startsWith("dev.pulse.") || !onPath.add(c)) {
        return;
      }
      visitedClasses.add(c);
      members(c, path);
      onPath.remove(c);
    }

    private void members(Class<?> c, String path) {
      if (c.isRecord()) {
        for (RecordComponent component : c.getRecordComponents()) {
          member(component.getName(), component.getGenericType(), path);
        }
      } else {
        for (Method method : c.getDeclaredMethods()) {
          if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
              && method.getParameterCount() == 0 && !method.isSynthetic()
              && method.getReturnType() != void.class) {
            member(propertyName(method.getName()), method.getGenericReturnType(), path);
          }
        }
        for (Field field : c.getDeclaredFields()) {
          if (Modifier.isPublic(field.getModifiers()) && !field.isEnumConstant() && !field.isSynthetic()) {
            member(field.getName(), field.getGenericType(), path);
          }
        }
      }
      if (c.isSealed()) {
        Class<?>[] permitted = c.getPermittedSubclasses();
        for (Class<?> subclass : permitted == null ? new Class<?>[0] : permitted) {
          type(subclass, path + "{" + subclass.getSimpleName() + "}");
        }
      }
    }

    private void member(String name, Type type, String path) {
      String memberPath = path + "." + name;
      if (isPersonName(name)) {
        violations.add(memberPath);
      }
      type(type, memberPath);
    }

    private static String propertyName(String methodName) {
      for (String prefix : List.of("get", "is")) {
        if (methodName.length() > prefix.length() && methodName.startsWith(prefix)
            && Character.isUpperCase(methodName.charAt(prefix.length()))) {
          String rest = methodName.substring(prefix.length());
          return rest.substring(0, 1).toLowerCase(Locale.ROOT) + rest.substring(1);
        }
      }
      return methodName;
    }
  }
}
