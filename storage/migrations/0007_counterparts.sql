-- Factdesk schema v3: the counterpart index (issue 13). Each sentence of each article, with the
-- keys annotate/counterpart computes for it (stems, translations, name keys, figures), so that
-- the sentences stating the same fact as a claim are found without reading every article.
-- It is derived data: built at import, and for articles that arrived otherwise (older files,
-- merges) by DB.IndexCounterparts; merges do not carry it.
CREATE TABLE counterpart_sentences (
    id          INTEGER PRIMARY KEY,
    article_seq INTEGER NOT NULL REFERENCES articles(seq),
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    language    TEXT NOT NULL,
    text        TEXT NOT NULL
);
CREATE INDEX counterpart_sentences_article ON counterpart_sentences(article_seq);
CREATE TABLE counterpart_terms (
    term        TEXT NOT NULL,
    sentence_id INTEGER NOT NULL REFERENCES counterpart_sentences(id),
    PRIMARY KEY (term, sentence_id)
) WITHOUT ROWID;
-- How many sentences have each term: rare terms are looked up first and weigh more.
CREATE TABLE counterpart_df (
    term TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
) WITHOUT ROWID;
-- The articles indexed, and with which version of the keys (an article indexed by an older
-- Factdesk whose keys differ is indexed again).
CREATE TABLE counterpart_indexed (
    article_seq INTEGER PRIMARY KEY REFERENCES articles(seq),
    scheme      INTEGER NOT NULL
);
