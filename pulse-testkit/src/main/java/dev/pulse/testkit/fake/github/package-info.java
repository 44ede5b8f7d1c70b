/**
 * A fake GitHub (GraphQL pull requests and repositories, the Deployments REST API, GitHub App
 * installation tokens) for connector tests, examples and benchmarks: {@link
 * dev.pulse.testkit.fake.github.FakeGitHub}.
 */
@NullMarked
package dev.pulse.testkit.fake.github;

import org.jspecify.annotations.NullMarked;
