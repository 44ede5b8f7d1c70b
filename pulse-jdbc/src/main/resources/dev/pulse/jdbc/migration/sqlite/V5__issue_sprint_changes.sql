
-- Pulse schema, version 5 (SQLite 3.35+): when each issue joined and left sprints, as a JSON array of
-- {"sprint", "action", "at_us"} objects (at_us in microseconds since the epoch, like every time column), and the
-- names of the source's components the issue belongs to, as a JSON array. ${prefix} is the configured table
-- prefix. Rows written before it read as no sprint changes and no components.

ALTER TABLE ${prefix}issues ADD COLUMN sprint_changes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE ${prefix}issues ADD COLUMN components TEXT NOT NULL DEFAULT '[]';
