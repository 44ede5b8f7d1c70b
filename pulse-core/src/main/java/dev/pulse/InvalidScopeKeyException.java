package dev.pulse;

/** Thrown when a string cannot be parsed as a {@link ScopeKey}; the message quotes the offending input. */
public final class InvalidScopeKeyException extends PulseException {
  private static final long serialVersionUID = 1L;

  private final String input;

  InvalidScopeKeyException(String input, String reason) {
    super("invalid scope key \"" + input + "\": " + reason
        + " (expected <source>:<dimension>:<value>, e.g. jira:project:BG, or *)", null);
    this.input = input;
  }

  /**
   * Returns the string that failed to parse.
   *
   * @return the raw input
   */
  public String input() {
    return input;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.INVALID_SCOPE_KEY;
  }
}
