package dev.pulse.metrics;

import dev.pulse.model.Deployment;
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
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Walks a type's structure looking for person-identifying names: record components, and for Pulse's
 * own non-record types their public getters and fields, recursing into component, return, array,
 * generic-argument, bound and sealed-subclass types. Types outside {@code dev.pulse} are not looked
 * into (only through their type arguments).
 */
final class PersonFieldWalker {

  /**
   * Words that name a person or a person's identifier; {@code e_?mail} covers email, e_mail and
   * eMail.
   */
  private static final String PERSON_STEMS =
      "author|assignee|reporter|committer|developer|contributor|creator"
          + "|reviewer|approver|owner|user|login|e_?mail|person";

  /**
   * Words the first blocklist let through (issue 14): a handle, an account id, a display name, an
   * avatar, the actor or sender of an event, a requester, an assignee, members, watchers, a lead.
   * Matched only as a whole word at the start ({@code actorId}, not {@code handler} or {@code
   * leadTime}) or as the last word ({@code triggeringActor}, {@code team_members}).
   */
  private static final String HANDLE_STEMS =
      "handles?|account_?ids?|display_?names?|avatar(?:_?url)?s?|actors?|senders?|requesters?"
          + "|assigned_?to|members?|watchers?|leads?|persons?|people";

  private static final String CAMEL_HANDLE_STEMS =
      "Handles?|AccountIds?|DisplayNames?|Avatar(?:Url)?s?|Actors?|Senders?|Requesters?"
          + "|AssignedTo|Members?|Watchers?|Leads?|Persons?|People";

  /**
   * Forbidden names, matched against the whole component name:
   *
   * <ul>
   *   <li>a stem as prefix, case-insensitively: {@code authorId}, {@code AUTHOR_NAME}, {@code
   *       username}, {@code ownerEmail}; except the permission words {@code authority}, {@code
   *       authorities} and {@code authorization}, which start with "author" but name no person;
   *   <li>a stem as suffix, singular or plural, case-insensitively: {@code prAuthor}, {@code
   *       prAuthors}, {@code teamUsers}, {@code contactEmails}, {@code resolved_user}, {@code
   *       codeOwners};
   *   <li>exactly {@code dev} or {@code devs};
   *   <li>"who did it" names (ADR-025: {@code ack_by}, {@code resolved_by}, {@code modified_by}):
   *       camel-case {@code ...By} ({@code mergedBy}, {@code ackBy}, {@code closedBy}) or
   *       snake-case {@code ..._by}, except the aggregation keys {@code groupBy}, {@code sortBy},
   *       {@code orderBy} and {@code partitionBy}. Lower-case {@code nearby} and {@code standby}
   *       are not "by" names;
   *   <li>the words of {@link #HANDLE_STEMS} as a whole first or last word.
   * </ul>
   *
   * <p>These rules are a hint that names the likely problem; the rule itself is the reviewed
   * allow-list of {@code AntiSurveillanceTest}.
   */
  static final List<Pattern> FORBIDDEN =
      List.of(
          Pattern.compile(
              "^(?!author(?:it(?:y|ies)|i[sz]ation))(?:" + PERSON_STEMS + ").*",
              Pattern.CASE_INSENSITIVE),
          Pattern.compile(".*(?:" + PERSON_STEMS + ")s?$", Pattern.CASE_INSENSITIVE),
          Pattern.compile("^devs?$", Pattern.CASE_INSENSITIVE),
          Pattern.compile(
              "^(?!(?i:(?:group|sort|order|partition)_?by)$).*(?:[a-z0-9]By|(?i:_by))$"),
          Pattern.compile("^(?!(?i:lead_?time))(?i:" + HANDLE_STEMS + ")(?![a-z]).*"),
          Pattern.compile(
              ".*(?:[a-z0-9](?:" + CAMEL_HANDLE_STEMS + ")|_(?i:" + HANDLE_STEMS + "))$"));

  /**
   * Record components whose name matches {@link #FORBIDDEN} but that name no person, as "declaring
   * class.component" with the exact component type they must have. An entry excuses only that
   * component of that record with that type; the walk still looks into the type. {@code
   * AntiSurveillanceTest} fails when an entry goes stale.
   *
   * <ul>
   *   <li>{@code PairedFailure.recoveredBy}: the successful {@link Deployment} that restored a
   *       failure, not the person who restored it.
   * </ul>
   */
  static final Map<String, Class<?>> ALLOWED_COMPONENTS =
      Map.of("dev.pulse.metrics.dora.PairedFailure.recoveredBy", Deployment.class);

  private PersonFieldWalker() {}

  static boolean isPersonName(String name) {
    return FORBIDDEN.stream().anyMatch(p -> p.matcher(name).matches());
  }

  /**
   * Returns every forbidden name reachable from a type, each as a path such as {@code
   * Outer.items<>.author}.
   */
  static List<String> violations(Type type) {
    Walk walk = new Walk();
    walk.type(type, typeName(type));
    return walk.violations;
  }

  /**
   * Returns the Pulse classes a walk from a type looks into; shows that the walk really recurses.
   */
  static Set<Class<?>> visitedPulseTypes(Type type) {
    Walk walk = new Walk();
    walk.type(type, typeName(type));
    return walk.visitedClasses;
  }

  /**
   * Returns every forbidden name reachable from the parameter and return types of a class's public
   * methods and constructors.
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
    // Types on the current path only: a type reached along two paths is walked (and reported) along
    // both, while a
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
      if (isPersonName(c.getSimpleName())) {
        violations.add(path + "{" + c.getSimpleName() + "}");
      }
      members(c, path);
      onPath.remove(c);
    }

    private void members(Class<?> c, String path) {
      if (c.isRecord()) {
        for (RecordComponent component : c.getRecordComponents()) {
          boolean allowed =
              component
                  .getType()
                  .equals(ALLOWED_COMPONENTS.get(c.getName() + "." + component.getName()));
          member(component.getName(), component.getGenericType(), path, allowed);
        }
      } else {
        for (Method method : c.getDeclaredMethods()) {
          if (Modifier.isPublic(method.getModifiers())
              && !Modifier.isStatic(method.getModifiers())
              && method.getParameterCount() == 0
              && !method.isSynthetic()
              && method.getReturnType() != void.class) {
            member(propertyName(method.getName()), method.getGenericReturnType(), path, false);
          }
        }
        for (Field field : c.getDeclaredFields()) {
          if (Modifier.isPublic(field.getModifiers())
              && !field.isEnumConstant()
              && !field.isSynthetic()) {
            member(field.getName(), field.getGenericType(), path, false);
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

    private void member(String name, Type type, String path, boolean allowed) {
      String memberPath = path + "." + name;
      if (isPersonName(name) && !allowed) {
        violations.add(memberPath);
      }
      type(type, memberPath);
    }

    private static String propertyName(String methodName) {
      for (String prefix : List.of("get", "is")) {
        if (methodName.length() > prefix.length()
            && methodName.startsWith(prefix)
            && Character.isUpperCase(methodName.charAt(prefix.length()))) {
          String rest = methodName.substring(prefix.length());
          return rest.substring(0, 1).toLowerCase(Locale.ROOT) + rest.substring(1);
        }
      }
      return methodName;
    }
  }
}
