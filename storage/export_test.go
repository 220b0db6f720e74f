package storage

// SetIndexChunk sets how many articles IndexCounterparts indexes per transaction, for a test
// of its progress and cancel with a few articles; it returns a function that restores it.
func SetIndexChunk(n int) (restore func()) {
	old := indexChunk
	indexChunk = n
	return func() { indexChunk = old }
}
