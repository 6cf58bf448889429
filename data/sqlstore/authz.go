package sqlstore

import (
	"context"
	"fmt"
	"time"

	"mentorbog/data"
)

// permission is what a store call needs from the logged-in user.
type permission int

const (
	// permRead: any logged-in user; mentors are further limited to their
	// own courses by the queries themselves (see mentorScope).
	permRead permission = iota
	// permCoordinate: koordinator or administrator (mentors, municipalities,
	// citizens' creation, everything across mentors).
	permCoordinate
	// permAdmin: administrator only (users, settings, backups, audit log).
	permAdmin
)

// require checks the logged-in user against p. Before setup (a new,
// unencrypted database with no users, as in tests and the first start)
// there is nobody to check, and the store runs in system mode.
func (s *Store) require(ctx context.Context, p permission) error {
	st, err := s.sec(ctx)
	if err != nil {
		return err
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if !st.setupDone {
		return nil
	}
	if st.user == nil {
		return data.ErrLoggedOut
	}
	switch p {
	case permCoordinate:
		if st.user.Role == data.RoleMentor {
			return data.ErrForbidden
		}
	case permAdmin:
		if st.user.Role != data.RoleAdministrator {
			return data.ErrForbidden
		}
	}
	return nil
}

// mentorScope returns the mentor id whose courses limit what the logged-in
// user sees, or 0 when the user sees everything.
func (s *Store) mentorScope() data.ID {
	st := &s.security
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.user == nil || st.user.Role != data.RoleMentor {
		return 0
	}
	if st.user.MentorID == 0 {
		return -1 // a mentor user without a mentor record sees nothing
	}
	return st.user.MentorID
}

// audit records an action by the logged-in user (see auditAs).
func (s *Store) audit(ctx context.Context, action string, citizenID data.ID, detail string) {
	u, _ := s.CurrentUser()
	s.auditAs(ctx, u, action, citizenID, detail)
}

// auditAs records an action done by (or, for failed logins, against) u.
// Audit failures must not block the user's work; they are visible in the
// chain check instead.
func (s *Store) auditAs(ctx context.Context, u data.User, action string, citizenID data.ID, detail string) {
	_ = s.Audit(ctx, data.AuditEntry{UserID: u.ID, Username: u.Username, Action: data.AuditAction(action),
		CitizenID: citizenID, Detail: detail})
}

// scopeCourses limits a query to the logged-in mentor's courses; column
// holds a course id. Coordinators and administrators are not limited.
func (s *Store) scopeCourses(w *where, column string) {
	if m := s.mentorScope(); m != 0 {
		w.add(column+" IN (SELECT id FROM courses WHERE mentor_id = ?)", m)
	}
}

// scopeCitizens limits a query to the citizens of the logged-in mentor's
// courses; column holds a citizen id.
func (s *Store) scopeCitizens(w *where, column string) {
	if m := s.mentorScope(); m != 0 {
		w.add(column+" IN (SELECT citizen_id FROM courses WHERE mentor_id = ?)", m)
	}
}

// requireCourse lets a mentor touch only their own courses' data.
func (s *Store) requireCourse(ctx context.Context, courseID data.ID) error {
	if err := s.require(ctx, permRead); err != nil {
		return err
	}
	m := s.mentorScope()
	if m == 0 {
		return nil
	}
	var owner data.ID
	err := s.q(ctx).QueryRowContext(ctx, "SELECT COALESCE(mentor_id, 0) FROM courses WHERE id = ?", courseID).Scan(&owner)
	if err != nil || owner != m {
		return data.ErrForbidden
	}
	return nil
}

// clock is the store's notion of now (replaceable in tests).
func (s *Store) clock() func() time.Time {
	st := &s.security
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.now == nil {
		return time.Now
	}
	return st.now
}

// auditChange logs that a record was created or changed: its kind and id,
// and the citizen it concerns when it belongs to a course. Values are never
// logged.
func (s *Store) auditChange(ctx context.Context, created bool, kind string, id, courseID data.ID, changes string) {
	action := "update"
	if created {
		action = "create"
	}
	var citizenID data.ID
	if courseID != 0 {
		_ = s.q(ctx).QueryRowContext(ctx, "SELECT citizen_id FROM courses WHERE id = ?", courseID).Scan(&citizenID)
	}
	detail := fmt.Sprintf("%s %d", kind, id)
	if changes != "" {
		detail += ": " + changes
	}
	s.audit(ctx, action, citizenID, detail)
}

// auditDelete logs that a record was deleted: its kind and id, and the
// citizen it concerns when it belongs to a course.
func (s *Store) auditDelete(ctx context.Context, kind string, id, courseID data.ID) {
	var citizenID data.ID
	if courseID != 0 {
		_ = s.q(ctx).QueryRowContext(ctx, "SELECT citizen_id FROM courses WHERE id = ?", courseID).Scan(&citizenID)
	}
	s.audit(ctx, string(data.AuditDelete), citizenID, fmt.Sprintf("%s %d", kind, id))
}
