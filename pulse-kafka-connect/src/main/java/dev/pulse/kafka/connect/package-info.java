/**
 * The Kafka Connect adapter: {@link dev.pulse.kafka.connect.PulseSourceConnector} runs any Pulse
 * {@linkplain dev.pulse.spi.ConnectorProvider connector type} found on the worker's plugin path as
 * a Connect source connector, with exactly-once source support.
 *
 * <p>docs/scale-out.md says when to choose it over pulse-cluster, and how to set the worker up.
 */
@NullMarked
package dev.pulse.kafka.connect;

import org.jspecify.annotations.NullMarked;
