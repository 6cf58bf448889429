package main

import (
	"testing"
	"time"
)

// TestResultLines: the lines build/bench/main.go parses (its test feeds it
// these exact lines; change both together).
func TestResultLines(t *testing.T) {
	r := result{login: 700 * time.Millisecond, overview: 1200 * time.Millisecond, loginOK: 550 * time.Millisecond,
		preMain: 20 * time.Millisecond, maxRSSkB: 330484, loginPeakkB: 240100, loginRSSkB: 181748, anonkB: 214628, filekB: 98264}
	if got, want := r.startLine("stor"), "START size=stor login_ns=700000000 overview_ns=1200000000 total_ns=1900000000 loginok_ns=550000000 premain_ns=20000000"; got != want {
		t.Errorf("startLine = %q, want %q", got, want)
	}
	if got, want := r.rssLine("stor"), "GUIRSS size=stor maxrss_kb=330484 login_peak_kb=240100 login_rss_kb=181748 anon_kb=214628 file_kb=98264"; got != want {
		t.Errorf("rssLine = %q, want %q", got, want)
	}
}

// TestFindTraceLine reads the app's start trace (app/ui/trace.go's
// format): the first matching line's wall clock, nothing for a line still
// being written, and an error for a line in another format.
func TestFindTraceLine(t *testing.T) {
	trace := "frame login 1081081094 1795475404121499377\n" +
		"event login-ok 4690032327 1795475407730450590\n" +
		"frame overview 5045820558 1795475408086238831\n" +
		"frame overview 9045820558 1795475418086238831\n" +
		"frame calen"
	l, err := findTraceLine(trace, "frame", "overview")
	if err != nil || l.at.UnixNano() != 1795475408086238831 || l.since != 5045820558 {
		t.Errorf("overview = %+v, %v; want the first line's 5045820558 1795475408086238831", l, err)
	}
	l, err = findTraceLine(trace, "event", "login-ok")
	if err != nil || l.at.UnixNano() != 1795475407730450590 || l.since != 4690032327 {
		t.Errorf("login-ok = %+v, %v", l, err)
	}
	l, err = findTraceLine(trace, "frame", "calendar")
	if err != nil || !l.at.IsZero() {
		t.Errorf("an unfinished line = %+v, %v; want nothing yet", l, err)
	}
	for _, bad := range []string{"frame login 1081081094\n", "login 1 2 3\n", "frame login 1 x\n", "frame login x 1\n"} {
		if _, err := findTraceLine(bad, "frame", "login"); err == nil {
			t.Errorf("%q: no error for a line in another format", bad)
		}
	}
}

// TestParseProcStatus reads peak and current resident memory.
func TestParseProcStatus(t *testing.T) {
	status := "Name:\tmentorbog\nVmPeak:\t 2000000 kB\nVmHWM:\t  317104 kB\nVmRSS:\t  301000 kB\n"
	for field, want := range map[string]int64{"VmHWM": 317104, "VmRSS": 301000} {
		got, err := parseProcStatus(status, field)
		if err != nil || got != want {
			t.Errorf("%s = %d, %v; want %d", field, got, err, want)
		}
	}
	if _, err := parseProcStatus(status, "VmSwap"); err == nil {
		t.Error("no error for a missing field")
	}
	if _, err := parseProcStatus("VmHWM:\t317104 MB\n", "VmHWM"); err == nil {
		t.Error("no error for another unit")
	}
}
