/**
 * Service-provider interfaces that let Pulse be extended with new sources ({@link dev.pulse.spi.Connector},
 * {@link dev.pulse.spi.PageFetcher}), destinations ({@link dev.pulse.spi.Sink}) and stores
 * ({@link dev.pulse.spi.WatermarkStore}, {@link dev.pulse.spi.ProgressStore}).
 *
 * <p>Every SPI here has an abstract contract suite in {@code pulse-testkit} that an implementation should
 * extend. Implementations are registered explicitly; Pulse never installs one by itself.
 */
@NullMarked
package dev.pulse.spi;

import org.jspecify.annotations.NullMarked;
