package corpus

import "context"

type progressKey struct{}

// WithProgress returns a context under which the slow readers (a long PDF, OCR) report what
// they are doing ("OCR of page 3 of 40") to fn. fn may be called from several goroutines.
func WithProgress(ctx context.Context, fn func(step string)) context.Context {
	return context.WithValue(ctx, progressKey{}, fn)
}

// StepKind says which kind of step a slow reader is at, so that a front end can word it in
// its own language from the Step's facts; Text keeps the English words.
type StepKind string

// The kinds of steps.
const (
	// StepReadingPages: the text of pages First to Last of Total is being read.
	StepReadingPages StepKind = "reading-pages"
	// StepOCR: page First of Total is being recognised (OCR).
	StepOCR StepKind = "ocr"
	// StepListingFiles: the files of a folder are being listed.
	StepListingFiles StepKind = "listing-files"
)

// Step is what a slow reader is doing: Text says it ("reading pages 26–50 of 500"), and Done
// of Total pages were read before it. Kind, First and Last are the same step as facts.
type Step struct {
	Text        string
	Done, Total int
	Kind        StepKind
	First, Last int
}

// ListingFiles is the step of listing a folder's files.
var ListingFiles = Step{Text: "listing the files", Kind: StepListingFiles}

// WithSteps is WithProgress with the pages done and to do, for a progress bar.
func WithSteps(ctx context.Context, fn func(Step)) context.Context {
	return context.WithValue(ctx, progressKey{}, fn)
}

// report tells the progress function of ctx, if any, what is being done (step.Done of
// step.Total pages were read before).
func report(ctx context.Context, step Step) {
	switch fn := ctx.Value(progressKey{}).(type) {
	case func(string):
		if fn != nil {
			fn(step.Text)
		}
	case func(Step):
		if fn != nil {
			fn(step)
		}
	}
}
