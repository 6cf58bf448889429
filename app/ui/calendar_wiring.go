package ui

import (
	"context"
	"strconv"
	"time"

	"mentorbog/data"
)

// newCalendar builds the calendar screen; its forms reload the section on
// screen after a save (the overview, when opened from there).
func (m *MainWindow) newCalendar() screen {
	s := newCalendarScreen(m.store, m.env)
	s.openCitizen = m.showCitizen
	s.onSaved = func() {
		if m.current != SectionCalendar {
			m.Reload()
		}
	}
	return s
}

// calendar is the calendar screen with its lookups loaded, so its forms
// can open from elsewhere (the overview, a restored draft).
func (m *MainWindow) calendar() *calendarScreen {
	s, ok := m.screenFor(SectionCalendar).(*calendarScreen)
	if !ok {
		return nil
	}
	if s.citizenNames == nil {
		if s.anchor.IsZero() {
			s.anchor = m.env.today()
		}
		if err := s.loadLookups(context.Background()); err != nil {
			m.env.showError(err)
			return nil
		}
	}
	return s
}

// wireOverview connects the overview's lines to what they open.
func (m *MainWindow) wireOverview(s *overviewScreen) {
	s.mentorView = m.user.Role == data.RoleMentor
	s.openCitizen = m.showCitizen
	s.statusDue = m.statusReportsDue
	s.openSession = func(ss data.Session) {
		if c := m.calendar(); c != nil {
			c.open(ss)
		}
	}
}

// showCitizen shows the citizen page on one citizen.
func (m *MainWindow) showCitizen(id data.ID) {
	m.ShowSection(SectionCitizens)
	if m.openCitizen != nil {
		m.openCitizen(id)
	}
}

// restoreSessionDraft reopens the planning or after-meeting form from its
// draft: the session it was about (or a new one), with the typed values.
func (m *MainWindow) restoreSessionDraft(d data.Draft) {
	c := m.calendar()
	if c == nil {
		return
	}
	ss := data.Session{Status: data.SessionPlanned}
	if id, err := strconv.ParseInt(d.Key, 10, 64); err == nil {
		stored, err := m.store.Session(context.Background(), data.ID(id))
		if err != nil {
			m.env.showError(err)
			return
		}
		ss = stored
		if err := c.lookupSessions(context.Background(), []data.Session{ss}); err != nil {
			m.env.showError(err)
			return
		}
	} else {
		start := m.env.now().Truncate(30 * time.Minute)
		ss.PlannedStart, ss.PlannedEnd = start, start.Add(time.Hour)
	}
	if d.Kind == draftSessionPlan {
		c.showPlanForm(ss, d.Payload)
		return
	}
	c.showRegisterForm(ss, d.Payload)
}
