
-- Pulse schema, version 2 (PostgreSQL 14+): the dead-letter store. ${prefix} is the configured table prefix.
-- The primary key is exactly the key JdbcDeadLetterStore's upsert names in ON CONFLICT.

CREATE TABLE ${prefix}dead_letters (
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
  CONSTRAINT ${prefix}dead_letters_key PRIMARY KEY (tenant, entity_type, scope_key, natural_key)
);
