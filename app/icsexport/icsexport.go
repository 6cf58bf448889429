// Package icsexport writes sessions as an iCalendar file (RFC 5545) that
// Outlook and Google Calendar import. It is used by the command line
// (`mentorbog export ics`) and the calendar's export button alike.
//
// An event carries only what may be seen in a mentor's ordinary calendar:
// the citizen's initials, the form and the place. Never a CPR number, a
// note or a full name: calendars are synchronised to phones and shared.
package icsexport

import (
	"context"
	"fmt"
	"io"
	"time"

	ics "github.com/arran4/golang-ical"

	"mentorbog/data"
)

// TZID is the time zone every event is written in.
const TZID = "Europe/Copenhagen"

// Store is what an export reads and audits.
type Store interface {
	Sessions(ctx context.Context, f data.SessionFilter) ([]data.Session, error)
	Courses(ctx context.Context, f data.CourseFilter) ([]data.Course, error)
	Citizens(ctx context.Context, includeArchived bool) ([]data.Citizen, error)
	Mentors(ctx context.Context, includeArchived bool) ([]data.Mentor, error)
	Audit(ctx context.Context, e data.AuditEntry) error
	CurrentUser() (data.User, bool)
}

// HistoryDays is how far back an export reaches: older sessions are of no
// use in a calendar app and only make the file larger.
const HistoryDays = 90

// Export writes the sessions of the given mentors (every mentor when the
// list is empty) from HistoryDays before now onwards, and records the
// export in the audit log. It returns how many events it wrote.
func Export(ctx context.Context, st Store, w io.Writer, mentorIDs []data.ID, now time.Time) (int, error) {
	sessions, err := st.Sessions(ctx, data.SessionFilter{From: now.AddDate(0, 0, -HistoryDays), MentorIDs: mentorIDs})
	if err != nil {
		return 0, fmt.Errorf("export ics: sessions: %w", err)
	}
	courses, err := st.Courses(ctx, data.CourseFilter{})
	if err != nil {
		return 0, fmt.Errorf("export ics: courses: %w", err)
	}
	citizens, err := st.Citizens(ctx, true)
	if err != nil {
		return 0, fmt.Errorf("export ics: citizens: %w", err)
	}
	mentors, err := st.Mentors(ctx, true)
	if err != nil {
		return 0, fmt.Errorf("export ics: mentors: %w", err)
	}
	in := Input{Sessions: sessions, Now: now, Courses: map[data.ID]data.Course{}, Citizens: map[data.ID]data.Citizen{},
		Mentors: map[data.ID]data.Mentor{}, WithMentor: len(mentorIDs) != 1}
	for _, c := range courses {
		in.Courses[c.ID] = c
	}
	for _, c := range citizens {
		in.Citizens[c.ID] = c
	}
	for _, m := range mentors {
		in.Mentors[m.ID] = m
	}
	if err := Write(w, in); err != nil {
		return 0, err
	}
	u, _ := st.CurrentUser()
	scope := "alle mentorer"
	if len(mentorIDs) > 0 {
		scope = fmt.Sprintf("%d mentor(er)", len(mentorIDs))
	}
	err = st.Audit(ctx, data.AuditEntry{UserID: u.ID, Username: u.Username, Action: data.AuditExport,
		Detail: fmt.Sprintf("kalender som ics: %d møder, %s", len(sessions), scope)})
	if err != nil {
		return 0, fmt.Errorf("export ics: audit: %w", err)
	}
	return len(sessions), nil
}

// Input is what Write needs: the sessions and the records they point at.
type Input struct {
	Sessions []data.Session
	Courses  map[data.ID]data.Course
	Citizens map[data.ID]data.Citizen
	Mentors  map[data.ID]data.Mentor
	Now      time.Time
	// WithMentor adds the mentor's initials to each summary (an export of
	// several mentors' sessions).
	WithMentor bool
}

// Write writes the calendar.
func Write(w io.Writer, in Input) error {
	cal := ics.NewCalendarFor("Mentorbog")
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName("Mentorbog")
	cal.SetXWRTimezone(TZID)
	addCopenhagen(cal)
	for _, s := range in.Sessions {
		addEvent(cal, s, in)
	}
	if err := cal.SerializeTo(w); err != nil {
		return fmt.Errorf("export ics: %w", err)
	}
	return nil
}

// UID is a session's stable identity: importing the file again updates
// the events instead of duplicating them.
func UID(id data.ID) string { return fmt.Sprintf("session-%d@mentorbog", id) }

func addEvent(cal *ics.Calendar, s data.Session, in Input) {
	e := cal.AddEvent(UID(s.ID))
	e.SetDtStampTime(in.Now)
	// Calendar apps take a higher SEQUENCE as a newer version of the same
	// event; minutes since 2024 always grow from one export to the next.
	e.SetSequence(int(in.Now.Sub(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)) / time.Minute))
	local := ics.WithTZID(TZID)
	e.SetProperty(ics.ComponentPropertyDtStart, s.PlannedStart.In(data.Zone()).Format("20060102T150405"), local)
	e.SetProperty(ics.ComponentPropertyDtEnd, s.PlannedEnd.In(data.Zone()).Format("20060102T150405"), local)
	e.SetSummary(Summary(s, in))
	if s.Place != "" {
		e.SetLocation(s.Place)
	}
	e.SetClass(ics.ClassificationPrivate)
	if s.Cancelled() {
		e.SetStatus(ics.ObjectStatusCancelled)
	} else {
		e.SetStatus(ics.ObjectStatusConfirmed)
	}
}

// Summary is "Mentormøde A.B. · Telefon" (plus " · aflyst" and the
// mentor's initials when asked): initials only, never a name.
func Summary(s data.Session, in Input) string {
	citizen := in.Citizens[in.Courses[s.CourseID].CitizenID]
	text := "Mentormøde " + data.Initials(citizen.Name) + " · " + s.Form.Label()
	if s.Form == "" {
		text = "Mentormøde " + data.Initials(citizen.Name)
	}
	switch s.Status {
	case data.SessionCancelledCitizen, data.SessionCancelledMentor:
		text += " · aflyst"
	case data.SessionNoShow:
		text += " · udeblevet"
	}
	if in.WithMentor {
		text += " · mentor " + data.Initials(in.Mentors[s.MentorID].Name)
	}
	return text
}

// addCopenhagen writes the VTIMEZONE for Europe/Copenhagen with the EU
// rules in force since 1996: summer time from the last Sunday of March at
// 02:00 to the last Sunday of October at 03:00.
func addCopenhagen(cal *ics.Calendar) {
	tz := cal.AddTimezone(TZID)
	std := &ics.Standard{}
	std.SetProperty(ics.ComponentProperty(ics.PropertyDtstart), "19961027T030000")
	std.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), "+0200")
	std.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), "+0100")
	std.SetProperty(ics.ComponentProperty(ics.PropertyTzname), "CET")
	std.SetProperty(ics.ComponentPropertyRrule, "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
	dst := &ics.Daylight{}
	dst.SetProperty(ics.ComponentProperty(ics.PropertyDtstart), "19960331T020000")
	dst.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), "+0100")
	dst.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), "+0200")
	dst.SetProperty(ics.ComponentProperty(ics.PropertyTzname), "CEST")
	dst.SetProperty(ics.ComponentPropertyRrule, "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
	tz.Components = append(tz.Components, std, dst)
}
