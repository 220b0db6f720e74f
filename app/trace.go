package app

import (
	"bufio"
	"image"
	"log"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// processStart approximates the start of the process: package initialisation runs before
// main, a few milliseconds after exec.
var processStart = time.Now()

// tracer logs the timings that the performance budget is about (first window, pane open)
// and the resident memory, when FACTDESK_TRACE=1. Off, every method is a no-op.
//
// "Painted" is measured with a 1x1 transparent raster: the driver calls its generator only
// while drawing a frame, so the first call after a Refresh is the first frame that shows the
// change.
type tracer struct {
	on    bool
	probe *canvas.Raster

	mu         sync.Mutex
	pending    []pendingPaint
	painted    bool
	afterPaint []func() // run (through fyne.Do) once the first frame is drawn
}

type pendingPaint struct {
	what  string
	since time.Time
}

func newTracer() *tracer {
	t := &tracer{on: os.Getenv("FACTDESK_TRACE") == "1"}
	t.probe = canvas.NewRaster(t.generate)
	t.probe.SetMinSize(fyne.NewSize(1, 1))
	if t.on {
		t.pending = append(t.pending, pendingPaint{what: "first window painted", since: processStart})
	}
	return t
}

// mark logs an event with the time since the process started.
func (t *tracer) mark(what string) {
	if t == nil || !t.on {
		return
	}
	log.Printf("trace: %-28s at %6.1f ms, RSS %s, Go heap %s", what, ms(time.Since(processStart)), rss(), heap())
}

// span logs how long something took since start.
func (t *tracer) span(what string, start time.Time) {
	if t == nil || !t.on {
		return
	}
	log.Printf("trace: %-28s took %6.1f ms", what, ms(time.Since(start)))
}

// untilPainted logs, at the next frame drawn, how long it was since start.
func (t *tracer) untilPainted(what string, start time.Time) {
	if t == nil || !t.on {
		return
	}
	t.mu.Lock()
	t.pending = append(t.pending, pendingPaint{what: what, since: start})
	t.mu.Unlock()
	t.probe.Refresh()
}

// afterFirstPaint runs fn on the UI goroutine once the window's first frame is drawn (at
// once if it was drawn already): work that can wait does not delay the first frame, and its
// own timing is not mixed with the window's.
func (t *tracer) afterFirstPaint(fn func()) {
	t.mu.Lock()
	if !t.painted {
		t.afterPaint = append(t.afterPaint, fn)
		t.mu.Unlock()
		return
	}
	t.mu.Unlock()
	fn()
}

// generate is the probe's raster generator: called by the painter while drawing.
func (t *tracer) generate(w, h int) image.Image {
	t.mu.Lock()
	first := !t.painted
	t.painted = true
	after := t.afterPaint
	t.afterPaint = nil
	t.mu.Unlock()
	if first {
		for _, fn := range after {
			fyne.Do(fn)
		}
	}
	if t.on {
		t.mu.Lock()
		done := t.pending
		t.pending = nil
		t.mu.Unlock()
		for _, p := range done {
			log.Printf("trace: %-28s after %6.1f ms, RSS %s, Go heap %s", p.what, ms(time.Since(p.since)), rss(), heap())
			if p.since == processStart {
				log.Printf("trace: %-28s after %6.0f ms since the process started (kernel clock, ±10 ms)", p.what, sinceExec())
			}
		}
	}
	return image.NewNRGBA(image.Rect(0, 0, max(w, 1), max(h, 1)))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// heap is the Go heap in use, as "12.3 MB".
func heap() string {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	inUse := m.HeapInuse
	runtime.GC() // tracing only: the live heap, without the garbage not yet collected
	runtime.ReadMemStats(&m)
	return mbBytes(inUse) + " (live " + mbBytes(m.HeapAlloc) + ")"
}

func mbBytes(n uint64) string { return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB" }

// rss is the resident set size of the process, and the part of it that is the process's own
// (private pages; the rest is shared libraries such as the GL driver), from /proc (Linux), as
// "207.0 MB (private 96.4 MB)".
func rss() string {
	total := procKB("/proc/self/status", "VmRSS:")
	if total < 0 {
		return "n/a"
	}
	s := mb(total)
	clean, dirty := procKB("/proc/self/smaps_rollup", "Private_Clean:"), procKB("/proc/self/smaps_rollup", "Private_Dirty:")
	if clean >= 0 && dirty >= 0 {
		s += " (private " + mb(clean+dirty) + ")"
	}
	return s
}

func mb(kb int) string { return strconv.FormatFloat(float64(kb)/1024, 'f', 1, 64) + " MB" }

// procKB reads the "key: N kB" line of a /proc file; -1 when it is not there.
func procKB(path, key string) int {
	f, err := os.Open(path)
	if err != nil {
		return -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if fields := strings.Fields(sc.Text()); len(fields) >= 2 && fields[0] == key {
			if kb, err := strconv.Atoi(fields[1]); err == nil {
				return kb
			}
		}
	}
	return -1
}

// probeObject is the probe to place somewhere always visible (the status bar).
func (t *tracer) probeObject() fyne.CanvasObject { return t.probe }

// sinceExec is how long ago the process started, in milliseconds, from the kernel's record
// (/proc/self/stat start time against /proc/uptime, both in hundredths of a second): unlike
// processStart it counts the runtime's and every package's initialisation. -1 when unknown.
func sinceExec() float64 {
	stat, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return -1
	}
	// The command name (field 2) may hold spaces: count fields after its closing parenthesis.
	s := string(stat)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return -1
	}
	fields := strings.Fields(s[i+1:])
	if len(fields) < 20 {
		return -1
	}
	start, err := strconv.ParseFloat(fields[19], 64) // field 22: start time in clock ticks
	if err != nil {
		return -1
	}
	up, err := os.ReadFile("/proc/uptime")
	if err != nil {
		return -1
	}
	f := strings.Fields(string(up))
	if len(f) == 0 {
		return -1
	}
	uptime, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return -1
	}
	const ticks = 100 // USER_HZ on Linux
	return (uptime - start/ticks) * 1000
}
