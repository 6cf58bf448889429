package appdir

import (
	"errors"
	"testing"
)

func TestDirPerPlatform(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	home := func() (string, error) { return "/home/søren", nil }
	noHome := func() (string, error) { return "", errors.New("no home") }
	for _, tc := range []struct {
		goos string
		env  map[string]string
		home func() (string, error)
		want string
	}{
		{"windows", map[string]string{"LOCALAPPDATA": `C:\Users\Søren Ø\AppData\Local`, "APPDATA": `C:\Users\Søren Ø\AppData\Roaming`}, home, `C:\Users\Søren Ø\AppData\Local\Mentorbog`},
		{"linux", map[string]string{"XDG_DATA_HOME": "/data/xdg"}, home, "/data/xdg/mentorbog"},
		{"linux", map[string]string{"XDG_DATA_HOME": "relative"}, home, "/home/søren/.local/share/mentorbog"},
		{"linux", nil, home, "/home/søren/.local/share/mentorbog"},
		{"darwin", nil, home, "/home/søren/Library/Application Support/Mentorbog"},
	} {
		got, err := dirFor(tc.goos, env(tc.env), tc.home)
		if err != nil || got != tc.want {
			t.Errorf("%s %v: got %q, %v; want %q", tc.goos, tc.env, got, err, tc.want)
		}
	}
	if _, err := dirFor("linux", env(nil), noHome); err == nil {
		t.Error("no home folder gave no error")
	}
}
