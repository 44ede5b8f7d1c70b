/**
 * Implementation shared between Pulse's own modules. Not API: exported only to Pulse modules,
 * undocumented in the published Javadoc and free to change in any release.
 */
@NullMarked
package dev.pulse.internal;

import org.jspecify.annotations.NullMarked;
