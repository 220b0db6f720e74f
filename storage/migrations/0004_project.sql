-- Factdesk schema v3: the project's identity.
-- One row, made with the schema (or when this migration brings an older file up to date): a
-- random id naming this project. Copies saved to share keep it, so that Factdesk can tell an
-- earlier copy of this project (which a new copy may replace) from another project's database
-- (which it must not overwrite), and tell a -wal journal of this database from one of another
-- database (replayed, it would bring that database's row). Merges do not copy it.
CREATE TABLE project (
    id TEXT NOT NULL PRIMARY KEY
) STRICT;
INSERT INTO project(id) VALUES (lower(hex(randomblob(16))));
