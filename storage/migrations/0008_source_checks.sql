-- Factdesk schema: each look at a source's live page against its last snapshot ("check
-- again"), kept with the source's snapshots so the desk knows when a page was last seen and
-- what became of it. A check never changes; checking again is a new check. Checks travel with
-- shared files and merge by id, like snapshots.
-- snapshot_id: the snapshot the live page was compared with.
-- url: the address fetched; final_url: where it led, after redirects ('' when it failed).
-- status: the HTTP status of the answer (0 when the site did not answer).
-- sha256: of the live page as fetched ('' when it failed).
-- page_changed: the page's bytes differ from the snapshot's; text_changed: its main text does.
-- error: why the page could not be fetched ('' when it was).
CREATE TABLE source_checks (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    source_id    TEXT NOT NULL REFERENCES sources(id),
    snapshot_id  TEXT NOT NULL REFERENCES source_snapshots(id),
    url          TEXT NOT NULL,
    final_url    TEXT NOT NULL DEFAULT '',
    checked_at   TEXT NOT NULL,
    status       INTEGER NOT NULL DEFAULT 0,
    sha256       TEXT NOT NULL DEFAULT '',
    page_changed INTEGER NOT NULL DEFAULT 0 CHECK (page_changed IN (0, 1)),
    text_changed INTEGER NOT NULL DEFAULT 0 CHECK (text_changed IN (0, 1)),
    error        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL REFERENCES reviewers(id),
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL REFERENCES reviewers(id),
    deleted_at   TEXT,
    deleted_by   TEXT REFERENCES reviewers(id)
) STRICT;
CREATE INDEX checks_by_source ON source_checks(source_id, checked_at);
