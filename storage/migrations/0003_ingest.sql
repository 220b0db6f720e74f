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
