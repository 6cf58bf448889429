package ui

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"mentorbog/data"
	"mentorbog/data/demo"
	"mentorbog/data/dk"
	"mentorbog/data/sqlstore"
	"mentorbog/data/sqlstore/storetest"
)

// crowdedWeek is the demo organisation with a week like a large
// organisation's (benchmark size stor): 100 mentors holding about 2,500
// sessions in week 48 of 2026, most between 08 and 16 so that every
// weekday is one long chain of overlapping sessions, some starting at the
// same minute, a few early and late ones that widen the hours shown, and a
// quiet weekend. On SQLite, or on PostgreSQL when MENTORBOG_TEST_PG is set.
func crowdedWeek(t *testing.T) *sqlstore.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlstore.Open(storetest.Addr(t, "crowded-week.db"))
	must(t, err)
	t.Cleanup(func() { st.Close() })
	_, err = demo.Generate(ctx, st, demo.Config{Seed: 1, Today: data.DateOf(fixedNow)})
	must(t, err)
	courses, err := st.Courses(ctx, data.CourseFilter{Statuses: openCourseStatuses})
	must(t, err)
	if len(courses) == 0 {
		t.Fatal("the demo has no running courses")
	}
	var mentors []data.Mentor
	for i := range 100 {
		m := data.Mentor{Name: fmt.Sprintf("Mentor %03d", i+1), Kind: data.MentorEmployed, WeeklyCapacityMin: 37 * 60}
		must(t, st.SaveMentor(ctx, &m))
		mentors = append(mentors, m)
	}
	statuses := []data.SessionStatus{data.SessionHeld, data.SessionPlanned, data.SessionNoShow, data.SessionCancelledCitizen}
	forms := []data.SessionForm{data.FormInPerson, data.FormPhone, data.FormVideo}
	var sessions []data.Session
	add := func(k int, m data.Mentor, start time.Time, minutes int) {
		ss := data.Session{CourseID: courses[k%len(courses)].ID, MentorID: m.ID, PlannedStart: start,
			PlannedEnd: start.Add(time.Duration(minutes) * time.Minute), Status: data.SessionPlanned,
			Form: forms[k%len(forms)], Place: "Jobcentret"}
		if start.Before(fixedNow) {
			ss.Status = statuses[k%len(statuses)]
			if ss.Status == data.SessionHeld {
				ss.ContactMin = minutes
			}
		}
		sessions = append(sessions, ss)
	}
	k := 0
	for day := range 5 {
		for mi, m := range mentors {
			for slot := range 5 {
				// 08:00 to 15:30 by half hours, 30 to 90 minutes long:
				// ~30 sessions start together, as at a large organisation.
				minute := 8*60 + (mi*7+slot*97+day*31)%16*30
				start := at(2026, 11, 23+day, 0, 0).Add(time.Duration(minute) * time.Minute)
				add(k, m, start, 30+(mi+slot+day)%5*15)
				k++
			}
		}
	}
	add(k, mentors[3], at(2026, 11, 24, 6, 15), 45)    // early: the grid starts at 06
	add(k+1, mentors[4], at(2026, 11, 26, 20, 30), 60) // late: it ends at 22
	add(k+2, mentors[5], at(2026, 11, 28, 10, 0), 60)  // Saturday: one alone
	add(k+3, mentors[6], at(2026, 11, 29, 10, 0), 60)  // Sunday: four side by side
	add(k+4, mentors[7], at(2026, 11, 29, 10, 0), 30)
	add(k+5, mentors[8], at(2026, 11, 29, 10, 15), 30)
	add(k+6, mentors[9], at(2026, 11, 29, 10, 30), 30)
	must(t, st.BulkSessions(ctx, sessions))
	return st
}

// oldWeekLayout is how the week grid laid sessions out before it read
// whole only the drawn ones: every session of the week read whole (hours
// only), in Sessions' order, placed by refHourRange and refPlaceBlocks (the code of then).
func oldWeekLayout(t *testing.T, st data.Store, monday data.Date, mentors []data.ID) (first, last int, places []blockPlace) {
	t.Helper()
	all, err := st.Sessions(context.Background(), data.SessionFilter{From: dayStart(monday),
		To: dayStart(monday.AddDays(7)), MentorIDs: mentors, HoursOnly: true})
	must(t, err)
	slices.SortStableFunc(all, func(a, b data.Session) int { return a.PlannedStart.Compare(b.PlannedStart) })
	first, last = refHourRange(all)
	return first, last, refPlaceBlocks(monday, all, first)
}

// checkSameWeek compares the week grid shown with the old layout: the
// hours, every block's place, lane and session, every "+N", and what the
// blocks say.
func checkSameWeek(t *testing.T, st data.Store, s *calendarScreen, mentors []data.ID) {
	t.Helper()
	monday := mondayOf(s.anchor)
	first, last, want := oldWeekLayout(t, st, monday, mentors)
	v := s.week
	if v.first != first || v.last != last {
		t.Errorf("hours %02d–%02d, want %02d–%02d", v.first, v.last, first, last)
	}
	if len(v.places) != len(want) {
		t.Fatalf("%d blocks, want %d", len(v.places), len(want))
	}
	for i := range want {
		got := v.places[i]
		got.index = 0 // the reference does not number them
		if !reflect.DeepEqual(got, want[i]) {
			t.Fatalf("block %d:\n got %+v\nwant %+v", i, v.places[i], want[i])
		}
	}
	var texts []string
	for _, p := range want {
		if p.overflow > 0 {
			texts = append(texts, fmt.Sprintf("+%d | til", p.overflow))
			continue
		}
		_, status, _ := sessionStatus(p.session, s.env.now())
		texts = append(texts, dk.FormatTime(p.session.PlannedStart.In(data.Zone()))+" "+s.citizenLabel(p.session)+
			" | "+formText(p.session.Form)+" · "+status)
	}
	if got := blockTexts(s); !slices.Equal(got, texts) {
		t.Errorf("the blocks say\n%q\nwant\n%q", got, texts)
	}
}

// TestWeekOfManyMentorsShowsWhatItShowedBefore: a week of 100 mentors'
// ~2,500 sessions shows the very blocks, lanes, "+N" blocks and hours the
// grid showed when it read every session whole; so do one mentor's week,
// a few mentors' and the quiet week after.
func TestWeekOfManyMentorsShowsWhatItShowedBefore(t *testing.T) {
	st := crowdedWeek(t)
	m := newWindow(t, st)
	s := calendarOf(t, m)
	s.names.SetChecked(true)
	checkSameWeek(t, st, s, nil)
	overflows := 0
	for _, p := range s.week.places {
		if p.overflow > 0 {
			overflows += p.overflow
		}
	}
	if overflows < 2000 || s.week.first != 6 || s.week.last != 22 {
		t.Fatalf("the crowded week hides %d sessions and shows %02d–%02d; the test needs thousands hidden and 06–22",
			overflows, s.week.first, s.week.last)
	}
	if drawn := len(s.week.places) - countOverflowBlocks(s.week.places); len(s.sessions) != drawn {
		t.Errorf("the crowded week read %d sessions whole for %d blocks", len(s.sessions), drawn)
	}
	capture(t, m, "calendar-week-crowded")
	s.names.SetChecked(false) // initials, drawn from the same sessions
	checkSameWeek(t, st, s, nil)

	var few []data.ID
	for _, mt := range s.mentors[:3] {
		few = append(few, mt.ID)
	}
	for _, who := range [][]data.ID{few[:1], few} {
		s.mentorIDs = map[data.ID]bool{}
		for _, id := range who {
			s.mentorIDs[id] = true
		}
		must(t, s.reload(context.Background()))
		checkSameWeek(t, st, s, who)
	}
	s.mentorIDs = map[data.ID]bool{}
	s.step(1)
	checkSameWeek(t, st, s, nil)
	s.step(-1)
	checkSameWeek(t, st, s, nil)
}

// refHourRange is hourRange as it was when the week read every session
// whole (the reference the new layout is compared with).
func refHourRange(sessions []data.Session) (first, last int) {
	first, last = defaultFirst, defaultLast
	for _, s := range sessions {
		start, end := s.PlannedStart.In(data.Zone()), s.PlannedEnd.In(data.Zone())
		first = min(first, start.Hour())
		endHour := end.Hour()
		if end.Minute() > 0 {
			endHour++
		}
		if data.DateOf(end) != data.DateOf(start) {
			endHour = 24
		}
		last = max(last, endHour)
	}
	return first, min(last, 24)
}

// refPlaceBlocks is placeBlocks as it was (see refHourRange): it lays the
// sessions of each day out in lanes: overlapping
// sessions share the column side by side. A cluster needing more than
// maxLanes lanes shows maxLanes-1 sessions and a "+N" block for the rest,
// which opens the day's agenda: a coordinator's whole organisation fits
// without hundreds of slivers.
func refPlaceBlocks(monday data.Date, sessions []data.Session, firstHour int) []blockPlace {
	var out []blockPlace
	for day := 0; day < 7; day++ {
		date := monday.AddDays(day)
		var ofDay []data.Session
		for _, s := range sessions {
			if data.DateOf(s.PlannedStart.In(data.Zone())) == date {
				ofDay = append(ofDay, s)
			}
		}
		out = append(out, refPlaceDay(day, date, ofDay, firstHour)...)
	}
	return out
}

func refPlaceDay(day int, date data.Date, sessions []data.Session, firstHour int) []blockPlace {
	var out []blockPlace
	base := dayStart(date).Add(time.Duration(firstHour) * time.Hour)
	minutes := func(t time.Time) float32 {
		m := float32(t.Sub(base).Minutes())
		return max(m, 0)
	}
	for i := 0; i < len(sessions); {
		// A cluster: sessions chained by overlap.
		end := sessions[i].PlannedEnd
		j := i + 1
		for j < len(sessions) && sessions[j].PlannedStart.Before(end) {
			if sessions[j].PlannedEnd.After(end) {
				end = sessions[j].PlannedEnd
			}
			j++
		}
		cluster := sessions[i:j]
		var laneEnds []time.Time
		lanes := make([]int, len(cluster))
		for k, s := range cluster {
			lane := -1
			for l, e := range laneEnds {
				if !s.PlannedStart.Before(e) {
					lane = l
					break
				}
			}
			if lane < 0 {
				lane = len(laneEnds)
				laneEnds = append(laneEnds, time.Time{})
			}
			laneEnds[lane] = s.PlannedEnd
			lanes[k] = lane
		}
		width := min(len(laneEnds), maxLanes)
		hidden, firstHidden := 0, float32(-1)
		for k, s := range cluster {
			minLen := max(minutes(s.PlannedEnd), minutes(s.PlannedStart)+20)
			if len(laneEnds) > maxLanes && lanes[k] >= maxLanes-1 {
				hidden++
				if firstHidden < 0 {
					firstHidden = minutes(s.PlannedStart)
				}
				continue
			}
			out = append(out, blockPlace{day: day, fromMin: minutes(s.PlannedStart), toMin: minLen,
				lane: lanes[k], lanes: width, session: s})
		}
		if hidden > 0 {
			out = append(out, blockPlace{day: day, fromMin: firstHidden, toMin: firstHidden + 30,
				lane: maxLanes - 1, lanes: width, overflow: hidden, overflowDay: date})
		}
		i = j
	}
	return out
}

func countOverflowBlocks(places []blockPlace) int {
	n := 0
	for _, p := range places {
		if p.overflow > 0 {
			n++
		}
	}
	return n
}

// TestPlaceBlocksEqualsTheLaneByLanePlacement: random weeks, from a few
// sessions a day to hundreds chained into one cluster, many starting at
// the same minute, some running past midnight, are laid out exactly as the
// placement that tracked every lane did.
func TestPlaceBlocksEqualsTheLaneByLanePlacement(t *testing.T) {
	monday := data.NewDate(2026, 10, 19) // the week of the change to winter time
	rng := rand.New(rand.NewPCG(7, 48))
	overflowed := false
	defer func() {
		if !overflowed {
			t.Error("no round had a +N block; the test needs some")
		}
	}()
	for round := range 300 {
		n := rng.IntN(40)
		if round%10 == 0 {
			n = 200 + rng.IntN(600)
		}
		var sessions []data.Session
		for i := range n {
			day := rng.IntN(7)
			start := dayStart(monday.AddDays(day)).Add(time.Duration(rng.IntN(24*4)) * 15 * time.Minute)
			length := time.Duration(rng.IntN(12)) * 15 * time.Minute
			sessions = append(sessions, data.Session{ID: data.ID(i + 1), PlannedStart: start, PlannedEnd: start.Add(length)})
		}
		if round == 0 {
			// Four starting together, the first ending as it starts
			// (never saved by the app): it frees its lane at once, so
			// the four fit in three lanes.
			at10 := dayStart(monday).Add(10 * time.Hour)
			sessions = []data.Session{{ID: 1, PlannedStart: at10, PlannedEnd: at10}}
			for id := range 3 {
				sessions = append(sessions, data.Session{ID: data.ID(id + 2), PlannedStart: at10, PlannedEnd: at10.Add(time.Hour)})
			}
		}
		slices.SortStableFunc(sessions, func(a, b data.Session) int { return a.PlannedStart.Compare(b.PlannedStart) })
		first, last := refHourRange(sessions)
		want := refPlaceBlocks(monday, sessions, first)
		got := layoutWeek(monday, sessions)
		// As weekSessions reads them: at most maxLanes per start.
		grouped := layoutTimes(monday, firstPerStart(sessionTimes(sessions), maxLanes))
		for _, g := range []weekLayout{got, grouped} {
			if g.first != first || g.last != last {
				t.Fatalf("round %d: hours %d–%d, want %d–%d", round, g.first, g.last, first, last)
			}
			if len(g.places) != len(want) {
				t.Fatalf("round %d (%d sessions): %d blocks, want %d", round, len(sessions), len(g.places), len(want))
			}
		}
		for i := range want {
			grouped.places[i].session, grouped.places[i].index = want[i].session, 0
			got.places[i].index = 0
		}
		if !reflect.DeepEqual(got.places, want) || !reflect.DeepEqual(grouped.places, want) {
			t.Fatalf("round %d (%d sessions): the blocks differ", round, len(sessions))
		}
		for _, p := range want {
			overflowed = overflowed || p.overflow > 0
		}
	}
}

// firstPerStart keeps of every start of times (by start and id) the first
// perStart and one sessionTime with more for the others, as weekSessions
// reads them (a start with a session not ending after it is kept whole).
func firstPerStart(times []sessionTime, perStart int) []sessionTime {
	var out []sessionTime
	for i := 0; i < len(times); {
		j := i
		latest := times[i].end
		whole := false // a session not ending after its start: all listed
		for j < len(times) && times[j].start.Equal(times[i].start) {
			if times[j].end.After(latest) {
				latest = times[j].end
			}
			whole = whole || !times[j].end.After(times[j].start)
			j++
		}
		if whole {
			out = append(out, times[i:j]...)
			i = j
			continue
		}
		out = append(out, times[i:min(j, i+perStart)]...)
		if j-i > perStart {
			out = append(out, sessionTime{start: times[i].start, end: latest, more: j - i - perStart})
		}
		i = j
	}
	return out
}
