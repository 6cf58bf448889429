package main

import (
	"strings"
	"testing"
)

// probeOutput is what build/bench/startprobe prints for one run (its
// TestResultLines checks it prints exactly these lines), between the lines
// of go test -bench and the test-process RSS probe.
const probeOutput = `
BenchmarkOverviewFirstFrame/size=stor-2         	       5	 412000000 ns/op
RSS size=stor maxrss_kb=150000
START size=stor login_ns=700000000 overview_ns=1200000000 total_ns=1900000000 loginok_ns=550000000 premain_ns=20000000
GUIRSS size=stor maxrss_kb=330484 login_peak_kb=240100 login_rss_kb=181748 anon_kb=214628 file_kb=98264
START size=stor login_ns=600000000 overview_ns=200000000 total_ns=800000000 loginok_ns=150000000 premain_ns=20000000
GUIRSS size=stor maxrss_kb=190000 login_peak_kb=221000 login_rss_kb=181748 anon_kb=214628 file_kb=98264
START size=stor login_ns=650000000 overview_ns=250000000 total_ns=900000000 loginok_ns=150000000 premain_ns=20000000
GUIRSS size=stor maxrss_kb=180000 login_peak_kb=222000 login_rss_kb=181748 anon_kb=214628 file_kb=98264
startprobe: screenshot /tmp/x.png
`

// TestParseStartProbeLines: the probe's START and GUIRSS lines become
// samples of their own rows, apart from the test process's RSS.
func TestParseStartProbeLines(t *testing.T) {
	r, err := parse(strings.NewReader(probeOutput))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]float64{
		"OverviewFirstFrame/size=stor": {412e6},
		"RSS/size=stor":                {150000},
		"StartToOverview/size=stor":    {1.9e9, 0.8e9, 0.9e9},
		"StartToLogin/size=stor":       {0.7e9, 0.6e9, 0.65e9},
		"StartWithoutLogin/size=stor":  {1.35e9, 0.65e9, 0.75e9},
		"GUILogin/size=stor":           {0.55e9, 0.15e9, 0.15e9},
		"GUIRSS/size=stor":             {330484, 190000, 180000},
		"GUILoginRSS/size=stor":        {240100, 221000, 222000},
	}
	for name, samples := range want {
		got := r.samples[name]
		if len(got) != len(samples) {
			t.Errorf("%s: samples %v, want %v", name, got, samples)
			continue
		}
		for i := range got {
			if got[i] != samples[i] {
				t.Errorf("%s: samples %v, want %v", name, got, samples)
				break
			}
		}
	}
	if len(r.samples) != len(want) {
		t.Errorf("parsed %d rows, want %d: %v", len(r.samples), len(want), r.order)
	}
}

// TestTableShowsWholeProcessRows: the medians land in their labelled rows
// against the budgets (1 s; 200 MB), the two RSS rows stay apart.
func TestTableShowsWholeProcessRows(t *testing.T) {
	r, err := parse(strings.NewReader(probeOutput))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	printTable(&out, r)
	table := out.String()
	for _, want := range []string{
		"| Start til første billede af Oversigt, uden login      | size=stor                  |      750ms |       1s | pass |",
		"|   med login (budget: 1 s + login 1,5 s)               | size=stor                  |      900ms |     2.5s | pass |",
		"|   heraf start til login-billedet                      | size=stor                  |      650ms |        – | –    |",
		"|   heraf login (Argon2id + datanøgle)                  | size=stor                  |      150ms |     1.5s | pass |",
		"| Maks. RSS, GUI-proces med data (efter login)          | size=stor                  |     186 MB |   200 MB | pass |",
		"|   maks. RSS under login (Argon2id 32 MiB)             | size=stor                  |     217 MB |   200 MB | FAIL |",
		"| Maks. RSS, testproces (Fyne-testdriver)               | size=stor                  |     146 MB |   200 MB | pass |",
	} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks\n%s\n%s", want, table)
		}
	}
	// Over the budget: one slow start is a failure of the row.
	slow, err := parse(strings.NewReader("START size=lille login_ns=700000000 overview_ns=1200000000 total_ns=1900000000 loginok_ns=100000000\n"))
	if err != nil {
		t.Fatal(err)
	}
	out.Reset()
	printTable(&out, slow)
	if !strings.Contains(out.String(), "|       1.8s |       1s | FAIL |") {
		t.Errorf("a 1.8 s start without the login does not fail its 1 s budget:\n%s", out.String())
	}
}

// TestBudgetNamesItsOwnRowsOnly: a budget takes its benchmark with a size
// or backend, never another benchmark whose name starts the same.
func TestBudgetNamesItsOwnRowsOnly(t *testing.T) {
	login := budget{prefix: "Login"}
	for name, want := range map[string]bool{
		"Login": true, "Login/size=stor": true, "Login/size=mellem@pg": true, "Login@pg": true,
		"LoginRSS/size=stor": false, "GUILogin/size=stor": false, "Log": false,
	} {
		if got := login.names(name); got != want {
			t.Errorf("Login names %q = %v, want %v", name, got, want)
		}
	}
}

// TestTableShowsBothLibreOfficeRatios: the column compares LibreOffice's
// median with the benchmark's; the footer adds the baseline's own
// alternation.
func TestTableShowsBothLibreOfficeRatios(t *testing.T) {
	r, err := parse(strings.NewReader("BenchmarkStatusReport-2   20   6000000 ns/op\n" +
		"BASELINE report libreoffice_ns=1500000000 mentorbog_ns=7500000 ratio=200\n"))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	printTable(&out, r)
	for _, want := range []string{"| 250×", "median 1.5s per report", "median 7.5ms, 200×"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, out.String())
		}
	}
}
