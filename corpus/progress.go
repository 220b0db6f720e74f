package corpus

import "context"

type progressKey struct{}

// WithProgress returns a context under which the slow readers (a long PDF, OCR) report what
// they are doing ("OCR of page 3 of 40") to fn. fn may be called from several goroutines.
func WithProgress(ctx context.Context, fn func(step string)) context.Context {
	return context.WithValue(ctx, progressKey{}, fn)
}

// report tells the progress function of ctx, if any, what is being done.
func report(ctx context.Context, step string) {
	if fn, ok := ctx.Value(progressKey{}).(func(string)); ok && fn != nil {
		fn(step)
	}
}
