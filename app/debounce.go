package app

import (
	"sync"
	"time"
)

// debouncer runs fn on the UI goroutine once things have been quiet for delay after the last
// Trigger, or at once on Flush (focus change, close: nothing is lost). do hands a function
// from the timer's goroutine to the UI goroutine (fyne.Do).
type debouncer struct {
	delay time.Duration
	fn    func()
	do    func(func())

	mu      sync.Mutex
	timer   *time.Timer
	pending bool
}

func newDebouncer(delay time.Duration, fn func(), do func(func())) *debouncer {
	return &debouncer{delay: delay, fn: fn, do: do}
}

// Trigger (re)starts the quiet period. Call it on the UI goroutine.
func (d *debouncer) Trigger() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.pending = true
	if d.timer != nil {
		d.timer.Stop()
	}
	d.timer = time.AfterFunc(d.delay, func() { d.do(d.Flush) })
}

// Flush runs fn now if a Trigger is pending. Call it on the UI goroutine.
func (d *debouncer) Flush() {
	d.mu.Lock()
	if d.timer != nil {
		d.timer.Stop()
		d.timer = nil
	}
	run := d.pending
	d.pending = false
	d.mu.Unlock()
	if run {
		d.fn()
	}
}

// Pending reports whether a run is waiting.
func (d *debouncer) Pending() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.pending
}

// Cancel drops a pending run.
func (d *debouncer) Cancel() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil {
		d.timer.Stop()
		d.timer = nil
	}
	d.pending = false
}
