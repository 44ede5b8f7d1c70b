/**
 * A fake Jenkins for connector tests, examples and benchmarks: {@link
 * dev.pulse.testkit.fake.jenkins.FakeJenkins} serves folders, multibranch projects, jobs, builds
 * and pipeline stage descriptions shaped after Jenkins' JSON API.
 */
@NullMarked
package dev.pulse.testkit.fake.jenkins;

import org.jspecify.annotations.NullMarked;
