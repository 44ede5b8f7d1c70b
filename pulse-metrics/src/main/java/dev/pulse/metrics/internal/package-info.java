/**
 * Implementation shared by the packages of {@code pulse-metrics}: not exported by the module, no
 * compatibility promise.
 */
@NullMarked
package dev.pulse.metrics.internal;

import org.jspecify.annotations.NullMarked;
