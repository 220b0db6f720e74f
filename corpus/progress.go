package corpus

import "context"

type progressKey struct{}

// WithProgress returns a context under which the slow readers (a long PDF, OCR) report what
// they are doing ("OCR of page 3 of 40") to fn. fn may be called from several goroutines.
func WithProgress(ctx context.Context, fn func(step string)) context.Context {
	return context.WithValue(ctx, progressKey{}, fn)
}

// Step is what a slow reader is doing: Text says it ("reading pages 26–50 of 500"), and Done
// of Total pages were read before it.
type Step struct {
	Text        string
	Done, Total int
}

// WithSteps is WithProgress with the pages done and to do, for a progress bar.
func WithSteps(ctx context.Context, fn func(Step)) context.Context {
	return context.WithValue(ctx, progressKey{}, fn)
}

// report tells the progress function of ctx, if any, what is being done: done of total
// pages were read before.
func report(ctx context.Context, step string, done, total int) {
	switch fn := ctx.Value(progressKey{}).(type) {
	case func(string):
		if fn != nil {
			fn(step)
		}
	case func(Step):
		if fn != nil {
			fn(Step{Text: step, Done: done, Total: total})
		}
	}
}
