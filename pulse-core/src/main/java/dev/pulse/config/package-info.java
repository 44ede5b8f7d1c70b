/**
 * Pipeline configuration: pipelines described in JSON or built in code, checked by one validator
 * that connects nowhere and reports every problem at once with its JSON path and error code.
 */
@NullMarked
package dev.pulse.config;

import org.jspecify.annotations.NullMarked;
