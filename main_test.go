package main

import (
	"testing"
	"time"

	"mentorbog/data"
)

// TestClockStartsAtTheBenchmarkDay: MENTORBOG_BENCH_NOW starts the clock at
// the given Danish time when the process started and lets it run on; unset
// or malformed, the real clock is used.
func TestClockStartsAtTheBenchmarkDay(t *testing.T) {
	started := time.Now().Add(-2 * time.Second)
	now := clock("2026-11-23T10:30", started)()
	want := time.Date(2026, time.November, 23, 10, 30, 2, 0, data.Zone())
	if d := now.Sub(want); d < 0 || d > time.Second {
		t.Errorf("clock = %s, want about %s (started two seconds ago)", now, want)
	}
	for _, env := range []string{"", "23-11-2026 10:30"} {
		if got := clock(env, started)(); time.Since(got) > time.Second || time.Since(got) < 0 {
			t.Errorf("MENTORBOG_BENCH_NOW=%q: clock = %s, want the real time", env, got)
		}
	}
}
