// Command bench reads the output of Mentorbog's benchmarks (go test -bench
// with -count N, plus the RSS probe's and the LibreOffice baseline's
// lines, and the whole-process start probe's START and GUIRSS lines, see
// build/bench/startprobe) on stdin and prints one table: operation, size, median, budget,
// pass/fail, growth mellem→stor and the LibreOffice ratio. `make bench`
// runs it through build/bench/run.sh.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// budget is the limit for one benchmark (by name prefix).
type budget struct {
	prefix, label string
	limit         float64 // ns, or kB for RSS and GUIRSS; 0: the issue sets none
	perScreen     bool    // must grow < 2× from mellem to stor
}

var budgets = []budget{
	// The first frame (≤ 1 s) and login (≤ 1.5 s) are budgets of
	// their own, so the start to Oversigt is counted without the login's
	// Argon2id, and with it against the sum of both budgets.
	{"StartWithoutLogin", "Start til første billede af Oversigt, uden login", 1e9, true},
	{"StartToOverview", "  med login (budget: 1 s + login 1,5 s)", 2.5e9, true},
	{"StartToLogin", "  heraf start til login-billedet", 0, false},
	{"GUILogin", "  heraf login (Argon2id + datanøgle)", 1.5e9, false},
	{"OverviewFirstFrame", "Oversigt, første billede (data + widgets)", 1e9, true},
	{"OverviewWarnings", "Oversigt, advarsler (timeregnskab)", 50e6, true},
	{"WeekCalendar", "Ugekalender", 50e6, true},
	{"MonthCalendar", "Månedskalender", 50e6, true},
	{"CitizenSearch", "Borgersøgning pr. tast", 5e6, true},
	{"CitizenListFirstFrame", "Borgere, første billede (navn, CPR, telefon)", 0, false},
	{"SaveRegistration", "Gem registrering (fsync)", 10e6, true},
	{"Login", "Login (Argon2id + dekryptering)", 1.5e9, false},
	{"StatusReport", "Statusrapport, 100 møder", 15e6, false},
	{"MonthEnd", "Månedsafslutning, 400 forløb, 2 kerner", 4e9, false},
	{"GUIRSS", "Maks. RSS, GUI-proces med data (efter login)", 200 * 1024, false},
	{"GUILoginRSS", "  maks. RSS under login (Argon2id 32 MiB)", 200 * 1024, false},
	{"RSS", "Maks. RSS, testproces (Fyne-testdriver)", 200 * 1024, false},
}

// names tells whether a benchmark name is one of b's rows: the prefix
// alone, or followed by its sub-benchmark ("/size=…") or backend ("@pg"),
// so "Login" is not "LoginRSS".
func (b budget) names(name string) bool {
	rest, ok := strings.CutPrefix(name, b.prefix)
	return ok && (rest == "" || rest[0] == '/' || rest[0] == '@')
}

var benchLine = regexp.MustCompile(`^Benchmark(\S+?)(-\d+)?\s+\d+\s+([\d.]+) ns/op`)
var rssLine = regexp.MustCompile(`^RSS size=(\S+) maxrss_kb=(\d+)`)
var baseLine = regexp.MustCompile(`^BASELINE report libreoffice_ns=(\d+) mentorbog_ns=(\d+)`)

// The start probe's lines (build/bench/startprobe), one per run: the whole
// process from its exec to Oversigt's first frame without the typing, and
// the GUI process's peak RSS after Oversigt, Kalender and Borgere.
var startLine = regexp.MustCompile(`^START size=(\S+) login_ns=(\d+) overview_ns=(\d+) total_ns=(\d+) loginok_ns=(\d+)`)
var guiRSSLine = regexp.MustCompile(`^GUIRSS size=(\S+) maxrss_kb=(\d+)(?: login_peak_kb=(\d+))?`)

// results are the parsed lines: samples per benchmark name (in the order
// first seen) and the LibreOffice median per report.
type results struct {
	samples map[string][]float64
	order   []string
	loNS    float64
	// alternatedNS is Mentorbog's median report in the baseline's own
	// alternation: each one right after a LibreOffice conversion.
	alternatedNS float64
}

func (r *results) add(name string, v float64) {
	if _, ok := r.samples[name]; !ok {
		r.order = append(r.order, name)
	}
	r.samples[name] = append(r.samples[name], v)
}

// parse reads the benchmarks' output; other lines are skipped.
func parse(in io.Reader) (results, error) {
	r := results{samples: map[string][]float64{}}
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if m := benchLine.FindStringSubmatch(line); m != nil {
			v, _ := strconv.ParseFloat(m[3], 64)
			r.add(m[1], v)
		} else if m := rssLine.FindStringSubmatch(line); m != nil {
			v, _ := strconv.ParseFloat(m[2], 64)
			r.add("RSS/size="+m[1], v)
		} else if m := startLine.FindStringSubmatch(line); m != nil {
			var v [4]float64
			for i := range v {
				v[i], _ = strconv.ParseFloat(m[2+i], 64)
			}
			login, total, loginOK := v[0], v[2], v[3]
			r.add("StartToOverview/size="+m[1], total)
			r.add("StartWithoutLogin/size="+m[1], total-loginOK)
			r.add("StartToLogin/size="+m[1], login)
			r.add("GUILogin/size="+m[1], loginOK)
		} else if m := guiRSSLine.FindStringSubmatch(line); m != nil {
			v, _ := strconv.ParseFloat(m[2], 64)
			r.add("GUIRSS/size="+m[1], v)
			if m[3] != "" {
				login, _ := strconv.ParseFloat(m[3], 64)
				r.add("GUILoginRSS/size="+m[1], login)
			}
		} else if m := baseLine.FindStringSubmatch(line); m != nil {
			r.loNS, _ = strconv.ParseFloat(m[1], 64)
			r.alternatedNS, _ = strconv.ParseFloat(m[2], 64)
		}
	}
	if err := sc.Err(); err != nil {
		return results{}, fmt.Errorf("read benchmark output: %w", err)
	}
	return r, nil
}

func main() {
	r, err := parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	printTable(os.Stdout, r)
}

// printTable prints one row per benchmark and size, under its budget.
func printTable(out io.Writer, r results) {
	order, loNS := r.order, r.loNS
	medians := map[string]float64{}
	for name, s := range r.samples {
		s = slices.Clone(s)
		slices.Sort(s)
		medians[name] = s[len(s)/2]
	}
	fmt.Fprintf(out, "| %-53s | %-26s | %10s | %8s | %-4s | %-13s | %-11s |\n", "Operation", "Size", "Median", "Budget", "OK", "mellem→stor", "LibreOffice")
	fmt.Fprintf(out, "|%s|%s|%s|%s|%s|%s|%s|\n", strings.Repeat("-", 55), strings.Repeat("-", 28), strings.Repeat("-", 12), strings.Repeat("-", 10), strings.Repeat("-", 6), strings.Repeat("-", 15), strings.Repeat("-", 13))
	for _, b := range budgets {
		for _, name := range order {
			if !b.names(name) {
				continue
			}
			v := medians[name]
			size := strings.TrimPrefix(strings.TrimPrefix(name, b.prefix), "/")
			if size == "" {
				size = "size=mellem"
			}
			limit := b.limit
			if b.prefix == "SaveRegistration" && strings.HasSuffix(name, "@pg") {
				limit = 20e6 // a commit over loopback to a server: the PostgreSQL budget
			}
			ok := "pass"
			if limit == 0 {
				ok = "–"
			} else if v > limit {
				ok = "FAIL"
			}
			growth := ""
			if b.perScreen && strings.Contains(name, "size=stor") {
				if m, found := medians[strings.Replace(name, "size=stor", "size=mellem", 1)]; found && m > 0 {
					g := v / m
					growth = fmt.Sprintf("%.2f×", g)
					if g >= 2 {
						growth += " FAIL"
					}
				}
			}
			ratio := ""
			if loNS > 0 && b.prefix == "StatusReport" {
				ratio = fmt.Sprintf("%.0f×", loNS/v)
			}
			if loNS > 0 && b.prefix == "MonthEnd" {
				ratio = fmt.Sprintf("%.0f×", loNS*400/v)
			}
			fmt.Fprintf(out, "| %-53s | %-26s | %10s | %8s | %-4s | %-13s | %-11s |\n", b.label, size, show(b, v), show(b, limit), ok, growth, ratio)
		}
	}
	if loNS > 0 {
		fmt.Fprintf(out, "\nLibreOffice (soffice --headless --convert-to pdf), same status report: median %s per report.\n", time.Duration(loNS).Round(time.Millisecond))
	}
	if loNS > 0 && r.alternatedNS > 0 {
		fmt.Fprintf(out, "In alternation with it (each Mentorbog report right after a conversion): median %s, %.0f×.\n",
			time.Duration(r.alternatedNS).Round(10*time.Microsecond), loNS/r.alternatedNS)
	}
}

func show(b budget, v float64) string {
	if v == 0 {
		return "–"
	}
	if strings.HasSuffix(b.prefix, "RSS") { // kB
		return fmt.Sprintf("%.0f MB", v/1024)
	}
	return time.Duration(v).Round(time.Microsecond * 10).String()
}
