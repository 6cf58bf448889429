//go:build unix

package ui

import (
	"context"
	"fmt"
	"os"
	"syscall"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"mentorbog/data"
	"mentorbog/data/demo"
	"mentorbog/data/demo/benchdb"
)

// TestRSSProbe loads one size the way the GUI does (login, Oversigt,
// calendar, citizens) and prints the process's peak resident memory. It
// runs only when `make bench` asks for it, in a process of its own.
func TestRSSProbe(t *testing.T) {
	size := os.Getenv("MENTORBOG_RSS_SIZE")
	if size == "" {
		t.Skip("MENTORBOG_RSS_SIZE not set: the RSS probe runs from make bench")
	}
	st, err := benchdb.Open(context.Background(), demo.Size(size), data.RoleCoordinator)
	must(t, err)
	defer st.Close()
	a := test.NewTempApp(t)
	m := NewMainWindow(a, st, Options{Now: benchdb.Now, Language: "da"})
	m.Window().Resize(fyne.NewSize(1200, 760))
	for _, section := range []string{SectionOverview, SectionCalendar, SectionCitizens, SectionOverview} {
		m.ShowSection(section)
	}
	var ru syscall.Rusage
	must(t, syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	fmt.Printf("RSS size=%s maxrss_kb=%d\n", size, ru.Maxrss)
}
