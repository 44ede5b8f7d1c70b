/**
 * Test support for Pulse users and plugin authors: abstract JUnit 5 contract suites for every SPI,
 * a fake clock, a reference in-memory connector and fake vendor servers.
 */
@NullMarked
package dev.pulse.testkit;

import org.jspecify.annotations.NullMarked;
