// Mentorbog is a desktop application for Danish mentor organisations:
// citizens, courses, mentor agreements, sessions, hours and reports.
package main

import (
	"context"
	_ "embed"
	"os"
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

func main() {
	// Windows: Mentorbog.exe prints to the cmd.exe/PowerShell it was started
	// from, and lets go of that console before the window opens.
	detachConsole := platform.AttachConsole()
	env := cli.Env{
		Stdout:  os.Stdout,
		Stderr:  os.Stderr,
		Version: cli.VersionFromFyneAppToml(fyneAppToml),
		StartGUI: func(addr string) error {
			detachConsole()
			return startGUI(addr)
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
func startGUI(addr string) error {
	// Windows without OpenGL 2.1 (remote desktop, a VM without 3-D): a
	// native message box says what to ask IT for, never a silent exit.
	if err := platform.CheckGraphics(); err != nil {
		platform.ShowError("Mentorbog", err.Error())
		return err
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
		Now:      time.Now,
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
