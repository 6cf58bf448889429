package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"mentorbog/data"
)

const reportColumns = `id, kind, course_id, agreement_id, municipality_id, period_start, period_end,
	situation, plan, event_deviation, event_sickness, event_crisis, event_job_start, assessment,
	recommendation, suggested_hours_min, citizen_comments, status, created_by, created_by_name,
	created_at, updated_at, submitted_at, approved_by, approved_by_name, approved_at, sent_at, version`

// actor is the logged-in user and the role the workflow sees. Before setup
// (system mode: tests and the first start) there is nobody to check, and
// the store acts as an administrator, as require does.
func (s *Store) actor() (data.User, data.UserRole, string) {
	u, ok := s.CurrentUser()
	if !ok {
		return u, data.RoleAdministrator, "system"
	}
	name := u.DisplayName
	if strings.TrimSpace(name) == "" {
		name = u.Username
	}
	return u, u.Role, name
}

// Reports lists written reports, newest period first. A mentor sees only
// the reports of their own courses.
func (s *Store) Reports(ctx context.Context, f data.ReportFilter) ([]data.Report, error) {
	if err := s.require(ctx, permRead); err != nil {
		return nil, err
	}
	var w where
	s.scopeCourses(&w, "course_id")
	if f.CourseID != 0 {
		w.add("course_id = ?", f.CourseID)
	}
	if f.CitizenID != 0 {
		w.add("course_id IN (SELECT id FROM courses WHERE citizen_id = ?)", f.CitizenID)
	}
	if f.MunicipalityID != 0 {
		w.add("course_id IN (SELECT id FROM courses WHERE municipality_id = ?)", f.MunicipalityID)
	}
	in(&w, "kind", f.Kinds)
	in(&w, "status", f.Statuses)
	rows, err := s.q(ctx).QueryContext(ctx, "SELECT "+reportColumns+" FROM reports"+w.String()+
		" ORDER BY period_end DESC, id DESC", w.args...)
	if err != nil {
		return nil, fmt.Errorf("list reports: %w", err)
	}
	defer rows.Close()
	var out []data.Report
	for rows.Next() {
		r, err := s.scanReport(rows)
		if err != nil {
			return nil, fmt.Errorf("list reports: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Report reads one written report.
func (s *Store) Report(ctx context.Context, id data.ID) (data.Report, error) {
	if err := s.require(ctx, permRead); err != nil {
		return data.Report{}, err
	}
	r, err := s.scanReport(s.q(ctx).QueryRowContext(ctx, "SELECT "+reportColumns+" FROM reports WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("read report %d: %w", id, data.ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("read report %d: %w", id, err)
	}
	if err := s.requireCourse(ctx, r.CourseID); err != nil {
		return data.Report{}, err
	}
	return r, nil
}

func (s *Store) scanReport(r scanner) (data.Report, error) {
	var rep data.Report
	var agreement, municipality, createdBy, approvedBy, submitted, approved, sent sql.NullInt64
	var created, updated int64
	err := r.Scan(&rep.ID, &rep.Kind, &rep.CourseID, &agreement, &municipality, dateOf(&rep.PeriodStart), dateOf(&rep.PeriodEnd),
		&rep.Situation, &rep.Plan, &rep.Events.Deviation, &rep.Events.Sickness, &rep.Events.Crisis, &rep.Events.JobOrEducation,
		&rep.Assessment, &rep.Recommendation, &rep.SuggestedHoursMin, &rep.CitizenComments, &rep.Status,
		&createdBy, &rep.CreatedByName, &created, &updated, &submitted, &approvedBy, &rep.ApprovedByName, &approved, &sent, &rep.Version)
	if err != nil {
		return rep, err
	}
	rep.AgreementID, rep.MunicipalityID = idOf(agreement), idOf(municipality)
	rep.CreatedBy, rep.ApprovedBy = idOf(createdBy), idOf(approvedBy)
	rep.CreatedAt, rep.UpdatedAt = timeOf(sqlNull(created)), timeOf(sqlNull(updated))
	rep.SubmittedAt, rep.ApprovedAt, rep.SentAt = timeOf(submitted), timeOf(approved), timeOf(sent)
	err = s.openAll(&rep.Situation, &rep.Plan, &rep.Events.Deviation, &rep.Events.Sickness, &rep.Events.Crisis,
		&rep.Events.JobOrEducation, &rep.Assessment, &rep.CitizenComments)
	return rep, err
}

// SaveReport inserts a new report as kladde, or updates the written part of
// one the user may still edit. Status changes go through MoveReport.
func (s *Store) SaveReport(ctx context.Context, r *data.Report) error {
	if err := s.requireCourse(ctx, r.CourseID); err != nil {
		return err
	}
	if r.ID == 0 {
		r.Status = data.ReportDraft
	}
	if err := r.Validate().Err(); err != nil {
		return err
	}
	u, role, name := s.actor()
	return s.Atomically(ctx, func(ctx context.Context) error {
		if r.ID != 0 {
			old, err := s.Report(ctx, r.ID)
			if err != nil {
				return err
			}
			if !old.Editable(role) {
				return data.ErrReportNotEditable
			}
			if old.CourseID != r.CourseID || old.Kind != r.Kind {
				return fmt.Errorf("save report %d: kind and course cannot change", r.ID)
			}
			r.Status = old.Status
		}
		fields := []*string{&r.Situation, &r.Plan, &r.Events.Deviation, &r.Events.Sickness, &r.Events.Crisis,
			&r.Events.JobOrEducation, &r.Assessment, &r.CitizenComments}
		sealed := make([]string, len(fields))
		ptrs := make([]*string, len(fields))
		for i, f := range fields {
			sealed[i], ptrs[i] = *f, &sealed[i]
		}
		if err := s.sealAll(ptrs...); err != nil {
			return fmt.Errorf("save report: %w", err)
		}
		now := s.clock()()
		args := []any{nullID(r.AgreementID), nullID(r.MunicipalityID), r.PeriodStart.String(), r.PeriodEnd.String(),
			sealed[0], sealed[1], sealed[2], sealed[3], sealed[4], sealed[5], sealed[6],
			string(r.Recommendation), r.SuggestedHoursMin, sealed[7], now.Unix()}
		if r.ID == 0 {
			id, err := insertID(s.q(ctx).QueryRowContext(ctx, `INSERT INTO reports (agreement_id, municipality_id,
				period_start, period_end, situation, plan, event_deviation, event_sickness, event_crisis, event_job_start,
				assessment, recommendation, suggested_hours_min, citizen_comments, updated_at,
				kind, course_id, status, created_by, created_by_name, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
				append(args, string(r.Kind), r.CourseID, string(r.Status), nullID(u.ID), name, now.Unix())...))
			if err != nil {
				return fmt.Errorf("save report: %w", err)
			}
			r.ID, r.CreatedBy, r.CreatedByName, r.CreatedAt = id, u.ID, name, now
			if err := s.stampInsert(ctx, "reports", id, &r.Version); err != nil {
				return fmt.Errorf("save report: %w", err)
			}
		} else {
			err := s.updateVersioned(ctx, "reports", "rapport", r.ID, &r.Version, `agreement_id = ?, municipality_id = ?,
				period_start = ?, period_end = ?, situation = ?, plan = ?, event_deviation = ?, event_sickness = ?,
				event_crisis = ?, event_job_start = ?, assessment = ?, recommendation = ?, suggested_hours_min = ?,
				citizen_comments = ?, updated_at = ?`, args...)
			if err != nil {
				return fmt.Errorf("save report %d: %w", r.ID, err)
			}
		}
		r.UpdatedAt = now
		s.auditChange(ctx, r.CreatedAt.Equal(now), "rapport ("+string(r.Kind)+")", r.ID, r.CourseID, "")
		return nil
	})
}

// MoveReport moves a report through the workflow (see data.CanMoveReport),
// recording who approved it and when, and the comment if any.
func (s *Store) MoveReport(ctx context.Context, id data.ID, to data.ReportStatus, comment string) error {
	return s.Atomically(ctx, func(ctx context.Context) error {
		r, err := s.Report(ctx, id)
		if err != nil {
			return err
		}
		u, role, name := s.actor()
		if err := data.CanMoveReport(r.Status, to, role); err != nil {
			return err
		}
		now := s.clock()().Unix()
		q := s.q(ctx)
		switch to {
		case data.ReportSubmitted:
			_, err = q.ExecContext(ctx, "UPDATE reports SET status = ?, submitted_at = ? WHERE id = ?", to, now, id)
		case data.ReportApproved:
			_, err = q.ExecContext(ctx, `UPDATE reports SET status = ?, approved_by = ?, approved_by_name = ?,
				approved_at = ? WHERE id = ?`, to, nullID(u.ID), name, now, id)
		default: // back to kladde: an earlier approval no longer holds
			_, err = q.ExecContext(ctx, `UPDATE reports SET status = ?, approved_by = NULL, approved_by_name = '',
				approved_at = NULL WHERE id = ?`, to, id)
		}
		if err != nil {
			return fmt.Errorf("move report %d: %w", id, storageError(err))
		}
		if strings.TrimSpace(comment) != "" {
			if err := s.AddReportComment(ctx, id, comment); err != nil {
				return err
			}
		}
		s.auditChange(ctx, false, "rapport", id, r.CourseID, "status "+string(to))
		return nil
	})
}

// AddReportComment adds a comment to a report of a course the user may see.
func (s *Store) AddReportComment(ctx context.Context, id data.ID, text string) error {
	text = strings.TrimSpace(text)
	if text == "" {
		return data.Problems{{Field: "comment", Message: "Kommentar skal udfyldes."}}
	}
	if len([]rune(text)) > data.MaxLongText {
		return data.Problems{{Field: "comment", Message: fmt.Sprintf("Kommentar må højst have %d tegn.", data.MaxLongText)}}
	}
	if _, err := s.Report(ctx, id); err != nil {
		return err
	}
	u, _, name := s.actor()
	if err := s.sealAll(&text); err != nil {
		return fmt.Errorf("comment report: %w", err)
	}
	_, err := s.q(ctx).ExecContext(ctx, `INSERT INTO report_comments (report_id, user_id, username, at, text)
		VALUES (?, ?, ?, ?, ?)`, id, nullID(u.ID), name, s.clock()().Unix(), text)
	if err != nil {
		return fmt.Errorf("comment report: %w", storageError(err))
	}
	return nil
}

// ReportComments lists a report's comments, oldest first.
func (s *Store) ReportComments(ctx context.Context, id data.ID) ([]data.ReportComment, error) {
	if _, err := s.Report(ctx, id); err != nil {
		return nil, err
	}
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT id, report_id, user_id, username, at, text
		FROM report_comments WHERE report_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("list report comments: %w", err)
	}
	defer rows.Close()
	var out []data.ReportComment
	for rows.Next() {
		var c data.ReportComment
		var user sql.NullInt64
		var at int64
		if err := rows.Scan(&c.ID, &c.ReportID, &user, &c.Username, &at, &c.Text); err != nil {
			return nil, fmt.Errorf("list report comments: %w", err)
		}
		if err := s.openAll(&c.Text); err != nil {
			return nil, fmt.Errorf("list report comments: %w", err)
		}
		c.UserID, c.At = idOf(user), timeOf(sqlNull(at))
		out = append(out, c)
	}
	return out, rows.Err()
}

const generatedColumns = `id, report_id, kind, course_id, citizen_id, municipality_id, period_start, period_end,
	file_name, draft, sha256, generated_by, generated_name, generated_at, approved_name, approved_at, sent_at, sent_to`

// RegisterGeneratedReport records a generated PDF. Documents about one
// course need access to the course; the hours statement and a citizen's
// whole data need a koordinator or administrator.
func (s *Store) RegisterGeneratedReport(ctx context.Context, g *data.GeneratedReport) error {
	if g.CourseID != 0 {
		if err := s.requireCourse(ctx, g.CourseID); err != nil {
			return err
		}
	} else if err := s.require(ctx, permCoordinate); err != nil {
		return err
	}
	if g.FileName == "" || len(g.SHA256) != 64 || g.Kind == "" {
		return fmt.Errorf("register report: file name, kind and SHA-256 are required")
	}
	if data.RedactAuditDetail(g.FileName) != g.FileName {
		return fmt.Errorf("register report: the file name looks like it holds a CPR number")
	}
	u, _, name := s.actor()
	now := s.clock()()
	id, err := insertID(s.q(ctx).QueryRowContext(ctx, `INSERT INTO generated_reports (report_id, kind, course_id,
		citizen_id, municipality_id, period_start, period_end, file_name, draft, sha256, generated_by, generated_name,
		generated_at, approved_name, approved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		nullID(g.ReportID), string(g.Kind), nullID(g.CourseID), nullID(g.CitizenID), nullID(g.MunicipalityID),
		g.PeriodStart.String(), g.PeriodEnd.String(), g.FileName, boolInt(g.Draft), g.SHA256, nullID(u.ID), name,
		now.Unix(), g.ApprovedName, unixOrNull(g.ApprovedAt)))
	if err != nil {
		return fmt.Errorf("register report: %w", err)
	}
	g.ID, g.GeneratedBy, g.GeneratedName, g.GeneratedAt = id, u.ID, name, now.Truncate(1e9)
	return nil
}

// GeneratedReports lists the register, newest first. A mentor sees only
// their own courses' documents.
func (s *Store) GeneratedReports(ctx context.Context, f data.ReportFilter) ([]data.GeneratedReport, error) {
	if err := s.require(ctx, permRead); err != nil {
		return nil, err
	}
	var w where
	s.scopeCourses(&w, "course_id")
	if f.CourseID != 0 {
		w.add("course_id = ?", f.CourseID)
	}
	if f.CitizenID != 0 {
		w.add("(citizen_id = ? OR course_id IN (SELECT id FROM courses WHERE citizen_id = ?))", f.CitizenID, f.CitizenID)
	}
	if f.MunicipalityID != 0 {
		w.add("municipality_id = ?", f.MunicipalityID)
	}
	in(&w, "kind", f.Kinds)
	rows, err := s.q(ctx).QueryContext(ctx, "SELECT "+generatedColumns+" FROM generated_reports"+w.String()+
		" ORDER BY generated_at DESC, id DESC", w.args...)
	if err != nil {
		return nil, fmt.Errorf("list generated reports: %w", err)
	}
	defer rows.Close()
	var out []data.GeneratedReport
	for rows.Next() {
		g, err := scanGenerated(rows)
		if err != nil {
			return nil, fmt.Errorf("list generated reports: %w", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

func scanGenerated(r scanner) (data.GeneratedReport, error) {
	var g data.GeneratedReport
	var report, course, citizen, municipality, by, approved, sent sql.NullInt64
	var draft int
	var at int64
	err := r.Scan(&g.ID, &report, &g.Kind, &course, &citizen, &municipality, dateOf(&g.PeriodStart), dateOf(&g.PeriodEnd),
		&g.FileName, &draft, &g.SHA256, &by, &g.GeneratedName, &at, &g.ApprovedName, &approved, &sent, &g.SentTo)
	g.ReportID, g.CourseID, g.CitizenID, g.MunicipalityID, g.GeneratedBy = idOf(report), idOf(course), idOf(citizen), idOf(municipality), idOf(by)
	g.Draft, g.GeneratedAt, g.ApprovedAt, g.SentAt = draft == 1, timeOf(sqlNull(at)), timeOf(approved), timeOf(sent)
	return g, err
}

// MarkReportSent records that a generated PDF went to `to` (the
// caseworker, a secure mailbox). Only a koordinator or administrator
// sends; a PDF of a written report must be the approved, non-draft one.
func (s *Store) MarkReportSent(ctx context.Context, generatedID data.ID, to string) error {
	if err := s.require(ctx, permCoordinate); err != nil {
		return err
	}
	to = strings.TrimSpace(to)
	if to == "" {
		return data.Problems{{Field: "sent_to", Message: "Modtager skal udfyldes."}}
	}
	if len([]rune(to)) > data.MaxShortText {
		return data.Problems{{Field: "sent_to", Message: fmt.Sprintf("Modtager må højst have %d tegn.", data.MaxShortText)}}
	}
	return s.Atomically(ctx, func(ctx context.Context) error {
		g, err := scanGenerated(s.q(ctx).QueryRowContext(ctx, "SELECT "+generatedColumns+" FROM generated_reports WHERE id = ?", generatedID))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("mark report sent %d: %w", generatedID, data.ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("mark report sent %d: %w", generatedID, err)
		}
		if g.Draft {
			return fmt.Errorf("%w: denne PDF er et udkast; dan rapporten igen efter godkendelsen", data.ErrReportNotApproved)
		}
		now := s.clock()().Unix()
		var citizenID data.ID = g.CitizenID
		if g.ReportID != 0 {
			r, err := s.Report(ctx, g.ReportID)
			if err != nil {
				return err
			}
			if r.Status != data.ReportApproved && r.Status != data.ReportSent {
				return data.ErrReportNotApproved
			}
			if _, err := s.q(ctx).ExecContext(ctx, "UPDATE reports SET status = ?, sent_at = ? WHERE id = ?",
				data.ReportSent, now, r.ID); err != nil {
				return fmt.Errorf("mark report sent: %w", storageError(err))
			}
		}
		if err := rowsAffected(s.q(ctx).ExecContext(ctx, "UPDATE generated_reports SET sent_at = ?, sent_to = ? WHERE id = ?",
			now, to, generatedID)); err != nil {
			return fmt.Errorf("mark report sent: %w", err)
		}
		if citizenID == 0 && g.CourseID != 0 {
			_ = s.q(ctx).QueryRowContext(ctx, "SELECT citizen_id FROM courses WHERE id = ?", g.CourseID).Scan(&citizenID)
		}
		s.audit(ctx, string(data.AuditReportSent), citizenID, fmt.Sprintf("rapport: %s, fil %d", strings.ToLower(g.Kind.Label()), g.ID))
		return nil
	})
}
