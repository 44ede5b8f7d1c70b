-- Pulse cluster fences: one row per (tenant, entity type, scope). Each execution of a scope claims the
-- next generation; every transaction that stores a batch or moves the scope's watermark writes its
-- generation here and is rolled back unless it is still the current one.
CREATE TABLE pulse_cluster_fences (
  tenant              VARCHAR(128) NOT NULL,
  entity_type         VARCHAR(64)  NOT NULL,
  scope_key           VARCHAR(512) NOT NULL,
  generation          BIGINT       NOT NULL, -- the newest claim; older claims are superseded
  owner               TEXT         NOT NULL, -- the worker that made it, for operators
  claimed_us          BIGINT       NOT NULL, -- when, in microseconds since the epoch
  written_generation  BIGINT,                -- the generation of the last committed write
  written_us          BIGINT,
  CONSTRAINT pulse_cluster_fences_key PRIMARY KEY (tenant, entity_type, scope_key)
);
