// Command startprobe measures the real Mentorbog GUI as a whole process,
// for `make bench` (build/bench/run.sh): for each benchmark size it starts
// the built binary under Xvfb on a copy of the cached benchmark database,
// logs in as the coordinator by typing into the window with xdotool, opens
// Kalender and Borgere, and prints per run
//
//	START size=<size> login_ns=<n> overview_ns=<n> total_ns=<n> loginok_ns=<n> premain_ns=<n>
//	GUIRSS size=<size> maxrss_kb=<n> login_peak_kb=<n> login_rss_kb=<n> anon_kb=<n> file_kb=<n>
//
// Each size begins with one start that is not counted, so the GL driver's
// shader cache is warm, as on a PC that has run Mentorbog before.
//
// login_ns: from just before the probe execs the binary to the first
// painted frame of the login window. overview_ns: from just before the
// probe sends the Return that submits the password (the xdotool process
// start is counted, a few ms) to the first painted frame of Oversigt with
// its data. total_ns is their sum: process start to Oversigt without the
// time spent typing. loginok_ns: the part of overview_ns until the login
// (Argon2id and decryption) succeeded. premain_ns: the part of login_ns
// before the app's main() began (exec, dynamic linking, Go runtime and
// package initialisation). maxrss_kb: the GUI process's peak resident
// memory (VmHWM) with the size's data loaded: from the login's end (the
// app's login-ok event, written once the login's Argon2id block is given
// back; the probe then resets the peak) while Oversigt, Kalender and
// Borgere are drawn. login_peak_kb: the peak before that, the login window
// and Argon2id's 32 MiB block (the same at every size); login_rss_kb its
// resident memory when the login window was drawn;
// anon_kb and file_kb split its resident memory at the end into anonymous
// memory (Go heap, GL buffers) and mapped files (the binary and shared
// libraries such as Mesa's LLVM, shared with other processes).
//
// The frames are read from the app's start trace (MENTORBOG_TRACE_STARTUP,
// app/ui/trace.go); the app's clock is set to the benchmark day
// (MENTORBOG_BENCH_NOW), so Oversigt shows the data's "today".
//
// Usage: go run ./build/bench/startprobe [-runs 3] [-shots dir] [-bin path]
// Sizes come from MENTORBOG_BENCH_SIZES as for the benchmarks.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"mentorbog/data"
	"mentorbog/data/demo"
	"mentorbog/data/demo/benchdb"
)

// The navigation rows of the main window (1200×760 at the window's
// top-left, dark theme, scale 1): x and the y of Oversigt's row, and the
// step between rows. A click that misses is caught: the probe waits for
// the section's frame in the trace and fails with a clear message.
const (
	navX, navFirstY, navStep = 100, 110, 39
)

// navOrder is the navigation's order for a coordinator (app/ui.Sections).
var navOrder = []string{"overview", "calendar", "citizens"}

type options struct {
	bin, shots string
	runs       int
	timeout    time.Duration
}

func main() {
	var o options
	flag.StringVar(&o.bin, "bin", "", "the Mentorbog binary (built from . when empty)")
	flag.StringVar(&o.shots, "shots", "", "a folder for a screenshot of Oversigt per size")
	flag.IntVar(&o.runs, "runs", 3, "runs per size")
	flag.DurationVar(&o.timeout, "timeout", 3*time.Minute, "the longest wait for one screen")
	flag.Parse()
	if err := run(context.Background(), o); err != nil {
		fmt.Fprintln(os.Stderr, "startprobe:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, o options) error {
	for _, tool := range []string{"Xvfb", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("%s is missing (./.ci/install-deps xvfb xdotool x11-utils)", tool)
		}
	}
	work, err := os.MkdirTemp("", "mentorbog-startprobe-")
	if err != nil {
		return fmt.Errorf("work folder: %w", err)
	}
	defer os.RemoveAll(work)
	if o.bin == "" {
		o.bin = filepath.Join(work, "mentorbog")
		build := exec.CommandContext(ctx, "go", "build", "-o", o.bin, ".")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("build the app: %w", err)
		}
	}
	x, err := startXvfb(ctx)
	if err != nil {
		return err
	}
	defer x.stop()
	for _, size := range benchdb.Sizes() {
		if err := probeSize(ctx, o, x.display, work, size); err != nil {
			return fmt.Errorf("%s: %w", size, err)
		}
	}
	return nil
}

// probeSize copies the cached database of size once and runs the app on
// the copy o.runs times.
func probeSize(ctx context.Context, o options, display, work string, size demo.Size) error {
	dir := filepath.Join(work, string(size))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("work folder: %w", err)
	}
	defer os.RemoveAll(dir)
	// A copy: the app migrates and writes (audit, backups) like a customer's.
	db, err := benchdb.Copy(ctx, size, dir)
	if err != nil {
		return err
	}
	// One start that is not counted: an office PC that has run Mentorbog
	// before has the GL driver's shader cache filled (kept in the probe's
	// work folder for all runs, see probeOnce); the very first start on a
	// PC compiles the shaders too (about 0.4 s more under llvmpipe).
	if _, err := probeOnce(ctx, o, display, dir, db, ""); err != nil {
		return fmt.Errorf("warm-up run: %w", err)
	}
	for i := 0; i < o.runs; i++ {
		shot := ""
		if o.shots != "" && i == 0 {
			shot = filepath.Join(o.shots, fmt.Sprintf("startprobe-%s-oversigt.png", size))
		}
		r, err := probeOnce(ctx, o, display, dir, db, shot)
		if err != nil {
			return fmt.Errorf("run %d: %w", i+1, err)
		}
		fmt.Println(r.startLine(size))
		fmt.Println(r.rssLine(size))
	}
	return nil
}

// result is one run's measurements (see the package comment).
type result struct {
	login, overview, loginOK, preMain time.Duration
	// maxRSSkB is the peak from the moment the login's memory was given
	// back (the "login-ok" event) to the end: the app with the size's data
	// loaded. loginPeakkB is the peak before that: the login window plus
	// Argon2id's 32 MiB block.
	maxRSSkB, loginPeakkB, loginRSSkB int64
	anonkB, filekB                    int64 // resident at the end: anonymous, and mapped files (libraries, the binary)
}

func (r result) startLine(size demo.Size) string {
	return fmt.Sprintf("START size=%s login_ns=%d overview_ns=%d total_ns=%d loginok_ns=%d premain_ns=%d",
		size, r.login.Nanoseconds(), r.overview.Nanoseconds(), (r.login + r.overview).Nanoseconds(), r.loginOK.Nanoseconds(), r.preMain.Nanoseconds())
}

func (r result) rssLine(size demo.Size) string {
	return fmt.Sprintf("GUIRSS size=%s maxrss_kb=%d login_peak_kb=%d login_rss_kb=%d anon_kb=%d file_kb=%d",
		size, r.maxRSSkB, r.loginPeakkB, r.loginRSSkB, r.anonkB, r.filekB)
}

// probeOnce starts the app on db, logs in as the coordinator, shows
// Kalender and Borgere, and reads the peak RSS before stopping the app.
func probeOnce(ctx context.Context, o options, display, dir, db, shot string) (result, error) {
	home := filepath.Join(dir, "home")
	os.RemoveAll(home) // fresh preferences each run: no saved database or window state
	for _, d := range []string{filepath.Join(home, ".cache"), filepath.Join(home, ".config"), filepath.Join(home, "run")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return result{}, fmt.Errorf("home folder: %w", err)
		}
	}
	tracePath := filepath.Join(dir, "trace")
	os.Remove(tracePath)
	user, err := coordinator()
	if err != nil {
		return result{}, err
	}
	app := exec.Command(o.bin, "--db", db)
	app.Env = append(os.Environ(),
		"HOME="+home, "XDG_RUNTIME_DIR="+filepath.Join(home, "run"),
		"XDG_CACHE_HOME=", "XDG_CONFIG_HOME=", "XDG_DATA_HOME=",
		"DISPLAY="+display, "LANG=da_DK.UTF-8",
		"MENTORBOG_DB=", "MENTORBOG_USER=", "MENTORBOG_PASSWORD=",
		"MENTORBOG_TRACE_STARTUP="+tracePath,
		// The shader cache lives outside the fresh home, as it outlives a
		// user's preferences on a real PC.
		"MESA_SHADER_CACHE_DIR="+filepath.Join(filepath.Dir(dir), "mesa-shader-cache"),
		"MENTORBOG_BENCH_NOW="+benchdb.Now().Format("2006-01-02T15:04"),
	)
	logPath := filepath.Join(dir, "app.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return result{}, fmt.Errorf("app log: %w", err)
	}
	defer logFile.Close()
	app.Stdout, app.Stderr = logFile, logFile
	exited := make(chan error, 1)
	started := time.Now()
	if err := app.Start(); err != nil {
		return result{}, fmt.Errorf("start the app: %w", err)
	}
	go func() { exited <- app.Wait() }()
	defer stopApp(app, exited)

	tr := trace{path: tracePath, exited: exited, log: logPath, timeout: o.timeout}
	loginFrame, err := tr.wait("frame", "login")
	if err != nil {
		return result{}, err
	}
	var r result
	r.login = loginFrame.at.Sub(started)
	r.preMain = r.login - loginFrame.since
	r.loginRSSkB, _ = procStatus(app.Process.Pid, "VmRSS")

	win, err := xdo(display, "search", "--sync", "--onlyvisible", "--name", "Mentorbog")
	if err != nil {
		return result{}, err
	}
	win = firstLine(win)
	// No window manager under Xvfb: the keyboard focus is set directly.
	if _, err := xdo(display, "mousemove", "--window", win, "100", "100"); err != nil {
		return result{}, err
	}
	if _, err := xdo(display, "windowfocus", "--sync", win); err != nil {
		return result{}, err
	}
	// The username field has the focus; Return moves on to the password,
	// Return logs in (as .ci/screenshot does).
	if _, err := xdo(display, "type", "--delay", "20", user.Username); err != nil {
		return result{}, err
	}
	if _, err := xdo(display, "key", "Return"); err != nil {
		return result{}, err
	}
	if _, err := xdo(display, "type", "--delay", "20", user.Password); err != nil {
		return result{}, err
	}
	submitted := time.Now()
	if _, err := xdo(display, "key", "Return"); err != nil {
		return result{}, err
	}
	// The app writes login-ok once the login's Argon2id block is given back
	// (app/ui/connection.go). The peak so far is the login's; from here on
	// it is the app with this size's data.
	if _, err := tr.wait("event", "login-ok"); err != nil {
		return result{}, fmt.Errorf("%w (a wrong password or a focus problem leaves the login on screen)", err)
	}
	if r.loginPeakkB, err = resetPeakRSS(app.Process.Pid); err != nil {
		return result{}, err
	}
	overviewFrame, err := tr.wait("frame", "overview")
	if err != nil {
		return result{}, fmt.Errorf("%w (a wrong password or a focus problem leaves the login on screen)", err)
	}
	r.overview = overviewFrame.at.Sub(submitted)
	if ok, err := tr.find("event", "login-ok"); err == nil && !ok.at.IsZero() {
		r.loginOK = ok.at.Sub(submitted)
	}
	if shot != "" {
		// Taken as soon as the trace has the frame: it shows what the
		// timestamp claims is on screen.
		if err := screenshot(display, shot); err != nil {
			return result{}, err
		}
	}
	// The login window is closed by now; the newest window is the main one.
	wins, err := xdo(display, "search", "--sync", "--onlyvisible", "--name", "Mentorbog")
	if err != nil {
		return result{}, err
	}
	mainWin := lastLine(wins)
	for i, section := range navOrder {
		if i == 0 {
			continue
		}
		y := strconv.Itoa(navFirstY + i*navStep)
		if _, err := xdo(display, "mousemove", "--window", mainWin, strconv.Itoa(navX), y, "click", "1"); err != nil {
			return result{}, err
		}
		if _, err := tr.wait("frame", section); err != nil {
			return result{}, fmt.Errorf("%w (the click on the navigation at %d,%s missed?)", err, navX, y)
		}
	}
	// The sections are drawn; let the painter and the GC settle a moment
	// before the peak is read.
	time.Sleep(500 * time.Millisecond)
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", app.Process.Pid))
	if err != nil {
		return result{}, fmt.Errorf("read the app's memory: %w", err)
	}
	for field, v := range map[string]*int64{"VmHWM": &r.maxRSSkB, "RssAnon": &r.anonkB, "RssFile": &r.filekB} {
		if *v, err = parseProcStatus(string(status), field); err != nil {
			return result{}, err
		}
	}
	return r, nil
}

// coordinator is the coordinator of the benchmark data (the demo users).
func coordinator() (demo.User, error) {
	for _, u := range demo.Users() {
		if u.Role == data.RoleCoordinator {
			return u, nil
		}
	}
	return demo.User{}, errors.New("no coordinator among the demo users")
}

// stopApp ends the app: SIGTERM, then SIGKILL after five seconds.
func stopApp(app *exec.Cmd, exited chan error) {
	if app.ProcessState != nil {
		return
	}
	_ = app.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		_ = app.Process.Kill()
		<-exited
	}
}

// trace reads the app's start trace (app/ui/trace.go).
type trace struct {
	path    string
	log     string
	exited  chan error
	timeout time.Duration
}

// wait polls the trace until it has the line kind name, and returns it;
// it fails when the app exits or the timeout passes.
func (t trace) wait(kind, name string) (traceLine, error) {
	deadline := time.Now().Add(t.timeout)
	for {
		l, err := t.find(kind, name)
		if err != nil {
			return traceLine{}, err
		}
		if !l.at.IsZero() {
			return l, nil
		}
		select {
		case err := <-t.exited:
			t.exited <- err // stopApp reads it too
			return traceLine{}, fmt.Errorf("the app exited before %s %s (%v); its log: %s", kind, name, err, tail(t.log))
		case <-time.After(5 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return traceLine{}, fmt.Errorf("no %s %s within %s; the app's log: %s", kind, name, t.timeout, tail(t.log))
		}
	}
}

// traceLine is one line of the start trace: the wall-clock time and the
// time since the app's main() began.
type traceLine struct {
	at    time.Time
	since time.Duration
}

// find returns the first line kind name, or a zero line.
func (t trace) find(kind, name string) (traceLine, error) {
	b, err := os.ReadFile(t.path)
	if errors.Is(err, os.ErrNotExist) {
		return traceLine{}, nil
	}
	if err != nil {
		return traceLine{}, fmt.Errorf("read the start trace: %w", err)
	}
	return findTraceLine(string(b), kind, name)
}

// findTraceLine finds the first "kind name <ns since start> <unix ns>"
// line of a trace; a zero line when there is none. A line being written
// (no newline yet) is left for the next look; a line in another format is
// an error, so a changed format fails loudly.
func findTraceLine(trace, kind, name string) (traceLine, error) {
	lines := strings.Split(trace, "\n")
	for _, line := range lines[:len(lines)-1] { // the last is "" or unfinished
		f := strings.Fields(line)
		if len(f) != 4 || (f[0] != "frame" && f[0] != "event") {
			return traceLine{}, fmt.Errorf("start trace line %q: want \"frame|event name ns unix_ns\"", line)
		}
		if f[0] != kind || f[1] != name {
			continue
		}
		since, err := strconv.ParseInt(f[2], 10, 64)
		if err != nil {
			return traceLine{}, fmt.Errorf("start trace line %q: %w", line, err)
		}
		unix, err := strconv.ParseInt(f[3], 10, 64)
		if err != nil {
			return traceLine{}, fmt.Errorf("start trace line %q: %w", line, err)
		}
		return traceLine{at: time.Unix(0, unix), since: time.Duration(since)}, nil
	}
	return traceLine{}, nil
}

// resetPeakRSS returns the process's peak RSS so far and starts a new peak
// from its current RSS (writing 5 to /proc/pid/clear_refs, Linux ≥ 4.0).
func resetPeakRSS(pid int) (int64, error) {
	peak, err := procStatus(pid, "VmHWM")
	if err != nil {
		return 0, err
	}
	if err := os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0); err != nil {
		return 0, fmt.Errorf("reset the app's peak memory: %w", err)
	}
	return peak, nil
}

// procStatus reads a "Vm…: n kB" field of /proc/pid/status.
func procStatus(pid int, field string) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, fmt.Errorf("read the app's memory: %w", err)
	}
	return parseProcStatus(string(b), field)
}

func parseProcStatus(status, field string) (int64, error) {
	for _, line := range strings.Split(status, "\n") {
		rest, ok := strings.CutPrefix(line, field+":")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) != 2 || f[1] != "kB" {
			return 0, fmt.Errorf("/proc status %s: unexpected %q", field, line)
		}
		return strconv.ParseInt(f[0], 10, 64)
	}
	return 0, fmt.Errorf("/proc status has no %s", field)
}

// xvfb is a virtual X server of the probe's own.
type xvfb struct {
	display string
	cmd     *exec.Cmd
}

// startXvfb starts Xvfb on a free display, which it reports itself
// (-displayfd), at the screen size .ci/screenshot uses.
func startXvfb(ctx context.Context) (*xvfb, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("xvfb: %w", err)
	}
	defer r.Close()
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		w.Close()
		return nil, fmt.Errorf("start Xvfb: %w", err)
	}
	w.Close()
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	x := &xvfb{cmd: cmd}
	select {
	case n := <-got:
		if n == "" {
			x.stop()
			return nil, errors.New("Xvfb did not report a display")
		}
		x.display = ":" + n
		return x, nil
	case <-time.After(20 * time.Second):
		x.stop()
		return nil, errors.New("Xvfb did not start within 20 s")
	case <-ctx.Done():
		x.stop()
		return nil, ctx.Err()
	}
}

func (x *xvfb) stop() {
	_ = x.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = x.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = x.cmd.Process.Kill()
		<-done
	}
}

// xdo runs xdotool on display and returns its output.
func xdo(display string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("xdotool %s: %w: %s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

// screenshot saves the whole screen (ImageMagick's import).
func screenshot(display, path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("screenshot folder: %w", err)
	}
	cmd := exec.Command("import", "-window", "root", path)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("screenshot: %w: %s", err, out)
	}
	fmt.Fprintln(os.Stderr, "startprobe: screenshot", path)
	return nil
}

func firstLine(s string) string {
	return strings.TrimSpace(strings.SplitN(strings.TrimSpace(s), "\n", 2)[0])
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// tail is the end of the app's log, for error messages.
func tail(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "(no log)"
	}
	if len(b) > 1500 {
		b = b[len(b)-1500:]
	}
	return strings.TrimSpace(string(b))
}
