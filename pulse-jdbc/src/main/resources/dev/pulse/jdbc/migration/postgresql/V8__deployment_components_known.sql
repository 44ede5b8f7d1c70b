
-- Pulse schema, version 8 (PostgreSQL 14+): whether a deployment's components are known, so that one which changed
-- no component (an empty list, known) differs from one not classified (not known: the whole repository). ${prefix}
-- is the configured table prefix. Rows written before it are known only when they name a component.

ALTER TABLE ${prefix}deployments ADD COLUMN components_known BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE ${prefix}deployments SET components_known = TRUE WHERE components <> '[]';
