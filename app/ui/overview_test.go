package ui

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/demo"
	"mentorbog/data/sqlstore"
)

// TestOverviewHoursMatchTheSessionsOnTheDemoData: Oversigt sums the hours
// in the database; what it lists and shows must be what data.Account and
// hoursOf give over the sessions themselves, as the citizen page shows
// them: the same agreements over 80 % and over 100 %, the same used
// minutes, and the same lines of this week and in total.
func TestOverviewHoursMatchTheSessionsOnTheDemoData(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	must(t, demo.AddUsers(ctx, st))
	loginAs(t, st, "koordinator", "demo-koordinator")
	today := data.DateOf(fixedNow)
	useUpHours(t, st, today)
	f, err := loadOverview(ctx, st, fixedNow)
	must(t, err)

	running, err := st.Agreements(ctx, 0, today)
	must(t, err)
	wantOver80, wantOver100 := map[data.ID]bool{}, map[data.ID]bool{}
	sessionsOf := map[data.ID][]data.Session{}
	for _, a := range running {
		ss, err := st.Sessions(ctx, data.SessionFilter{CourseID: a.CourseID})
		must(t, err)
		sessionsOf[a.ID] = ss
		switch share := data.Account(a, ss).UsedShare(); {
		case share >= 1:
			wantOver100[a.ID] = true
		case share >= 0.8:
			wantOver80[a.ID] = true
		}
	}
	check := func(list string, uses []agreementUse, count int, want map[data.ID]bool) {
		t.Helper()
		if count != len(want) || len(uses) != min(len(want), overviewCap) {
			t.Errorf("%s: %d agreements listed of %d, the sessions give %d", list, len(uses), count, len(want))
		}
		for _, u := range uses {
			a := u.agreement
			if !want[a.ID] {
				t.Errorf("%s lists agreement %d, which the sessions do not put there", list, a.ID)
			}
			if wantHours := data.Account(a, sessionsOf[a.ID]); u.hours != wantHours {
				t.Errorf("%s, agreement %d: hours %+v, the sessions give %+v", list, a.ID, u.hours, wantHours)
			}
			if wantLines := hoursOf(a, sessionsOf[a.ID], today).text(); u.figures.text() != wantLines {
				t.Errorf("%s, agreement %d: shows %q, the citizen page %q", list, a.ID, u.figures.text(), wantLines)
			}
		}
	}
	check("over 80 %", f.over80, f.over80Count, wantOver80)
	check("over 100 %", f.over100, f.over100Count, wantOver100)
	ending := map[data.ID]bool{}
	for _, a := range running {
		if days := today.DaysUntil(a.End); days >= 0 && days <= endingSoonDays {
			ending[a.ID] = true
		}
	}
	for _, u := range f.ending {
		if wantLines := hoursOf(u.agreement, sessionsOf[u.agreement.ID], today).text(); u.figures.text() != wantLines {
			t.Errorf("ending, agreement %d: shows %q, the citizen page %q", u.agreement.ID, u.figures.text(), wantLines)
		}
	}
	if f.endingCount != len(ending) || len(f.ending) != min(len(ending), overviewCap) || len(wantOver80) == 0 || len(wantOver100) == 0 {
		t.Errorf("ending: %d listed of %d, %d by the dates; %d over 80 %%, %d over 100 %%",
			len(f.ending), f.endingCount, len(ending), len(wantOver80), len(wantOver100))
	}
	m := newWindow(t, st)
	m.ShowSection(SectionOverview)
	o := m.screens[SectionOverview].(*overviewScreen)
	assertShows(t, m, o.useLines(f.over100, 0)[0].text, f.over100[0].figures.totalLine())
	// The hours cards are below the fold: scroll down to look at them.
	for _, obj := range o.root.Objects[0].(*fyne.Container).Objects {
		if sc, ok := obj.(*container.Scroll); ok {
			sc.ScrollToBottom()
		}
	}
	capture(t, m, "demo-oversigt-timer")
}

// useUpHours lowers the grant of some running agreements with hours used,
// so that the demo (where nobody is near the limit) has agreements over
// 80 % and over 100 % for Oversigt to list.
func useUpHours(t *testing.T, st data.Store, today data.Date) {
	t.Helper()
	regrant(t, st, today, 9, func(changed, used int) int {
		return []int{used * 10 / 9, used * 5 / 6, used}[changed%3] // 90 %, 120 %, exactly 100 %
	}, nil)
}

// regrant gives running agreements with at least two hours used a total
// grant of grant(n, used) for the n-th of them, at most limit of them (0: all,
// and then at least 24), and lets end move the n-th one's end date.
func regrant(t *testing.T, st data.Store, today data.Date, limit int, grant func(n, used int) int, end func(n int, a *data.Agreement)) {
	t.Helper()
	ctx := context.Background()
	running, err := st.Agreements(ctx, 0, today)
	must(t, err)
	changed := 0
	for _, a := range running {
		ss, err := st.Sessions(ctx, data.SessionFilter{CourseID: a.CourseID})
		must(t, err)
		used := data.Account(a, ss).UsedMin
		if used < 120 {
			continue
		}
		a.HoursBasis = data.HoursTotal
		a.GrantedMin = grant(changed, used)
		if end != nil {
			end(changed, &a)
		}
		must(t, st.SaveAgreement(ctx, &a))
		if changed++; changed == limit {
			return
		}
	}
	if limit > 0 || changed < 24 {
		t.Fatalf("only %d running agreements have hours used", changed)
	}
}

// TestOverviewQuietCoursesMatchTheSessions: the courses listed as without a
// held session in 14 days, and the last held session shown for each, are
// what the held sessions themselves give.
func TestOverviewQuietCoursesMatchTheSessions(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	f, err := loadOverview(ctx, st, fixedNow)
	must(t, err)
	held, err := st.Sessions(ctx, data.SessionFilter{From: fixedNow.AddDate(0, 0, -quietLookback), To: fixedNow,
		Statuses: []data.SessionStatus{data.SessionHeld}})
	must(t, err)
	since := fixedNow.AddDate(0, 0, -quietDays)
	last := map[data.ID]time.Time{}
	for _, s := range held {
		if s.PlannedStart.After(last[s.CourseID]) {
			last[s.CourseID] = s.PlannedStart
		}
	}
	courses, err := st.Courses(ctx, data.CourseFilter{Statuses: []data.CourseStatus{data.CourseActive}})
	must(t, err)
	want := 0
	for _, c := range courses {
		if c.MentorID != 0 && last[c.ID].Before(since) {
			want++
		}
	}
	if len(f.noRecent) != want || want == 0 {
		t.Errorf("%d quiet courses listed, the sessions give %d", len(f.noRecent), want)
	}
	for _, c := range f.noRecent {
		if !f.lastHeld[c.ID].Equal(last[c.ID]) {
			t.Errorf("course %d: last held %s, the sessions give %s", c.ID, f.lastHeld[c.ID], last[c.ID])
		}
	}
}

// TestEndsTextSaysTodayTomorrowOrInDays: "om 1 dage" is not Danish.
func TestEndsTextSaysTodayTomorrowOrInDays(t *testing.T) {
	today := data.NewDate(2026, 11, 23)
	for days, want := range map[int]string{
		0: "Kåre Østergaard · slutter 23-11-2026 (i dag)",
		1: "Kåre Østergaard · slutter 24-11-2026 (i morgen)",
		5: "Kåre Østergaard · slutter 28-11-2026 (om 5 dage)",
	} {
		if got := endsText("Kåre Østergaard", today.AddDays(days), today); got != want {
			t.Errorf("%d days: %q, want %q", days, got, want)
		}
	}
}

// oldAgreementFacts is f with the agreement warnings as Oversigt worked
// them out before the database kept each agreement's held hours: every
// running agreement accounted over its sessions (data.Account, hoursOf),
// put in its lists (ending within 14 days; 80 % up to 100 %; 100 % or
// more) and sorted (soonest end, largest used share first; ties by start
// and id), every one listed and counted.
func oldAgreementFacts(t *testing.T, st data.Store, f overviewFacts, today data.Date) overviewFacts {
	t.Helper()
	ctx := context.Background()
	running, err := st.Agreements(ctx, 0, today)
	must(t, err)
	old := f
	old.ending, old.over80, old.over100 = nil, nil, nil
	old.courseByID = maps.Clone(f.courseByID)
	var citizens []data.ID
	for _, a := range running {
		ss, err := st.Sessions(ctx, data.SessionFilter{CourseID: a.CourseID})
		must(t, err)
		c, ok := old.courseByID[a.CourseID]
		if !ok {
			c, err = st.Course(ctx, a.CourseID)
			must(t, err)
			old.courseByID[c.ID] = c
		}
		u := agreementUse{agreement: a, course: c, hours: data.Account(a, ss), figures: hoursOf(a, ss, today)}
		if days := today.DaysUntil(a.End); days >= 0 && days <= endingSoonDays {
			old.ending = append(old.ending, u)
		}
		switch share := u.hours.UsedShare(); {
		case share >= 1:
			old.over100 = append(old.over100, u)
		case share >= 0.8:
			old.over80 = append(old.over80, u)
		}
		citizens = append(citizens, c.CitizenID)
	}
	slices.SortFunc(old.ending, func(x, y agreementUse) int {
		return cmp.Or(x.agreement.End.Compare(y.agreement.End), x.agreement.Start.Compare(y.agreement.Start),
			cmp.Compare(x.agreement.ID, y.agreement.ID))
	})
	byShare := func(x, y agreementUse) int {
		return cmp.Or(-cmp.Compare(x.hours.UsedShare(), y.hours.UsedShare()), cmp.Compare(x.agreement.ID, y.agreement.ID))
	}
	slices.SortFunc(old.over80, byShare)
	slices.SortFunc(old.over100, byShare)
	old.endingCount, old.over80Count, old.over100Count = len(old.ending), len(old.over80), len(old.over100)
	names, err := st.CitizenNames(ctx, citizens)
	must(t, err)
	old.citizenName = maps.Clone(f.citizenName)
	maps.Copy(old.citizenName, names)
	return old
}

// cardTexts is what the overview shows, card by card: each card's title
// with its count, its lines (with their hours) and "… og N til".
func cardTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(obj fyne.CanvasObject)
	walk = func(obj fyne.CanvasObject) {
		switch w := obj.(type) {
		case *widget.Card:
			out = append(out, "card "+w.Title+" | "+w.Subtitle)
			if w.Content != nil {
				walk(w.Content)
			}
		case *linkLine:
			out = append(out, "  "+w.line.text+" | "+w.line.detail)
		case *widget.Label:
			out = append(out, "  "+w.Text)
		case *container.Scroll:
			walk(w.Content)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// TestOverviewCardsAreTheOldComputation: with more warnings than a card
// lists, the coordinator's cards and the mentor's warnings (the figure and
// the card) show the same lines, hours and counts as accounting every
// running agreement over its sessions did.
func TestOverviewCardsAreTheOldComputation(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	must(t, demo.AddUsers(ctx, st))
	loginAs(t, st, "koordinator", "demo-koordinator")
	today := data.DateOf(fixedNow)
	squeezeHours(t, st, today)
	for _, who := range staffLogins {
		m, o := overviewAs(t, st, who.user, who.password)
		if o.mentorView != (who.user == "mentor") {
			t.Fatalf("%s: mentor view %v", who.user, o.mentorView)
		}
		got := cardTexts(o.render())
		old := *o
		old.facts = oldAgreementFacts(t, st, o.facts, today)
		want := cardTexts(old.render())
		if !slices.Equal(got, want) {
			t.Errorf("%s: Oversigt shows\n%s\nthe sessions give\n%s", who.user, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		f := old.facts
		if who.user == "koordinator" && (f.endingCount <= overviewCap || f.over80Count <= overviewCap || f.over100Count <= overviewCap) {
			t.Errorf("too few warnings to test the cards' limit: %d, %d, %d", f.endingCount, f.over80Count, f.over100Count)
		}
		if who.user == "mentor" && f.endingCount+f.over80Count+f.over100Count <= overviewCap {
			t.Errorf("too few warnings to test the mentor's card: %d, %d, %d", f.endingCount, f.over80Count, f.over100Count)
		}
		capture(t, m, "oversigt-advarsler-"+who.user)
	}
}

// squeezeHours lowers the grant of many running agreements with hours used
// (to 90 %, exactly 80 %, 120 % and exactly 100 % of what they used) and
// lets some of them end within two weeks, so that every warning card has
// more than it lists, the mentor's too.
func squeezeHours(t *testing.T, st data.Store, today data.Date) {
	t.Helper()
	regrant(t, st, today, 0, func(changed, used int) int {
		return []int{used * 10 / 9, used * 5 / 4, used * 5 / 6, used}[changed%4]
	}, func(changed int, a *data.Agreement) {
		if changed%3 == 0 {
			a.End = today.AddDays(changed % (endingSoonDays + 1))
		}
	})
}

// TestOverviewStatusReportsDueAreTheRule: the card of status reports due
// (fed the overview's own open courses and running agreements) lists what
// data.DueStatusReports gives over every active course or one in
// retention, all their agreements and every status report, read apart.
func TestOverviewStatusReportsDueAreTheRule(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	must(t, demo.AddUsers(ctx, st))
	_, o := overviewAs(t, st, "koordinator", "demo-koordinator")

	courses, err := st.Courses(ctx, data.CourseFilter{Statuses: []data.CourseStatus{data.CourseActive, data.CourseRetention}})
	must(t, err)
	in := data.DueInput{Courses: courses}
	for _, c := range courses {
		agreements, err := st.Agreements(ctx, c.ID, data.Date{})
		must(t, err)
		in.Agreements = append(in.Agreements, agreements...)
	}
	in.Municipalities, err = st.Municipalities(ctx, true)
	must(t, err)
	in.Reports, err = st.Reports(ctx, data.ReportFilter{Kinds: []data.ReportKind{data.KindStatus}})
	must(t, err)
	due := data.DueStatusReports(data.DateOf(fixedNow), in)
	if len(due) == 0 {
		t.Fatal("no status report is due in the demo: the card is not tested")
	}
	if len(due) <= overviewCap {
		t.Fatalf("only %d status reports are due in the demo: the card's limit is not tested", len(due))
	}
	if o.dueCount != len(due) || len(o.dueLines) != overviewCap {
		t.Fatalf("the card counts %d reports due and has %d lines, the rule gives %d", o.dueCount, len(o.dueLines), len(due))
	}
	if got := cardTexts(o.render()); !slices.Contains(got, "card  | Statusrapporter der forfalder ("+strconv.Itoa(len(due))+")") {
		t.Errorf("no card titled with %d reports due in\n%s", len(due), strings.Join(got, "\n"))
	}
	names, err := st.CitizenNames(ctx, []data.ID{due[0].Course.CitizenID})
	must(t, err)
	if want := names[due[0].Course.CitizenID]; !strings.HasPrefix(o.dueLines[0].text, want+" · ") {
		t.Errorf("first line %q, want it to begin with %q", o.dueLines[0].text, want)
	}
}

// TestOverviewSessionCardsShowWhatTheWholeListsShowed: the cards of
// today's sessions and missing registrations make lines (and read names)
// only for the sessions they show; they show what lines for every session,
// grouped per mentor and cut by card, showed: the same mentors, sessions,
// order and "… og N til", for a koordinator and a mentor.
func TestOverviewSessionCardsShowWhatTheWholeListsShowed(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	must(t, demo.AddUsers(ctx, st))
	for _, who := range staffLogins {
		_, o := overviewAs(t, st, who.user, who.password)
		f := o.facts
		// Every citizen's name, as the overview read them before.
		var ids []data.ID
		for _, ss := range slices.Concat(f.today, f.missing) {
			ids = append(ids, f.courseByID[ss.CourseID].CitizenID)
		}
		names, err := st.CitizenNames(ctx, ids)
		must(t, err)
		whole := *o
		whole.facts.citizenName = names
		for _, c := range []struct {
			title    string
			list     []data.Session
			withDate bool
		}{{"Dagens møder", f.today, false}, {"Mangler registrering", f.missing, true}} {
			if len(c.list) <= overviewCap && !o.mentorView {
				t.Fatalf("%s: %d sessions in %s: the card's limit is not tested", who.user, len(c.list), c.title)
			}
			var all []overviewLine
			if o.mentorView {
				for _, ss := range c.list {
					all = append(all, whole.sessionLine(ss, c.withDate, false))
				}
			} else {
				all = wholePerMentor(&whole, c.list, c.withDate)
			}
			want := cardTexts(whole.card(c.title, all))
			lines := o.sessionLines(c.list, c.withDate)
			if !o.mentorView {
				lines = o.perMentor(c.list, c.withDate)
			}
			got := cardTexts(o.cardOf(c.title, lines, len(c.list)))
			if !slices.Equal(got, want) {
				t.Errorf("%s: %s shows\n%s\nthe whole list showed\n%s", who.user, c.title, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		}
	}
}

// wholePerMentor is how the overview listed every session under its
// mentor (grouped as byMentor groups them) before the cards made only the
// lines they show.
func wholePerMentor(s *overviewScreen, list []data.Session, withDate bool) []overviewLine {
	ids, groups := mentorGroups(list, s.facts.mentorByID)
	var out []overviewLine
	for _, id := range ids {
		out = append(out, overviewLine{text: s.facts.mentorByID[id].Name})
		for _, ss := range groups[id] {
			out = append(out, s.sessionLine(ss, withDate, false))
		}
	}
	return out
}

// staffLogins are the demo's koordinator and mentor.
var staffLogins = []struct{ user, password string }{
	{"koordinator", "demo-koordinator"}, {"mentor", "demo-mentor-1234"},
}

// overviewAs logs in as user (locking whoever was logged in) and shows
// Oversigt in a new window.
func overviewAs(t *testing.T, st *sqlstore.Store, user, password string) (*MainWindow, *overviewScreen) {
	t.Helper()
	loginAs(t, st, user, password)
	m := newWindow(t, st)
	m.ShowSection(SectionOverview)
	return m, m.screens[SectionOverview].(*overviewScreen)
}
