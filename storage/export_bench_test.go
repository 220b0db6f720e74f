package storage

// FTSQuery is the FTS5 MATCH expression Search builds from what a person types, for the
// benchmarks' baseline of a bare MATCH of the same expression.
var FTSQuery = ftsQuery
