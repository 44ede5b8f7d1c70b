/**
 * Implementation details shared between Pulse modules. Not API: anything here may change in any release.
 */
@NullMarked
package dev.pulse.internal;

import org.jspecify.annotations.NullMarked;
