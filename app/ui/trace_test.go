package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestStartupTraceRecordsFirstPaintOnce: the marker writes "frame <name>"
// when the window is painted, once however often it is painted again, and
// a later event line follows it in the documented format.
func TestStartupTraceRecordsFirstPaintOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "trace")
	start := time.Now().Add(-time.Second)
	tr := NewStartupTrace(path, start)
	label := widget.NewLabel("Log ind")
	w := test.NewTempWindow(t, tr.withMarker("login", label))
	w.Resize(fyne.NewSize(300, 200))
	if _, err := os.Stat(path); err == nil {
		t.Fatal("the trace was written before anything was painted")
	}
	w.Canvas().Capture()
	w.Canvas().Capture()
	tr.event("login-ok")

	b, err := os.ReadFile(path)
	must(t, err)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one frame and one event line, got %q", lines)
	}
	for i, want := range []string{"frame login ", "event login-ok "} {
		f := strings.Fields(lines[i])
		if !strings.HasPrefix(lines[i], want) || len(f) != 4 {
			t.Fatalf("line %d = %q, want %q<ns> <unix ns>", i, lines[i], want)
		}
		since, err := time.ParseDuration(f[2] + "ns")
		must(t, err)
		if since < time.Second || since > time.Minute {
			t.Errorf("line %d: %s since start, want about a second", i, since)
		}
	}
	if tr.marker("login") != nil {
		t.Error("a second marker for the same screen: only first frames are traced")
	}
}

// TestStartupTraceOffChangesNothing: without MENTORBOG_TRACE_STARTUP the
// content is the screen's own and nothing is written.
func TestStartupTraceOffChangesNothing(t *testing.T) {
	tr := NewStartupTrace("", time.Now())
	label := widget.NewLabel("Log ind")
	if got := tr.withMarker("login", label); got != label {
		t.Errorf("withMarker without a trace wrapped the content: %T", got)
	}
	if tr.marker("overview") != nil {
		t.Error("a marker without a trace")
	}
	tr.event("login-ok") // must not panic on nil
}
