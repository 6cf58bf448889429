package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"mentorbog/data"
	"mentorbog/data/demo"
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
	_, err := st.Login(ctx, "koordinator", "demo-koordinator")
	must(t, err)
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
	check := func(list string, uses []agreementUse, want map[data.ID]bool) {
		t.Helper()
		if len(uses) != len(want) {
			t.Errorf("%s: %d agreements listed, the sessions give %d", list, len(uses), len(want))
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
	check("over 80 %", f.over80, wantOver80)
	check("over 100 %", f.over100, wantOver100)
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
	if len(f.ending) != len(ending) || len(wantOver80) == 0 || len(wantOver100) == 0 {
		t.Errorf("ending: %d listed, %d by the dates; %d over 80 %%, %d over 100 %%",
			len(f.ending), len(ending), len(wantOver80), len(wantOver100))
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
		switch changed % 3 {
		case 0:
			a.GrantedMin = used * 10 / 9 // 90 %
		case 1:
			a.GrantedMin = used * 5 / 6 // 120 %
		case 2:
			a.GrantedMin = used // exactly 100 %
		}
		must(t, st.SaveAgreement(ctx, &a))
		if changed++; changed == 9 {
			return
		}
	}
	t.Fatalf("only %d running agreements have hours used", changed)
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
