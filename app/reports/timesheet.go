package reports

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// TimesheetLine is one citizen's agreement in one month: the contact time
// that is billed at the agreement's rate, and the transport and admin time
// that is recorded but never billed.
type TimesheetLine struct {
	Citizen  data.Citizen
	CourseID data.ID
	// Agreement is zero for sessions outside every agreement; they are
	// billed at the organisation's default rate and flagged in the report.
	Agreement data.Agreement
	RateOere  int64
	Hours     data.Hours
}

// AmountOere is contact time × rate, rounded to whole øre.
func (l TimesheetLine) AmountOere() int64 {
	return (int64(l.Hours.UsedMin)*l.RateOere + 30) / 60
}

// Timesheet is the timeopgørelse of one municipality for one month.
type Timesheet struct {
	Municipality data.Municipality
	Month        data.Date // the first day
	Lines        []TimesheetLine
}

// TimesheetTotals sums a timesheet; the amount is the sum of the rounded
// line amounts, as on the invoice.
type TimesheetTotals struct {
	Held, ContactMin, TransportMin, AdminMin int
	AmountOere                               int64
}

// Totals sums the lines.
func (t Timesheet) Totals() TimesheetTotals {
	var s TimesheetTotals
	for _, l := range t.Lines {
		s.Held += l.Hours.Held
		s.ContactMin += l.Hours.UsedMin
		s.TransportMin += l.Hours.TransportMin
		s.AdminMin += l.Hours.AdminMin
		s.AmountOere += l.AmountOere()
	}
	return s
}

// TimesheetSource is what building timesheets reads.
type TimesheetSource interface {
	Organisation(ctx context.Context) (data.Organisation, error)
	Municipalities(ctx context.Context, includeArchived bool) ([]data.Municipality, error)
	Citizens(ctx context.Context, includeArchived bool) ([]data.Citizen, error)
	Courses(ctx context.Context, f data.CourseFilter) ([]data.Course, error)
	Agreements(ctx context.Context, courseID data.ID, activeOn data.Date) ([]data.Agreement, error)
	Sessions(ctx context.Context, f data.SessionFilter) ([]data.Session, error)
}

// TimesheetInput is what BuildTimesheets needs, read beforehand so the
// arithmetic is a pure function.
type TimesheetInput struct {
	Month          data.Date // any day of the month
	Sessions       []data.Session
	Agreements     map[data.ID][]data.Agreement // by course
	Courses        map[data.ID]data.Course
	Citizens       map[data.ID]data.Citizen
	Municipalities map[data.ID]data.Municipality
	DefaultRate    int64
}

// LoadTimesheets reads one month and builds one timesheet per municipality
// with any registered time, sorted the Danish way.
func LoadTimesheets(ctx context.Context, st TimesheetSource, month data.Date) ([]Timesheet, error) {
	month = data.NewDate(month.Year, month.Month, 1)
	org, err := st.Organisation(ctx)
	if err != nil {
		return nil, fmt.Errorf("read organisation: %w", err)
	}
	municipalities, err := st.Municipalities(ctx, true)
	if err != nil {
		return nil, fmt.Errorf("read municipalities: %w", err)
	}
	citizens, err := st.Citizens(ctx, true)
	if err != nil {
		return nil, fmt.Errorf("read citizens: %w", err)
	}
	courses, err := st.Courses(ctx, data.CourseFilter{})
	if err != nil {
		return nil, fmt.Errorf("read courses: %w", err)
	}
	sessions, err := st.Sessions(ctx, data.SessionFilter{From: month.In(data.Zone()), To: month.AddMonths(1).In(data.Zone())})
	if err != nil {
		return nil, fmt.Errorf("read sessions: %w", err)
	}
	in := TimesheetInput{Month: month, Sessions: sessions, DefaultRate: org.HourlyRateOere,
		Agreements: map[data.ID][]data.Agreement{}, Courses: map[data.ID]data.Course{},
		Citizens: map[data.ID]data.Citizen{}, Municipalities: map[data.ID]data.Municipality{}}
	for _, c := range courses {
		in.Courses[c.ID] = c
	}
	for _, c := range citizens {
		in.Citizens[c.ID] = c
	}
	for _, m := range municipalities {
		in.Municipalities[m.ID] = m
	}
	for _, s := range sessions {
		if _, ok := in.Agreements[s.CourseID]; !ok {
			if in.Agreements[s.CourseID], err = st.Agreements(ctx, s.CourseID, data.Date{}); err != nil {
				return nil, fmt.Errorf("read agreements: %w", err)
			}
		}
	}
	return BuildTimesheets(in), nil
}

// BuildTimesheets groups the month's sessions by municipality, citizen and
// agreement. A session belongs to the newest agreement covering its day, so
// an extension that starts the day the old period ends is not billed twice.
// Hours come from data.MonthlyHours: only held sessions' contact time is
// billed; transport and admin time are summed apart.
func BuildTimesheets(in TimesheetInput) []Timesheet {
	month := data.NewDate(in.Month.Year, in.Month.Month, 1)
	monthEnd := month.AddMonths(1).AddDays(-1)
	type bucket struct {
		agreement data.Agreement
		sessions  []data.Session
	}
	byCourse := map[data.ID]map[data.ID]*bucket{} // course → agreement id (0 = none)
	var courseIDs []data.ID
	for _, s := range in.Sessions {
		a := newestCovering(in.Agreements[s.CourseID], s)
		if byCourse[s.CourseID] == nil {
			byCourse[s.CourseID] = map[data.ID]*bucket{}
			courseIDs = append(courseIDs, s.CourseID)
		}
		b := byCourse[s.CourseID][a.ID]
		if b == nil {
			b = &bucket{agreement: a}
			byCourse[s.CourseID][a.ID] = b
		}
		b.sessions = append(b.sessions, s)
	}
	sheets := map[data.ID]*Timesheet{}
	var order []data.ID
	slices.Sort(courseIDs)
	for _, courseID := range courseIDs {
		course := in.Courses[courseID]
		buckets := byCourse[courseID]
		ids := make([]data.ID, 0, len(buckets))
		for id := range buckets {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			b := buckets[id]
			line := TimesheetLine{Citizen: in.Citizens[course.CitizenID], CourseID: courseID, Agreement: b.agreement, RateOere: in.DefaultRate}
			if id != 0 {
				line.RateOere = b.agreement.RateOere
				line.Hours = monthOf(data.MonthlyHours(b.agreement, b.sessions), month)
			} else {
				line.Hours = data.Account(data.Agreement{CourseID: courseID, Start: month, End: monthEnd}, b.sessions)
			}
			h := line.Hours
			if h.Held == 0 && h.TransportMin == 0 && h.AdminMin == 0 {
				continue // only cancelled or planned sessions: nothing to report
			}
			t := sheets[course.MunicipalityID]
			if t == nil {
				t = &Timesheet{Municipality: in.Municipalities[course.MunicipalityID], Month: month}
				sheets[course.MunicipalityID] = t
				order = append(order, course.MunicipalityID)
			}
			t.Lines = append(t.Lines, line)
		}
	}
	var out []Timesheet
	for _, id := range order {
		t := sheets[id]
		slices.SortStableFunc(t.Lines, func(a, b TimesheetLine) int {
			return cmp.Compare(a.Agreement.Start.String(), b.Agreement.Start.String())
		})
		dk.SortBy(t.Lines, func(l TimesheetLine) string { return l.Citizen.Name })
		out = append(out, *t)
	}
	dk.SortBy(out, func(t Timesheet) string { return t.Municipality.Name })
	return out
}

// newestCovering is the newest agreement covering the session's day.
func newestCovering(agreements []data.Agreement, s data.Session) data.Agreement {
	var best data.Agreement
	for _, a := range agreements {
		if a.Covers(s.PlannedStart) && (best.ID == 0 || a.Start.After(best.Start) || (a.Start == best.Start && a.ID > best.ID)) {
			best = a
		}
	}
	return best
}

// monthOf picks the month's period from MonthlyHours.
func monthOf(periods []data.PeriodHours, month data.Date) data.Hours {
	label := fmt.Sprintf("%04d-%02d", month.Year, month.Month)
	for _, p := range periods {
		if p.Label == label {
			return p.Hours
		}
	}
	return data.Hours{}
}

// timesheetDoc renders one municipality's timeopgørelse.
func timesheetDoc(org data.Organisation, t Timesheet, on data.Date) *document {
	d := newFramed(frame{org: org, title: "Timeopgørelse", created: on.In(data.Zone())})
	monthName := dk.MonthName(t.Month.Month) + " " + strconv.Itoa(t.Month.Year)
	d.heading("Timeopgørelse for "+monthName, 16)
	d.facts([][2]string{
		{"Leverandør", joinNonEmpty(" · ", org.Name, cvrText(org.CVR), joinNonEmpty(", ", org.Address, joinNonEmpty(" ", org.Postcode, org.City)))},
		{"Kommune", t.Municipality.Name},
		{"EAN-nummer", orDash(t.Municipality.EAN)},
		{"Periode", periodText(t.Month, t.Month.AddMonths(1).AddDays(-1))},
	})
	rows := make([][]string, 0, len(t.Lines)+1)
	for _, l := range t.Lines {
		agreement := "uden aftale"
		if l.Agreement.ID != 0 {
			agreement = periodText(l.Agreement.Start, l.Agreement.End)
		}
		rows = append(rows, []string{l.Citizen.Name + "\n" + orDash(l.Citizen.MaskedCPR()), fmt.Sprintf("%d\n%s", l.CourseID, agreement),
			strconv.Itoa(l.Hours.Held), dk.FormatHours(l.Hours.UsedMin), dk.FormatMoney(l.RateOere), dk.FormatMoney(l.AmountOere()),
			dk.FormatHours(l.Hours.TransportMin), dk.FormatHours(l.Hours.AdminMin)})
	}
	tot := t.Totals()
	rows = append(rows, []string{"I alt", "", strconv.Itoa(tot.Held), dk.FormatHours(tot.ContactMin), "", dk.FormatMoney(tot.AmountOere),
		dk.FormatHours(tot.TransportMin), dk.FormatHours(tot.AdminMin)})
	d.tableWith(tableStyle{aligns: "LLRRRRRR", total: true},
		[]string{"Borger", "Forløb / aftale", "Møder", "Kontakt t", "Timepris", "Beløb", "Transp. t", "Admin. t"},
		[]float64{38, 28, 14, 17, 22, 25, 16, contentWidth - 160}, rows)
	d.facts([][2]string{
		{"Kontakttimer i alt", hoursText(tot.ContactMin)},
		{"Beløb i alt", dk.FormatMoney(tot.AmountOere)},
	})
	d.notice("Kun kontakttid faktureres. Transport- og administrationstid er registreret og vist til orientering, men indgår ikke i beløbet (LAB: transporttid og administration må ikke faktureres).", false)
	return d
}
