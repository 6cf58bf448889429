package ui

// Benchmarks of the screens a user waits for, at the three benchmark sizes
// of data/demo (cached by data/demo/benchdb; `make bench` runs them and
// prints the table against the budgets). Names are benchstat-friendly:
// BenchmarkWeekCalendar/size=mellem/mentors=all.

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"mentorbog/data"
	"mentorbog/data/demo"
	"mentorbog/data/demo/benchdb"
	"mentorbog/data/sqlstore"
)

// benchStore opens the cached database of size as role; a benchmark whose
// data cannot be made is skipped, not failed, so a partial run still
// reports the rest.
func benchStore(b *testing.B, size demo.Size, role data.UserRole) *sqlstore.Store {
	b.Helper()
	st, err := benchdb.Open(context.Background(), size, role)
	if err != nil {
		b.Skipf("no %s data: %v", size, err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// benchWindow is the main window on st with the clock at benchdb.Now.
func benchWindow(b *testing.B, st data.Store) *MainWindow {
	b.Helper()
	a := test.NewTempApp(b)
	a.Settings().SetTheme(lightTheme{theme.DefaultTheme()})
	m := NewMainWindow(a, st, Options{Now: benchdb.Now, Language: "da"})
	m.Window().Resize(fyne.NewSize(1200, 760))
	b.Cleanup(func() {
		if slices.Contains(a.Driver().AllWindows(), m.Window()) {
			m.Window().Close()
		}
	})
	return m
}

func forSizes(b *testing.B, run func(b *testing.B, size demo.Size)) {
	for _, size := range benchdb.Sizes() {
		b.Run("size="+string(size), func(b *testing.B) { run(b, size) })
	}
}

// BenchmarkOverviewFirstFrame: everything between the login and the first
// frame of Oversigt for a coordinator: the queries, the hours accounting,
// the status reports due and building the widgets.
func BenchmarkOverviewFirstFrame(b *testing.B) { benchFirstFrame(b, SectionOverview) }

// benchFirstFrame times showing section again (its load and widgets) for
// a coordinator, once it was shown (its screen is built once per window).
func benchFirstFrame(b *testing.B, section string) {
	forSizes(b, func(b *testing.B, size demo.Size) {
		m := benchWindow(b, benchStore(b, size, data.RoleCoordinator))
		m.ShowSection(section)
		b.ResetTimer()
		for b.Loop() {
			m.show(section)
		}
	})
}

// BenchmarkCitizenListFirstFrame: opening Borgere, the one screen that
// decrypts every citizen (the list is searched in memory per keystroke).
// No budget in the issue; measured because since Oversigt reads only the
// names it shows, this is where the decryption a login used to pay went.
func BenchmarkCitizenListFirstFrame(b *testing.B) { benchFirstFrame(b, SectionCitizens) }

// BenchmarkOverviewWarnings: the warnings about running agreements (over
// 80 %, over 100 %, ending soon): the counts and first six of each list
// from the held hours the database keeps, and the hours of the listed
// ones. "warnings" counts every warning, listed or not.
func BenchmarkOverviewWarnings(b *testing.B) {
	forSizes(b, func(b *testing.B, size demo.Size) {
		st := benchStore(b, size, data.RoleCoordinator)
		ctx := context.Background()
		courses, err := st.Courses(ctx, data.CourseFilter{})
		noErr(b, err)
		byCourse := byID(courses, func(c data.Course) data.ID { return c.ID })
		today := benchdb.Today
		var f overviewFacts
		for b.Loop() {
			f = overviewFacts{courseByID: byCourse}
			noErr(b, f.loadAgreements(ctx, st, today))
		}
		b.ReportMetric(float64(f.over80Count+f.over100Count+f.endingCount), "warnings")
	})
}

// busiestMentor is the mentor with the most sessions in the benchmark week.
func busiestMentor(b *testing.B, st data.Store) data.ID {
	b.Helper()
	from := dayStart(mondayOf(benchdb.Today))
	ss, err := st.Sessions(context.Background(), data.SessionFilter{From: from, To: from.AddDate(0, 0, 7)})
	noErr(b, err)
	count := map[data.ID]int{}
	best := data.ID(0)
	for _, s := range ss {
		count[s.MentorID]++
		if count[s.MentorID] > count[best] {
			best = s.MentorID
		}
	}
	return best
}

func benchCalendar(b *testing.B, mode calendarMode) {
	forSizes(b, func(b *testing.B, size demo.Size) {
		st := benchStore(b, size, data.RoleCoordinator)
		m := benchWindow(b, st)
		m.ShowSection(SectionCalendar)
		cal := m.screens[SectionCalendar].(*calendarScreen)
		cal.mode = mode
		one := busiestMentor(b, st)
		for _, who := range []string{"one", "all"} {
			b.Run("mentors="+who, func(b *testing.B) {
				cal.mentorIDs = map[data.ID]bool{}
				if who == "one" {
					cal.mentorIDs[one] = true
				}
				ctx := context.Background()
				for b.Loop() {
					noErr(b, cal.reload(ctx))
				}
				b.ReportMetric(float64(len(cal.sessions)), "sessions")
			})
		}
	})
}

// BenchmarkWeekCalendar: the week's query plus building its widgets.
func BenchmarkWeekCalendar(b *testing.B) { benchCalendar(b, modeWeek) }

// BenchmarkMonthCalendar: the month's query plus building its widgets.
func BenchmarkMonthCalendar(b *testing.B) { benchCalendar(b, modeMonth) }

// BenchmarkCitizenSearch: one keystroke in the citizen search, with the
// list redrawn; the typed text grows and shrinks as a user's does.
func BenchmarkCitizenSearch(b *testing.B) {
	keystrokes := []string{"m", "ma", "mar", "mari", "maria", "mari", "mar", "ma", "m", "", "4", "45", "", "j", "je", "jen", "jens", ""}
	forSizes(b, func(b *testing.B, size demo.Size) {
		m := benchWindow(b, benchStore(b, size, data.RoleCoordinator))
		m.ShowSection(SectionCitizens)
		s := m.screens[SectionCitizens].(*citizensScreen)
		i := 0
		for b.Loop() {
			s.search.SetText(keystrokes[i%len(keystrokes)])
			i++
		}
	})
}

func noErr(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}
