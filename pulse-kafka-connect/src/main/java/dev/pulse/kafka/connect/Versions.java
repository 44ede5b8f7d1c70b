package dev.pulse.kafka.connect;

/** The version Connect shows for Pulse's plugins: the jar's {@code Implementation-Version}. */
final class Versions {
  /** Shown when the classes do not come from a built jar (an IDE, Maven's test classpath). */
  static final String UNKNOWN = "unknown";

  private Versions() {}

  static String of(Class<?> type) {
    String version = type.getPackage().getImplementationVersion();
    return version == null ? UNKNOWN : version;
  }
}
