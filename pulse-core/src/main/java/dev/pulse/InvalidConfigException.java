package dev.pulse;

import java.util.List;

/**
 * Thrown when configuration is invalid; it reports every problem found at once, not just the first.
 *
 * <p>Each problem names the setting and the bad value, for example {@code "pageSize must be > 0 but
 * was 0"}.
 */
public final class InvalidConfigException extends PulseException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // List.copyOf always returns a serializable list.
  private final List<String> problems;

  /**
   * Creates the exception from a non-empty list of problems.
   *
   * @param problems one message per problem, in the order found
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public InvalidConfigException(List<String> problems) {
    super(render(problems), null);
    this.problems = List.copyOf(problems);
  }

  private static String render(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an InvalidConfigException needs at least one problem");
    }
    if (problems.size() == 1) {
      return "invalid configuration: " + problems.get(0);
    }
    return "invalid configuration ("
        + problems.size()
        + " problems):\n  - "
        + String.join("\n  - ", problems);
  }

  /**
   * Returns every problem found, in order.
   *
   * @return an immutable, non-empty list
   */
  public List<String> problems() {
    return problems;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.INVALID_CONFIG;
  }
}
