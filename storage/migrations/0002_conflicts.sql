-- Factdesk schema v2: conflicts found when merging another reviewer's file.
-- A conflict holds one field of one row that two reviewers changed differently (a claim's
-- verdict or note), a row one deleted while the other edited it ('delete'), or a claim whose
-- quote is not in its article's text ('anchor'). Until a person resolves it, the local value
-- stays. Its id is derived from the row, the field and the two disagreeing history entries, so
-- both reviewers' merges record the same conflict once; conflicts travel with shared copies and
-- merge by id, a resolution winning over an open state.
CREATE TABLE conflicts (
    seq            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    tbl            TEXT NOT NULL CHECK (tbl IN ('reviewers', 'articles', 'sources', 'claims', 'links')),
    row_id         TEXT NOT NULL,
    field          TEXT NOT NULL CHECK (field IN ('verdict', 'note', 'delete', 'anchor')),
    -- The two sides, a the one whose history entry id sorts first: the value (for 'delete':
    -- 'deleted' or 'kept'), the history entry that made it, when and by whom.
    a_value        TEXT NOT NULL,
    a_entry        TEXT NOT NULL,
    a_at           TEXT NOT NULL,
    a_by           TEXT NOT NULL REFERENCES reviewers(id),
    b_value        TEXT NOT NULL,
    b_entry        TEXT NOT NULL,
    b_at           TEXT NOT NULL,
    b_by           TEXT NOT NULL REFERENCES reviewers(id),
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL REFERENCES reviewers(id),
    resolved_at    TEXT,
    resolved_by    TEXT REFERENCES reviewers(id),
    resolution     TEXT CHECK (resolution IN ('mine', 'theirs', 'edit')),
    resolved_value TEXT,
    CHECK ((resolved_at IS NULL) = (resolution IS NULL))
) STRICT;
CREATE INDEX conflicts_by_row ON conflicts(row_id, field);
