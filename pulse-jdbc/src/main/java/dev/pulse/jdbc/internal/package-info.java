/**
 * Pulse-internal helpers shared with other Pulse modules (exported to them only); not an API, may
 * change in any release.
 */
@NullMarked
package dev.pulse.jdbc.internal;

import org.jspecify.annotations.NullMarked;
