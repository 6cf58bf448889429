// Package appdir finds where Mentorbog keeps its files on each platform.
package appdir

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// Dir is Mentorbog's data folder:
//   - Windows: %LOCALAPPDATA%\Mentorbog — the local, never the roaming
//     profile, which is copied at logon and logoff and would tear a live
//     database;
//   - macOS: ~/Library/Application Support/Mentorbog;
//   - Linux and others: $XDG_DATA_HOME/mentorbog, else ~/.local/share/mentorbog.
func Dir() (string, error) {
	return dirFor(runtime.GOOS, os.Getenv, os.UserHomeDir)
}

// dirFor is Dir with the platform and environment passed in, so every
// platform's rule is tested on any machine.
func dirFor(goos string, getenv func(string) string, home func() (string, error)) (string, error) {
	switch goos {
	case "windows":
		if local := getenv("LOCALAPPDATA"); local != "" {
			return local + `\Mentorbog`, nil
		}
		h, err := home()
		if err != nil {
			return "", errors.New("kan ikke finde brugerens mappe (LOCALAPPDATA er ikke sat)")
		}
		return h + `\AppData\Local\Mentorbog`, nil
	case "darwin":
		h, err := home()
		if err != nil {
			return "", errors.New("kan ikke finde brugerens hjemmemappe")
		}
		return filepath.Join(h, "Library", "Application Support", "Mentorbog"), nil
	default:
		if xdg := getenv("XDG_DATA_HOME"); filepath.IsAbs(xdg) {
			return filepath.Join(xdg, "mentorbog"), nil
		}
		h, err := home()
		if err != nil {
			return "", errors.New("kan ikke finde brugerens hjemmemappe")
		}
		return filepath.Join(h, ".local", "share", "mentorbog"), nil
	}
}

// DatabaseName is the file name of the database inside Dir.
const DatabaseName = "mentorbog.db"

// DefaultDatabase is the database path used when --db is not given. The
// folder is created (owner-only: it holds personal data).
func DefaultDatabase() (string, error) {
	dir, err := Dir()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	return filepath.Join(dir, DatabaseName), nil
}
