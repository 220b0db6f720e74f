package corpus

import (
	"context"
	"runtime"
	"sync"
)

// ParseFiles parses files on every core and calls fn for each, in the order of files, from
// the calling goroutine. It stops at the first error fn returns, or when ctx is cancelled, and
// returns that error. A file that fails to parse is passed to fn with its error; it does not stop
// the others.
func ParseFiles(ctx context.Context, files []string, fn func(i int, path string, a Article, err error) error) error {
	return ParseEach(ctx, len(files), func(i int) (Article, error) { return ParseFile(files[i]) },
		func(i int, a Article, err error) error { return fn(i, files[i], a, err) })
}

// ParseEach runs parse(0..n-1) on every core and calls fn with each result in index order, from
// the calling goroutine, as ParseFiles does for files.
func ParseEach(ctx context.Context, n int, parse func(i int) (Article, error), fn func(i int, a Article, err error) error) error {
	type result struct {
		a   Article
		err error
	}
	workers := runtime.GOMAXPROCS(0)
	if workers > n {
		workers = n
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// One channel per file keeps the order; a window of 4 files per worker bounds the memory.
	slots := make([]chan result, n)
	for i := range slots {
		slots[i] = make(chan result, 1)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				a, err := parse(i)
				slots[i] <- result{a, err}
			}
		}()
	}
	window := make(chan struct{}, 4*max(workers, 1))
	go func() {
		defer close(next)
		for i := 0; i < n; i++ {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	defer func() {
		cancel() // stop the feeder first, so the workers' range loop ends
		wg.Wait()
	}()
	for i := 0; i < n; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		var r result
		select {
		case r = <-slots[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		<-window
		if err := fn(i, r.a, r.err); err != nil {
			return err
		}
	}
	return ctx.Err()
}
