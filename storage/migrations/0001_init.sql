-- Factdesk schema v1.
-- Every row has a UUID (v7) identity, created/updated at and by, and a tombstone
-- (deleted_at/deleted_by) instead of DELETE. seq is a local INTEGER PRIMARY KEY so that
-- VACUUM (used to save copies) keeps the rowids the full-text indexes refer to.
-- Times are UTC text of fixed width (2006-01-02T15:04:05.000000Z), so they sort as text.

CREATE TABLE reviewers (
    seq        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    deleted_by TEXT
) STRICT;

CREATE TABLE articles (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    sha256      TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL DEFAULT '',
    outlet      TEXT NOT NULL DEFAULT '',
    byline      TEXT NOT NULL DEFAULT '',
    url         TEXT NOT NULL DEFAULT '',
    language    TEXT NOT NULL DEFAULT '',
    published   TEXT NOT NULL DEFAULT '',
    origin      TEXT NOT NULL DEFAULT '',
    format      TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL,
    removed     TEXT NOT NULL DEFAULT '', -- boilerplate lines removed at import, one per line
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL REFERENCES reviewers(id),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL REFERENCES reviewers(id),
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL REFERENCES reviewers(id),
    deleted_at  TEXT,
    deleted_by  TEXT REFERENCES reviewers(id)
) STRICT;

-- The text of a stored article never changes: claims anchor to it by offsets.
CREATE TRIGGER articles_text_immutable BEFORE UPDATE OF text, sha256 ON articles
BEGIN
    SELECT RAISE(ABORT, 'article text is immutable');
END;

CREATE TABLE claims (
    seq        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    article_id TEXT NOT NULL REFERENCES articles(id),
    rune_start INTEGER NOT NULL,
    rune_end   INTEGER NOT NULL,
    exact      TEXT NOT NULL,
    prefix     TEXT NOT NULL DEFAULT '',
    suffix     TEXT NOT NULL DEFAULT '',
    verdict    TEXT NOT NULL DEFAULT 'unverified' CHECK (verdict IN ('confirmed', 'disputed', 'unverified')),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES reviewers(id),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES reviewers(id),
    deleted_at TEXT,
    deleted_by TEXT REFERENCES reviewers(id),
    CHECK (rune_start >= 0 AND rune_start < rune_end)
) STRICT;
CREATE INDEX claims_by_article ON claims(article_id, rune_start);

CREATE TABLE sources (
    seq        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    url        TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL DEFAULT '',
    publisher  TEXT NOT NULL DEFAULT '',
    accessed   TEXT NOT NULL DEFAULT '',
    quote      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES reviewers(id),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES reviewers(id),
    deleted_at TEXT,
    deleted_by TEXT REFERENCES reviewers(id)
) STRICT;

-- A link ties a claim to a source or to another claim.
CREATE TABLE links (
    seq             INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    claim_id        TEXT NOT NULL REFERENCES claims(id),
    relation        TEXT NOT NULL CHECK (relation IN ('supports', 'contradicts', 'same')),
    source_id       TEXT REFERENCES sources(id),
    target_claim_id TEXT REFERENCES claims(id),
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL REFERENCES reviewers(id),
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL REFERENCES reviewers(id),
    deleted_at      TEXT,
    deleted_by      TEXT REFERENCES reviewers(id),
    CHECK ((source_id IS NULL) <> (target_claim_id IS NULL)),
    CHECK (target_claim_id IS NULL OR target_claim_id <> claim_id)
) STRICT;
CREATE INDEX links_by_claim ON links(claim_id);
CREATE INDEX links_by_target ON links(target_claim_id) WHERE target_claim_id IS NOT NULL;
CREATE INDEX links_by_source ON links(source_id) WHERE source_id IS NOT NULL;

-- The append-only log of every change: the audit trail and the input of merges.
-- field is the column changed, or 'create' / 'delete' for a whole row (new holds the
-- created row as JSON).
CREATE TABLE history (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    at          TEXT NOT NULL,
    reviewer_id TEXT NOT NULL REFERENCES reviewers(id),
    tbl         TEXT NOT NULL,
    row_id      TEXT NOT NULL,
    field       TEXT NOT NULL,
    old         TEXT,
    new         TEXT
) STRICT;
CREATE INDEX history_by_row ON history(row_id, at);

CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;

-- Full-text search, accent- and case-insensitive, over article text and claim quotes and notes.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='seq',
    tokenize="unicode61 remove_diacritics 2"
);
CREATE VIRTUAL TABLE claims_fts USING fts5(
    exact, note, content='claims', content_rowid='seq',
    tokenize="unicode61 remove_diacritics 2"
);
