package dev.pulse;

/**
 * Thrown when a string cannot be parsed as a {@link ScopeKey}; the message quotes the offending
 * input.
 */
public final class InvalidScopeKeyException extends PulseException {
  private static final long serialVersionUID = 1L;

  private final String input;

  InvalidScopeKeyException(String input, String reason) {
    super(
        "invalid scope key \""
            + printable(input)
            + "\": "
            + reason
            + " (expected <source>:<dimension>:<value>, e.g. jira:project:BG, or *)",
        null);
    this.input = input;
  }

  // Control characters are escaped so that a hostile key cannot forge log lines.
  private static String printable(String input) {
    StringBuilder out = new StringBuilder(input.length());
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Returns the string that failed to parse, as quoted in the message: cut to its first 64
   * characters when it was longer than a scope key may be.
   *
   * @return the input
   */
  public String input() {
    return input;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.INVALID_SCOPE_KEY;
  }
}
