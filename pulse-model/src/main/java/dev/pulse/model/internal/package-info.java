/**
 * Helpers shared by Pulse's own modules. Not API: exported only to Pulse modules and free to change
 * in any release.
 */
@NullMarked
package dev.pulse.model.internal;

import org.jspecify.annotations.NullMarked;
