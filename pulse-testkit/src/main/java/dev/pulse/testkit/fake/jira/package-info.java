/**
 * A fake Jira Cloud for connector tests, examples and benchmarks: {@link
 * dev.pulse.testkit.fake.jira.FakeJira} and the issues it holds, {@link
 * dev.pulse.testkit.fake.jira.FakeIssue}.
 */
@NullMarked
package dev.pulse.testkit.fake.jira;

import org.jspecify.annotations.NullMarked;
