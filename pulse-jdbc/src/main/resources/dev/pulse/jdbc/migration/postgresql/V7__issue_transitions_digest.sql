
-- Pulse schema, version 7 (PostgreSQL 14+): a digest of each issue's status transitions as the sink last stored them
-- (the leading 64 bits of SHA-256 over their canonical encoding; see TransitionsDigest), with which the sink
-- tells a newer version of an issue whose transitions did not change without reading them. A change detector
-- owned by the sink: readers read the transitions table. NULL means not known (rows written before this
-- version, and what anyone editing ${prefix}issue_transitions by hand must set): the sink then compares the
-- stored transitions exactly. A row the sink inserted holds the digest's bitwise complement (~digest), which means
-- the same digest (see JdbcSink.upsertArrays for why). ${prefix} is the configured table prefix.

ALTER TABLE ${prefix}issues ADD COLUMN transitions_digest BIGINT;
