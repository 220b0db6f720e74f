-- Factdesk schema: the evidence kept with an article imported from a PDF, a word-processor
-- file or a web address.
-- pages: for a paged document, a JSON array of the rune offsets where each page starts in text
-- ('' when the source has no pages), so a claim can say "p. 12".
-- ocr: 1 when the text was read from page images by OCR.
-- notes: what the reader left out or did (comments, tracked changes, OCR), one per line.
-- source_sha256: SHA-256 of the bytes read (the file, or the page as fetched).
-- fetched_at: when a web page was fetched ('' for files).
-- raw: the page as fetched, gzip-compressed (NULL for files); raw_type its Content-Type.
ALTER TABLE articles ADD COLUMN pages TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN ocr INTEGER NOT NULL DEFAULT 0 CHECK (ocr IN (0, 1));
ALTER TABLE articles ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN source_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN fetched_at TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN raw BLOB;
ALTER TABLE articles ADD COLUMN raw_type TEXT NOT NULL DEFAULT '';

-- A snapshot of a source's web page, kept so the source does not vanish: the page as fetched
-- (gzip-compressed) and its SHA-256, its main text, when, and the public archive's copy when the
-- Internet Archive's Save Page Now was asked for one. A snapshot never changes; a new fetch is a
-- new snapshot. Snapshots travel with shared files and merge by id.
CREATE TABLE source_snapshots (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    source_id   TEXT NOT NULL REFERENCES sources(id),
    url         TEXT NOT NULL,
    final_url   TEXT NOT NULL DEFAULT '',
    fetched_at  TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    text        TEXT NOT NULL DEFAULT '',
    raw         BLOB,
    raw_type    TEXT NOT NULL DEFAULT '',
    archive_url TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL REFERENCES reviewers(id),
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL REFERENCES reviewers(id),
    deleted_at  TEXT,
    deleted_by  TEXT REFERENCES reviewers(id)
) STRICT;
CREATE INDEX snapshots_by_source ON source_snapshots(source_id, fetched_at);
