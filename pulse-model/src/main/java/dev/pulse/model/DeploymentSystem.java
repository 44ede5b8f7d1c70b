package dev.pulse.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The system that recorded a deployment, such as Jenkins or GitHub's Deployments API.
 *
 * <p>An open value rather than an enum, so that a connector for a system Pulse does not know yet
 * (Argo CD, Spinnaker, ...) names it with {@link #of(String)} instead of a catch-all, and new
 * systems never break a user's exhaustive {@code switch}. A build id is unique only within its
 * repository and system: Jenkins build 42 and GitHub deployment 42 are different deployments.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the system's name: lower-case letters and digits, words joined by {@code -}, {@code
 *     .} or {@code _}, e.g. {@code jenkins}, {@code github-actions}
 */
public record DeploymentSystem(String name) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:[-._][a-z0-9]+)*");

  /** Jenkins builds or pipeline runs that deploy. */
  public static final DeploymentSystem JENKINS = new DeploymentSystem("jenkins");

  /**
   * GitHub's Deployments API, whatever created the deployment (Actions jobs with an {@code
   * environment:} create them, and so do other tools).
   */
  public static final DeploymentSystem GITHUB_DEPLOYMENTS =
      new DeploymentSystem("github-deployments");

  /** GitHub Actions workflow runs read as deployments without the Deployments API. */
  public static final DeploymentSystem GITHUB_ACTIONS = new DeploymentSystem("github-actions");

  /** GitLab's deployments API. */
  public static final DeploymentSystem GITLAB = new DeploymentSystem("gitlab");

  /**
   * Validates the name.
   *
   * @throws IllegalArgumentException if the name is not lower-case words as described above
   */
  public DeploymentSystem {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "deployment system name must be lower-case letters and digits joined by - . or _ but was \""
              + name
              + "\"");
    }
  }

  /**
   * Returns the system with a name.
   *
   * @param name the system's name, e.g. {@code argocd}
   * @return the system
   * @throws IllegalArgumentException if the name is not lower-case words
   */
  public static DeploymentSystem of(String name) {
    return new DeploymentSystem(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
