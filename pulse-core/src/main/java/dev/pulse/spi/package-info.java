/**
 * Service-provider interfaces that let Pulse be extended with new sources ({@link
 * dev.pulse.spi.Connector}, {@link dev.pulse.spi.PageFetcher}), destinations ({@link
 * dev.pulse.spi.Sink}) and stores ({@link dev.pulse.spi.WatermarkStore}, {@link
 * dev.pulse.spi.ProgressStore}).
 *
 * <p>{@code pulse-testkit} publishes abstract contract suites that implementations should extend:
 * {@code ConnectorContract} and {@code WatermarkStoreContract}, {@code ProgressStoreContract} for
 * progress stores. Implementations are registered explicitly; Pulse never installs one by itself.
 */
@NullMarked
package dev.pulse.spi;

import org.jspecify.annotations.NullMarked;
