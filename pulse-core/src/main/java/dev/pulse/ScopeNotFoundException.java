package dev.pulse;

/** Thrown when an operation names a scope that the source or store does not know. */
public final class ScopeNotFoundException extends PulseException {
  private static final long serialVersionUID = 1L;

  private final ScopeKey scope;

  /**
   * Creates the exception for a scope.
   *
   * @param scope the scope that was not found
   */
  public ScopeNotFoundException(ScopeKey scope) {
    super("scope not found: " + scope, null);
    this.scope = scope;
  }

  /**
   * Returns the scope that was not found.
   *
   * @return the scope key
   */
  public ScopeKey scope() {
    return scope;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.SCOPE_NOT_FOUND;
  }
}
