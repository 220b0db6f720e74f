package storage

import (
	"database/sql"
	"slices"
	"testing"
)

// The postings of a batch whose articles straddle two buckets are written as one row per
// bucket, each with the sentence ids of its own articles, which decode back in order.
func TestPostingWriterSplitsBuckets(t *testing.T) {
	type row struct {
		bucket, term, chunk int64
		n                   int
		ids                 []int64
	}
	var rows []row
	w := newPostingWriter(func(q string, args ...any) (sql.Result, error) {
		if q == sqlCounterpartPostings {
			rows = append(rows, row{args[0].(int64), args[1].(int64), args[2].(int64), args[3].(int), decodeIDs(args[4].([]byte), nil)})
		}
		return nil, nil
	})
	last := int64(1)<<bucketBits - 1 // the last article of bucket 0, then the first of bucket 1
	for _, seq := range []int64{last, last + 1} {
		if err := w.add(seq, &CounterpartKeys{terms: [][]int64{{7, 9}, {7}}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.flush(); err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(rows, func(a, b row) int {
		if a.term != b.term {
			return int(a.term - b.term)
		}
		return int(a.bucket - b.bucket)
	})
	id := func(seq int64, i int64) int64 { return seq<<sentenceBits | i }
	want := []row{
		{0, 7, id(last, 0), 2, []int64{id(last, 0), id(last, 1)}},
		{1, 7, id(last+1, 0), 2, []int64{id(last+1, 0), id(last+1, 1)}},
		{0, 9, id(last, 0), 1, []int64{id(last, 0)}},
		{1, 9, id(last+1, 0), 1, []int64{id(last+1, 0)}},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows %+v, want %+v", rows, want)
	}
	for i := range want {
		if rows[i].bucket != want[i].bucket || rows[i].term != want[i].term || rows[i].chunk != want[i].chunk || rows[i].n != want[i].n || !slices.Equal(rows[i].ids, want[i].ids) {
			t.Errorf("row %d = %+v, want %+v", i, rows[i], want[i])
		}
	}
	if len(w.terms) != 0 {
		t.Errorf("flush kept %d keys", len(w.terms))
	}
}
