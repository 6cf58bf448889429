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
	"fyne.io/fyne/v2/dialog"

	"mentorbog/app/cli"
	"mentorbog/app/i18n"
	"mentorbog/app/platform"
	"mentorbog/app/ui"
	"mentorbog/assets"
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
		StartGUI: func(st data.Store, dbPath string, openErr error) error {
			detachConsole()
			return startGUI(st, dbPath, openErr)
		},
		Today:  func() data.Date { return data.DateOf(time.Now().In(data.Zone())) },
		Getenv: os.Getenv,
		Stdin:  os.Stdin,
	}
	os.Exit(cli.Run(context.Background(), env, os.Args[1:]))
}

// startGUI shows the setup screen (first start) or the login screen, then
// the main window with the idle lock; or a window that explains why the
// database could not be opened.
func startGUI(st data.Store, dbPath string, openErr error) error {
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
	if openErr != nil {
		// Besides the reason, offer the newest backup when the preferences
		// know the backup folder (the database itself cannot tell).
		w := a.NewWindow("Mentorbog")
		w.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
		w.Resize(fyne.NewSize(720, 420))
		ui.ShowOpenError(w, a.Preferences(), cli.OpenError(dbPath, openErr).Error(), dbPath, a.Quit)
		w.ShowAndRun()
		return nil
	}
	// First start: create the administrator and show the recovery key;
	// afterwards: log in. Either way the main window follows, and the
	// start window closes once the main window is up.
	start := a.NewWindow("Mentorbog")
	start.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	open := func(data.User) {
		ctx := context.Background()
		mw := ui.NewMainWindow(a, st, ui.Options{Now: time.Now, Language: language,
			IdleLock: ui.IdleLockTimeout(ctx, st)})
		mw.Window().Show()
		mw.StartAutoBackup()
		mw.OfferDrafts()
		start.Close()
	}
	needed, err := st.SetupNeeded(context.Background())
	switch {
	case err != nil:
		start.Resize(fyne.NewSize(640, 240))
		d := dialog.NewError(cli.OpenError(dbPath, err), start)
		d.SetOnClosed(a.Quit)
		d.Show()
	case needed:
		s := ui.NewSetupScreen(st, start, open)
		start.SetContent(s.Content())
		start.Resize(fyne.NewSize(720, 760))
		s.Focus()
	default:
		s := ui.NewLoginScreen(st, start, open)
		start.SetContent(s.Content())
		start.Resize(fyne.NewSize(560, 520))
		s.Focus()
	}
	start.CenterOnScreen()
	start.ShowAndRun()
	return nil
}
