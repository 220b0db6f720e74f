-- Factdesk schema: the counterpart index made cheap enough to build at import (issue 13). The
-- tables of 0007 held one row per sentence and one per (key, sentence) plus a frequency table
-- updated per key: indexing cost about 20 times an article's own storage. Now each sentence is
-- one row of a contentless FTS5 table (no positions, no sizes: only which sentences have a key)
-- whose terms are the sentence's keys hashed to 16 hexadecimal digits, and each article one
-- row with its sentences' offsets. The key frequencies are FTS5's own (counterpart_vocab).
-- A sentence's rowid is its article's seq times 2^20 plus its number in the article.
-- Derived data: built at import and merge, and for older files by DB.IndexCounterparts.
DROP TABLE counterpart_terms;
DROP TABLE counterpart_df;
DROP TABLE counterpart_sentences;
DROP TABLE counterpart_indexed;
CREATE TABLE counterpart_articles (
    article_seq INTEGER PRIMARY KEY REFERENCES articles(seq),
    scheme      INTEGER NOT NULL,
    sentences   INTEGER NOT NULL,
    spans       BLOB NOT NULL
);
-- How many articles and sentences are indexed, counted without reading the spans.
CREATE INDEX counterpart_articles_scheme ON counterpart_articles(scheme, sentences);
CREATE VIRTUAL TABLE counterpart_keys USING fts5(
    keys, content='', detail=none, columnsize=0, tokenize='ascii'
);
CREATE VIRTUAL TABLE counterpart_vocab USING fts5vocab(counterpart_keys, 'row');
