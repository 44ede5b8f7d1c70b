-- Pulse schema, version 3 (PostgreSQL 14+): free space in each page of the tables whose rows are updated in place.
-- ${prefix} is the configured table prefix.
-- An upsert that changes no indexed column can write the new row version into the same page (a HOT update: no
-- index entry written, the old version pruned on a later visit) only if that page has room. Issues, their
-- transitions and pull requests are rewritten whenever the source reports a change; at the default fillfactor
-- of 100 their pages fill up on insert and every later update moves the row and writes a new entry into each
-- index. 70 leaves room for those updates. It applies to pages written from now on; tables filled before this
-- version keep their packed pages until rewritten (VACUUM FULL or CLUSTER, at the operator's choice).

ALTER TABLE ${prefix}issues SET (fillfactor = 70);
ALTER TABLE ${prefix}issue_transitions SET (fillfactor = 70);
ALTER TABLE ${prefix}pull_requests SET (fillfactor = 70);
