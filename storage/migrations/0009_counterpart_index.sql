-- Factdesk schema: the counterpart index made cheap enough to build at import (issue 13). The
-- tables of 0007 held one row per sentence and one per (key, sentence) plus a frequency table
-- updated per key: indexing cost about 20 times an article's own storage. Now each article has
-- one row with its sentences' offsets, and each key one row per batch of articles indexed
-- together (an import's transaction, a merge) listing the sentences that have it: the keys of
-- a batch repeat, so a batch of 200 articles writes about 12 rows per article instead of 375.
-- A sentence's id is its article's seq times 2^20 plus its number among the article's indexed
-- sentences. Derived data: built at import and merge, and for older files by
-- DB.IndexCounterparts.
DROP TABLE counterpart_terms;
DROP TABLE counterpart_df;
DROP TABLE counterpart_sentences;
DROP TABLE counterpart_indexed;
CREATE TABLE counterpart_articles (
    article_seq INTEGER PRIMARY KEY REFERENCES articles(seq),
    scheme      INTEGER NOT NULL,
    sentences   INTEGER NOT NULL,
    spans       BLOB NOT NULL -- uvarints: each sentence's rune start less the previous end, and its length
);
-- Grouped by bucket (the article seq divided by 1024) so that a batch rewrites only the pages
-- of the latest bucket; a search looks a key up in each bucket.
CREATE TABLE counterpart_postings (
    bucket INTEGER NOT NULL, -- article seq >> 10
    term   INTEGER NOT NULL, -- the key's 64-bit FNV-1a hash
    chunk  INTEGER NOT NULL, -- the first sentence id of ids
    n      INTEGER NOT NULL, -- how many sentence ids
    ids    BLOB NOT NULL,    -- the sentence ids, ascending, as uvarint differences
    PRIMARY KEY (bucket, term, chunk)
) WITHOUT ROWID;
