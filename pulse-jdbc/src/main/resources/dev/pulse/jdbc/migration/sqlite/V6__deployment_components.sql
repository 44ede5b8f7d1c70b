
-- Pulse schema, version 6 (SQLite 3.35+): the monorepo components a deployment changed since the previous successful
-- deployment of its environment, as a JSON array of names (never paths). ${prefix} is the configured table
-- prefix. Rows written before it read as no components: not known, the whole repository.

ALTER TABLE ${prefix}deployments ADD COLUMN components TEXT NOT NULL DEFAULT '[]';
