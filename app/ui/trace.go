package ui

import (
	"fmt"
	"image"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// EnvTraceStartup names a file to which the GUI appends when its screens'
// first frames were drawn, for the whole-process start benchmark
// (build/bench/startprobe). Unset, nothing is traced and nothing is added
// to any window.
const EnvTraceStartup = "MENTORBOG_TRACE_STARTUP"

// StartupTrace appends one line per traced moment to a file:
//
//	frame <name> <ns since start> <unix ns>
//	event <name> <ns since start> <unix ns>
//
// where start is the moment package main took at the top of main() (after
// the Go runtime and package initialisation) and unix ns is the wall clock,
// so a probe that started the process can measure from its own exec.
// Names are screen names ("login", "overview", "calendar", ...) only: a
// trace never holds personal data. A nil *StartupTrace traces nothing.
//
// What "frame" means: the GL driver paints a window on its 60 Hz tick when
// its canvas is dirty, walking the whole object tree in one paint and
// swapping the buffers after it. A marker (a 1×1 transparent raster) is put
// beside the screen's content once the content is built and loaded; Fyne
// calls a raster's generator when the painter first makes its texture, so
// inside the first paint that contains the marker. The generator only
// queues the write with fyne.Do: the main loop runs queued functions
// between ticks, so the line is written right after that tick's paint and
// buffer swap. The timestamp is therefore "the first frame showing the
// finished screen has been handed to the display" (within the main loop's
// next turn; milliseconds at most). A fyne.Do queued right after
// SetContent would not do: the main loop may run it before the next tick
// paints anything.
type StartupTrace struct {
	path  string
	start time.Time

	mu   sync.Mutex
	seen map[string]bool
}

// NewStartupTrace traces to path, measuring from start; "" traces nothing
// (nil).
func NewStartupTrace(path string, start time.Time) *StartupTrace {
	if path == "" {
		return nil
	}
	return &StartupTrace{path: path, start: start, seen: map[string]bool{}}
}

// event records that something happened now (e.g. the login succeeded).
func (t *StartupTrace) event(name string) {
	if t == nil {
		return
	}
	t.write("event", name, time.Now())
}

// withMarker returns content with a marker that records "frame name" when
// first painted; content itself when tracing is off or name was traced.
func (t *StartupTrace) withMarker(name string, content fyne.CanvasObject) fyne.CanvasObject {
	mark := t.marker(name)
	if mark == nil {
		return content
	}
	return container.NewStack(content, mark)
}

// marker is an object that records "frame name" the first time it is
// painted, for a Stack beside the screen's content; nil when tracing is off
// or name has a marker already (only first frames are traced).
func (t *StartupTrace) marker(name string) fyne.CanvasObject {
	if t == nil {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.seen[name] {
		return nil
	}
	t.seen[name] = true
	var once sync.Once
	pixel := canvas.NewRaster(func(w, h int) image.Image {
		once.Do(func() { fyne.Do(func() { t.write("frame", name, time.Now()) }) })
		return image.NewNRGBA(image.Rect(0, 0, 1, 1)) // one transparent pixel
	})
	pixel.SetMinSize(fyne.NewSquareSize(1))
	pixel.Resize(fyne.NewSquareSize(1))
	// A container without layout keeps the raster at 1×1 in the corner,
	// whatever size the Stack gives it; neither takes taps or focus.
	return container.NewWithoutLayout(pixel)
}

// write appends one line; a failing trace file is reported once per line
// and never stops the app.
func (t *StartupTrace) write(kind, name string, at time.Time) {
	line := fmt.Sprintf("%s %s %d %d\n", kind, name, at.Sub(t.start).Nanoseconds(), at.UnixNano())
	t.mu.Lock()
	defer t.mu.Unlock()
	f, err := os.OpenFile(t.path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err == nil {
		_, err = f.WriteString(line)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fyne.LogError("startup trace", err)
	}
}
