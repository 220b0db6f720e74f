-- Factdesk schema v3: facts about the file itself, one value per key. 'written-by' is the
-- version of Factdesk that last changed the file, so that a version too old to open it can
-- say which version to install.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
