// Mentorbog is a desktop application for Danish mentor organisations:
// citizens, courses, mentor agreements, sessions, hours and reports.
package main

import (
	"context"
	_ "embed"
	"os"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"mentorbog/app/cli"
	"mentorbog/app/i18n"
	"mentorbog/app/platform"
	"mentorbog/app/ui"
	"mentorbog/data"
)

// fyneAppToml is the single source of the version number.
//
//go:embed FyneApp.toml
var fyneAppToml string

const appID = "dk.mentorbog.app"

// Hidden settings for the start benchmark (build/bench/startprobe); not for
// users, so not in --help.
const (
	// envBenchNow sets the GUI's clock to start at this moment
	// (yyyy-mm-ddThh:mm, Danish time) and run on from there, so Oversigt
	// shows the benchmark data's day (benchdb.Now) whatever the date is.
	envBenchNow = "MENTORBOG_BENCH_NOW"
)

func main() {
	// The moment main() began: the start trace's "ns since start" counts
	// from here, so it leaves out exec, dynamic linking and the Go runtime's
	// and packages' initialisation (the start probe times those from
	// outside, as premain_ns).
	started := time.Now()
	// Windows: Mentorbog.exe prints to the cmd.exe/PowerShell it was started
	// from, and lets go of that console before the window opens.
	detachConsole := platform.AttachConsole()
	env := cli.Env{
		Stdout:  os.Stdout,
		Stderr:  os.Stderr,
		Version: cli.VersionFromFyneAppToml(fyneAppToml),
		StartGUI: func(addr string) error {
			detachConsole()
			return startGUI(addr, started)
		},
		Today:  func() data.Date { return data.DateOf(time.Now().In(data.Zone())) },
		Getenv: os.Getenv,
		Stdin:  os.Stdin,
	}
	os.Exit(cli.Run(context.Background(), env, os.Args[1:]))
}

// startGUI opens the database at addr ("" = the one chosen in the
// connection dialog, else the local file) and shows the setup or login
// screen, then the main window; or why the database could not be opened.
func startGUI(addr string, started time.Time) error {
	// Windows without OpenGL 2.1 (remote desktop, a VM without 3-D): a
	// native message box says what to ask IT for, never a silent exit.
	if err := platform.CheckGraphics(); err != nil {
		platform.ShowError("Mentorbog", err.Error())
		return err
	}
	if os.Getenv("GOGC") == "" {
		// The window keeps its screens' data all day. Collecting when the
		// heap has grown by half instead of Go's default (doubled) keeps
		// the process ~10 MB smaller at the largest benchmark size
		// (BENCHMARKS.md), for more frequent, short collections while a
		// screen loads. The command-line batches keep Go's default.
		debug.SetGCPercent(50)
	}
	a := app.NewWithID(appID)
	language, err := i18n.Setup(a.Preferences().StringWithFallback(i18n.PreferenceKey, i18n.Auto))
	if err != nil {
		// The embedded translations are part of the binary; if they fail,
		// Danish fallbacks in the code still make a usable window.
		fyne.LogError("load translations", err)
	}
	start := ui.Start(a, ui.StartOptions{
		Addr:     addr,
		Open:     openDatabase,
		Language: language,
		Now:      clock(os.Getenv(envBenchNow), started),
		Trace:    ui.NewStartupTrace(os.Getenv(ui.EnvTraceStartup), started),
		// A damaged local file: the reason, and the newest backup if the
		// preferences know the backup folder.
		OpenFileError: func(w fyne.Window, message, path string) {
			ui.ShowOpenError(w, a.Preferences(), message, path, a.Quit)
		},
	})
	defer start.Close()
	start.Window().ShowAndRun()
	return nil
}

// openDatabase opens a database for the window; a nil *Store never becomes
// a non-nil data.Store.
func openDatabase(addr string) (data.Store, string, error) {
	st, resolved, err := cli.OpenDatabase(addr)
	if err != nil {
		return nil, resolved, err
	}
	return st, resolved, nil
}

// clock is time.Now, or with benchNow set (see envBenchNow) a clock that
// starts at benchNow when the process started and runs on in real time.
func clock(benchNow string, started time.Time) func() time.Time {
	if benchNow == "" {
		return time.Now
	}
	at, err := time.ParseInLocation("2006-01-02T15:04", benchNow, data.Zone())
	if err != nil {
		fyne.LogError(envBenchNow+" is not yyyy-mm-ddThh:mm; using the real clock", err)
		return time.Now
	}
	return func() time.Time { return at.Add(time.Since(started)) }
}
