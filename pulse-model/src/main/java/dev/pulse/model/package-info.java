/**
 * The canonical model: immutable records that connectors produce and metric calculators consume.
 *
 * <p>By design no type in this package has a person-identifying component (author, assignee,
 * reporter, committer, user, login, e-mail): identities never leave a connector, so no metric can
 * be computed per person.
 */
@NullMarked
package dev.pulse.model;

import org.jspecify.annotations.NullMarked;
