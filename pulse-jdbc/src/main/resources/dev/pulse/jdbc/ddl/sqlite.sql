-- Plain DDL for users who run their own migrations: migration/sqlite/V1__pulse_schema.sql, V2__dead_letters.sql, V4__pull_request_components.sql, V5__issue_sprint_changes.sql, V6__deployment_components.sql, V7__issue_transitions_digest.sql and V8__deployment_components_known.sql with the default
-- table prefix pulse_. Generated from the migrations; a test keeps them identical.
-- Pulse schema, version 1 (SQLite 3.35+). pulse_ is the configured table prefix.
-- Every unique constraint is exactly the key its upsert names in ON CONFLICT.

CREATE TABLE pulse_watermarks (
  tenant           VARCHAR(128) NOT NULL,
  entity_type      VARCHAR(64)  NOT NULL,
  scope_key        VARCHAR(512) NOT NULL, -- '*' is the global row, beside the per-scope rows
  cursor_kind      CHAR(1)      NOT NULL, -- 'I' instant, 'T' token
  cursor_seconds   BIGINT,
  cursor_nanos     INTEGER,
  cursor_token     TEXT,
  tie_kind         SMALLINT     NOT NULL, -- 0 none, 1 number, 2 text
  tie_number       BIGINT       NOT NULL,
  tie_text         TEXT         NOT NULL,
  items_stored     BIGINT       NOT NULL,
  updated_seconds  BIGINT       NOT NULL,
  updated_nanos    INTEGER      NOT NULL,
  CONSTRAINT pulse_watermarks_key PRIMARY KEY (tenant, entity_type, scope_key)
);

CREATE TABLE pulse_progress (
  tenant       VARCHAR(128) NOT NULL,
  entity_type  VARCHAR(64)  NOT NULL,
  scope_key    VARCHAR(512) NOT NULL,
  status       VARCHAR(16)  NOT NULL,
  finished     INTEGER      NOT NULL,
  saved_at_us  BIGINT       NOT NULL, -- when the snapshot was saved, for retention
  snapshot     TEXT         NOT NULL, -- ProgressJson
  CONSTRAINT pulse_progress_key PRIMARY KEY (tenant, entity_type, scope_key)
);

-- Entity tables: instants are microseconds since the epoch (UTC); lists are JSON arrays of strings.

CREATE TABLE pulse_issues (
  tenant          VARCHAR(128) NOT NULL,
  source          VARCHAR(64)  NOT NULL,
  issue_key       VARCHAR(255) NOT NULL,
  scope_key       VARCHAR(512) NOT NULL,
  project_key     VARCHAR(255) NOT NULL,
  issue_type      VARCHAR(16)  NOT NULL,
  raw_status      TEXT         NOT NULL,
  status          VARCHAR(16)  NOT NULL,
  effort          REAL,
  effort_source   VARCHAR(32)  NOT NULL,
  sprint_ids      TEXT         NOT NULL,
  created_us      BIGINT       NOT NULL,
  started_us      BIGINT,
  completed_us    BIGINT,
  updated_us      BIGINT       NOT NULL,
  labels          TEXT         NOT NULL,
  parent_key      VARCHAR(255),
  CONSTRAINT pulse_issues_key PRIMARY KEY (tenant, source, issue_key)
);
CREATE INDEX pulse_issues_window ON pulse_issues (tenant, created_us);

CREATE TABLE pulse_issue_transitions (
  tenant      VARCHAR(128) NOT NULL,
  source      VARCHAR(64)  NOT NULL,
  issue_key   VARCHAR(255) NOT NULL,
  seq         INTEGER      NOT NULL,
  status      VARCHAR(16)  NOT NULL,
  raw_status  TEXT         NOT NULL,
  entered_us  BIGINT       NOT NULL,
  exited_us   BIGINT,
  CONSTRAINT pulse_issue_transitions_key PRIMARY KEY (tenant, source, issue_key, seq)
);

CREATE TABLE pulse_pull_requests (
  tenant            VARCHAR(128) NOT NULL,
  source            VARCHAR(64)  NOT NULL,
  repository        VARCHAR(512) NOT NULL,
  number            BIGINT       NOT NULL,
  scope_key         VARCHAR(512) NOT NULL,
  created_us        BIGINT       NOT NULL,
  first_commit_us   BIGINT,
  first_review_us   BIGINT,
  merged_us         BIGINT,
  closed_us         BIGINT,
  state             VARCHAR(16)  NOT NULL,
  base_branch       TEXT         NOT NULL,
  issue_keys        TEXT         NOT NULL,
  updated_us        BIGINT       NOT NULL,
  head_branch       TEXT,
  merge_commit_sha  VARCHAR(64),
  draft             INTEGER      NOT NULL,
  ready_us          BIGINT,
  first_approval_us BIGINT,
  additions         INTEGER      NOT NULL,
  deletions         INTEGER      NOT NULL,
  labels            TEXT         NOT NULL,
  revert            INTEGER      NOT NULL,
  reverted_number   BIGINT,
  CONSTRAINT pulse_pull_requests_key PRIMARY KEY (tenant, source, repository, number)
);
CREATE INDEX pulse_pull_requests_window ON pulse_pull_requests (tenant, created_us);

CREATE TABLE pulse_deployments (
  tenant       VARCHAR(128) NOT NULL,
  source       VARCHAR(64)  NOT NULL,
  repository   VARCHAR(512) NOT NULL,
  environment  VARCHAR(255) NOT NULL,
  build_id     VARCHAR(255) NOT NULL,
  scope_key    VARCHAR(512) NOT NULL,
  started_us   BIGINT       NOT NULL,
  finished_us  BIGINT,
  result       VARCHAR(16)  NOT NULL,
  commit_sha   VARCHAR(64),
  ref          TEXT,
  system       VARCHAR(64)  NOT NULL,
  updated_us   BIGINT       NOT NULL,
  CONSTRAINT pulse_deployments_key PRIMARY KEY (tenant, source, repository, environment, build_id)
);
CREATE INDEX pulse_deployments_window ON pulse_deployments (tenant, started_us);

CREATE TABLE pulse_sprints (
  tenant        VARCHAR(128) NOT NULL,
  source        VARCHAR(64)  NOT NULL,
  sprint_id     VARCHAR(255) NOT NULL,
  scope_key     VARCHAR(512) NOT NULL,
  board_id      VARCHAR(255) NOT NULL,
  name          TEXT         NOT NULL,
  status        VARCHAR(16),
  goal          TEXT,
  started_us    BIGINT,
  ended_us      BIGINT,
  completed_us  BIGINT,
  updated_us    BIGINT,
  CONSTRAINT pulse_sprints_key PRIMARY KEY (tenant, source, sprint_id)
);

CREATE TABLE pulse_incidents (
  tenant        VARCHAR(128) NOT NULL,
  source        VARCHAR(64)  NOT NULL,
  incident_id   VARCHAR(255) NOT NULL,
  scope_key     VARCHAR(512) NOT NULL,
  service       VARCHAR(255) NOT NULL,
  created_us    BIGINT       NOT NULL,
  resolved_us   BIGINT,
  caused_by     VARCHAR(255),
  updated_us    BIGINT       NOT NULL,
  CONSTRAINT pulse_incidents_key PRIMARY KEY (tenant, source, incident_id)
);
CREATE INDEX pulse_incidents_window ON pulse_incidents (tenant, created_us);

-- Pulse schema, version 2 (SQLite 3.35+): the dead-letter store. pulse_ is the configured table prefix.
-- The primary key is exactly the key JdbcDeadLetterStore's upsert names in ON CONFLICT.

CREATE TABLE pulse_dead_letters (
  tenant              VARCHAR(128) NOT NULL,
  entity_type         VARCHAR(64)  NOT NULL,
  scope_key           VARCHAR(512) NOT NULL,
  natural_key         VARCHAR(512) NOT NULL,
  reason_code         VARCHAR(64)  NOT NULL, -- ErrorCode name
  message             TEXT         NOT NULL, -- already sanitized by DeadLetter
  first_seen_seconds  BIGINT       NOT NULL,
  first_seen_nanos    INTEGER      NOT NULL,
  last_seen_seconds   BIGINT       NOT NULL,
  last_seen_nanos     INTEGER      NOT NULL,
  attempts            INTEGER      NOT NULL,
  payload             TEXT,
  CONSTRAINT pulse_dead_letters_key PRIMARY KEY (tenant, entity_type, scope_key, natural_key)
);

-- Pulse schema, version 4 (SQLite 3.35+): the monorepo components a pull request changed, as a JSON array of
-- names (never paths). pulse_ is the configured table prefix. Rows written before it read as no components.

ALTER TABLE pulse_pull_requests ADD COLUMN components TEXT NOT NULL DEFAULT '[]';

-- Pulse schema, version 5 (SQLite 3.35+): when each issue joined and left sprints, as a JSON array of
-- {"sprint", "action", "at_us"} objects (at_us in microseconds since the epoch, like every time column), and the
-- names of the source's components the issue belongs to, as a JSON array. pulse_ is the configured table
-- prefix. Rows written before it read as no sprint changes and no components.

ALTER TABLE pulse_issues ADD COLUMN sprint_changes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE pulse_issues ADD COLUMN components TEXT NOT NULL DEFAULT '[]';

-- Pulse schema, version 6 (SQLite 3.35+): the monorepo components a deployment changed since the previous successful
-- deployment of its environment, as a JSON array of names (never paths). pulse_ is the configured table
-- prefix. Rows written before it read as no components: not known, the whole repository.

ALTER TABLE pulse_deployments ADD COLUMN components TEXT NOT NULL DEFAULT '[]';

-- Pulse schema, version 7 (SQLite 3.35+): a digest of each issue's status transitions as the sink last stored them
-- (the leading 64 bits of SHA-256 over their canonical encoding; see TransitionsDigest), with which the sink
-- tells a newer version of an issue whose transitions did not change without reading them. A change detector
-- owned by the sink: readers read the transitions table. NULL means not known (rows written before this
-- version, and what anyone editing pulse_issue_transitions by hand must set): the sink then compares the
-- stored transitions exactly. pulse_ is the configured table prefix.

ALTER TABLE pulse_issues ADD COLUMN transitions_digest BIGINT;

-- Pulse schema, version 8 (SQLite 3.35+): whether a deployment's components are known, so that one which changed
-- no component (an empty list, known) differs from one not classified (not known: the whole repository). pulse_
-- is the configured table prefix. Rows written before it are known only when they name a component.

ALTER TABLE pulse_deployments ADD COLUMN components_known INTEGER NOT NULL DEFAULT 0;
UPDATE pulse_deployments SET components_known = 1 WHERE components <> '[]';
