
-- Pulse schema, version 4 (PostgreSQL 14+): the monorepo components a pull request changed, as a JSON array of
-- names (never paths). ${prefix} is the configured table prefix. Rows written before it read as no components.

ALTER TABLE ${prefix}pull_requests ADD COLUMN components TEXT NOT NULL DEFAULT '[]';
