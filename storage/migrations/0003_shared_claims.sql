-- Factdesk schema v3: one span of one article is one claim, rated by every reviewer.
-- contested is 1 while the claim's reviewers gave different verdicts and nobody settled it
-- (its verdict column then reads 'unverified': no verdict nobody settled). The verdict and
-- contested columns are the desk's verdict, computed from the ratings in the history (each
-- reviewer's latest 'verdict' entry, withdrawn by an 'unrate' entry) and the latest 'settle'
-- entry, so two files that hold the same history hold the same verdict.
ALTER TABLE claims ADD COLUMN contested INTEGER NOT NULL DEFAULT 0 CHECK (contested IN (0, 1));

-- A claim made on a span that already had a claim (by two reviewers, met in a merge) became
-- that claim: the smaller id survives, the other is an alias of it (its row a tombstone), and
-- every id accepted from people or files resolves through this table. claim_id is always the
-- final survivor, so both sides of a merge hold the same rows.
CREATE TABLE claim_aliases (
    seq      INTEGER PRIMARY KEY,
    alias_id TEXT NOT NULL UNIQUE,
    claim_id TEXT NOT NULL,
    CHECK (alias_id <> claim_id)
) STRICT;
CREATE INDEX claim_aliases_by_claim ON claim_aliases(claim_id);
