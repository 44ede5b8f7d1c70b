/**
 * Fake vendor servers for connector tests, examples and benchmarks: {@link
 * dev.pulse.testkit.fake.FakeHttpServer} (the JDK's HTTP server on loopback, with {@link
 * dev.pulse.testkit.fake.Fault fault injection}) and {@link dev.pulse.testkit.fake.FakeJson}; one
 * sub-package per vendor.
 */
@NullMarked
package dev.pulse.testkit.fake;

import org.jspecify.annotations.NullMarked;
