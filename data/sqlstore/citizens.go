package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"mentorbog/data"
	"mentorbog/data/cpr"
)

// Every read and write of a citizen's personal columns is in this file and
// passes s.codec(), the one place where encryption at rest applies.

const citizenColumns = `id, name, cpr, address, postcode, city, phone, email, mother_tongue,
	interpreter_needed, target_group, consent_volunteer, consent_sms, consent_email,
	profile_resources, profile_competences, profile_limitations, profile_everyday,
	profile_what_works, archived, needs, version`

// Citizens lists citizens by id; archived ones only when asked. Screens
// search this decrypted list in memory.
func (s *Store) Citizens(ctx context.Context, includeArchived bool) ([]data.Citizen, error) {
	if err := s.require(ctx, permRead); err != nil {
		return nil, err
	}
	var w where
	w.add("(archived = 0 OR ? = 1)", boolInt(includeArchived))
	s.scopeCitizens(&w, "id")
	rows, err := s.q(ctx).QueryContext(ctx, "SELECT "+citizenColumns+" FROM citizens"+w.String()+" ORDER BY id", w.args...)
	if err != nil {
		return nil, fmt.Errorf("list citizens: %w", err)
	}
	defer rows.Close()
	var out []data.Citizen
	for rows.Next() {
		c, err := s.scanCitizen(rows)
		if err != nil {
			return nil, fmt.Errorf("list citizens: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CitizenSummaries lists the citizens the user may see by id with only
// what a list shows and searches, decrypting three columns a citizen
// instead of the eleven sealed ones Citizens opens. Like Citizens it is a
// list read, not the opening of a record, so it is not audited; a mentor
// gets only the citizens of their own courses.
func (s *Store) CitizenSummaries(ctx context.Context, includeArchived bool) ([]data.CitizenSummary, error) {
	if err := s.require(ctx, permRead); err != nil {
		return nil, err
	}
	var w where
	w.add("(archived = 0 OR ? = 1)", boolInt(includeArchived))
	s.scopeCitizens(&w, "id")
	var out []data.CitizenSummary
	if err := s.readCitizenSummaries(ctx, w, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// CitizenSummariesOf reads the summaries of the given citizens, archived
// or not, by id; ids the user may not see (or that do not exist) are left
// out. Not audited, as CitizenSummaries.
func (s *Store) CitizenSummariesOf(ctx context.Context, ids []data.ID) ([]data.CitizenSummary, error) {
	if err := s.require(ctx, permRead); err != nil {
		return nil, err
	}
	var out []data.CitizenSummary
	for chunk := range slices.Chunk(uniqueIDs(ids), maxListArgs) {
		var w where
		in(&w, "id", chunk)
		s.scopeCitizens(&w, "id")
		if err := s.readCitizenSummaries(ctx, w, &out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Store) readCitizenSummaries(ctx context.Context, w where, out *[]data.CitizenSummary) error {
	rows, err := s.q(ctx).QueryContext(ctx, "SELECT id, name, cpr, phone, archived, version FROM citizens"+w.String()+" ORDER BY id", w.args...)
	if err != nil {
		return fmt.Errorf("list citizen summaries: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c data.CitizenSummary
		var archived int
		if err := rows.Scan(&c.ID, &c.Name, &c.CPR, &c.Phone, &archived, &c.Version); err != nil {
			return fmt.Errorf("list citizen summaries: %w", err)
		}
		if err := s.openAll(&c.Name, &c.CPR, &c.Phone); err != nil {
			return fmt.Errorf("list citizen summaries: %w", err)
		}
		c.Archived = archived == 1
		*out = append(*out, c)
	}
	return rows.Err()
}

// CitizenNames reads only the names of the given citizens, decrypting one
// field each instead of every citizen's whole record. Like Citizens it is
// a list read, not the opening of a record, so it is not audited; a
// mentor gets only the citizens of their own courses.
func (s *Store) CitizenNames(ctx context.Context, ids []data.ID) (map[data.ID]string, error) {
	if err := s.require(ctx, permRead); err != nil {
		return nil, err
	}
	out := make(map[data.ID]string, len(ids))
	for chunk := range slices.Chunk(uniqueIDs(ids), maxListArgs) {
		var w where
		in(&w, "id", chunk)
		s.scopeCitizens(&w, "id")
		if err := s.readCitizenNames(ctx, w, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Store) readCitizenNames(ctx context.Context, w where, out map[data.ID]string) error {
	rows, err := s.q(ctx).QueryContext(ctx, "SELECT id, name FROM citizens"+w.String(), w.args...)
	if err != nil {
		return fmt.Errorf("list citizen names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id data.ID
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return fmt.Errorf("list citizen names: %w", err)
		}
		if err := s.openAll(&name); err != nil {
			return fmt.Errorf("list citizen names: %w", err)
		}
		out[id] = name
	}
	return rows.Err()
}

// CountCitizens counts the citizens the user may see, archived ones only
// when asked.
func (s *Store) CountCitizens(ctx context.Context, includeArchived bool) (int, error) {
	if err := s.require(ctx, permRead); err != nil {
		return 0, err
	}
	var w where
	w.add("(archived = 0 OR ? = 1)", boolInt(includeArchived))
	s.scopeCitizens(&w, "id")
	var n int
	if err := s.q(ctx).QueryRowContext(ctx, "SELECT COUNT(*) FROM citizens"+w.String(), w.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count citizens: %w", err)
	}
	return n, nil
}

// Citizen opens one citizen's record; the opening is written to the audit
// log. A mentor may open only the citizens of their own courses.
func (s *Store) Citizen(ctx context.Context, id data.ID) (data.Citizen, error) {
	c, err := s.readCitizen(ctx, id)
	if err != nil {
		return c, err
	}
	s.audit(ctx, "open_citizen", id, "")
	return c, nil
}

// readCitizen reads one citizen the user may open, without the audit
// entry its callers write (Citizen, CitizenAuditing).
func (s *Store) readCitizen(ctx context.Context, id data.ID) (data.Citizen, error) {
	if err := s.requireCitizen(ctx, id); err != nil {
		return data.Citizen{}, err
	}
	c, err := s.scanCitizen(s.q(ctx).QueryRowContext(ctx, "SELECT "+citizenColumns+" FROM citizens WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("read citizen %d: %w", id, data.ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("read citizen %d: %w", id, err)
	}
	return c, nil
}

// requireCitizen lets coordinators open any citizen and a mentor only the
// citizens of their own courses.
func (s *Store) requireCitizen(ctx context.Context, id data.ID) error {
	if err := s.require(ctx, permRead); err != nil {
		return err
	}
	m := s.mentorScope()
	if m == 0 {
		return nil
	}
	var n int
	err := s.q(ctx).QueryRowContext(ctx, "SELECT count(*) FROM courses WHERE citizen_id = ? AND mentor_id = ?", id, m).Scan(&n)
	if err != nil || n == 0 {
		return data.ErrForbidden
	}
	return nil
}

// CitizenByCPR finds a citizen by CPR number through the keyed lookup hash
// (or the plain column before setup), without decrypting every citizen.
func (s *Store) CitizenByCPR(ctx context.Context, number string) (data.Citizen, error) {
	n, err := cpr.Parse(number)
	if err != nil {
		return data.Citizen{}, data.Problems{{Field: "cpr", Message: "CPR-nummer: " + err.Error()}}
	}
	if err := s.require(ctx, permRead); err != nil {
		return data.Citizen{}, err
	}
	column, value := "cpr", string(n)
	if key := s.currentKey(); key != nil {
		column = "cpr_lookup"
		if value, err = cprLookup(key, string(n)); err != nil {
			return data.Citizen{}, err
		}
	}
	var id data.ID
	err = s.q(ctx).QueryRowContext(ctx, "SELECT id FROM citizens WHERE "+column+" = ? ORDER BY id LIMIT 1", value).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return data.Citizen{}, data.ErrNotFound
	}
	if err != nil {
		return data.Citizen{}, fmt.Errorf("find citizen by CPR: %w", err)
	}
	return s.Citizen(ctx, id)
}

// CitizenIDByCPR finds which other citizen than except already has the CPR
// number, without opening (and so without auditing) that citizen: forms
// ask it to refuse a duplicate and offer the existing record instead. It
// returns 0 when there is none or the number is empty or unreadable.
func (s *Store) CitizenIDByCPR(ctx context.Context, number string, except data.ID) (data.ID, error) {
	if err := s.require(ctx, permRead); err != nil {
		return 0, err
	}
	n, err := cpr.Parse(number)
	if err != nil || n == "" {
		return 0, nil
	}
	return s.cprOwner(ctx, n, except)
}

// cprOwner is the id of the first citizen other than except with CPR n.
func (s *Store) cprOwner(ctx context.Context, n cpr.Number, except data.ID) (data.ID, error) {
	column, value := "cpr", string(n)
	if key := s.currentKey(); key != nil {
		column = "cpr_lookup"
		var err error
		if value, err = cprLookup(key, string(n)); err != nil {
			return 0, err
		}
	}
	var id data.ID
	err := s.q(ctx).QueryRowContext(ctx, "SELECT id FROM citizens WHERE "+column+" = ? AND id <> ? ORDER BY id LIMIT 1",
		value, except).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("find citizen by CPR: %w", err)
	}
	return id, nil
}

// duplicateCPRMessage is the Danish message when a CPR number is taken.
const duplicateCPRMessage = "CPR-nummer: der findes allerede en borger med dette CPR-nummer."

func (s *Store) scanCitizen(r scanner) (data.Citizen, error) {
	var c data.Citizen
	var interpreter, volunteer, sms, email, archived int
	var needs string
	p := &c.Profile
	err := r.Scan(&c.ID, &c.Name, &c.CPR, &c.Address, &c.Postcode, &c.City, &c.Phone, &c.Email,
		&c.MotherTongue, &interpreter, &c.TargetGroup, &volunteer, &sms, &email,
		&p.Resources, &p.Competences, &p.Limitations, &p.Everyday, &p.WhatWorks, &archived, &needs, &c.Version)
	if err != nil {
		return c, err
	}
	c.InterpreterNeeded, c.Archived = interpreter == 1, archived == 1
	c.Consents = data.Consents{VolunteerMentor: volunteer == 1, SMS: sms == 1, Email: email == 1}
	err = s.openAll(&c.Name, &c.CPR, &c.Address, &c.Phone, &c.Email,
		&p.Resources, &p.Competences, &p.Limitations, &p.Everyday, &p.WhatWorks, &needs)
	c.Needs = data.SplitList(needs)
	return c, err
}

// SaveCitizen inserts or updates a citizen. The CPR number is stored in its
// normalised 10-digit form.
func (s *Store) SaveCitizen(ctx context.Context, c *data.Citizen) error {
	if err := c.Validate().Err(); err != nil {
		return err
	}
	if c.ID == 0 {
		if err := s.require(ctx, permCoordinate); err != nil {
			return err
		}
	} else if err := s.requireCitizen(ctx, c.ID); err != nil {
		return err
	}
	n, _ := c.CPRNumber() // validated above
	if n != "" {
		owner, err := s.cprOwner(ctx, n, c.ID)
		if err != nil {
			return fmt.Errorf("save citizen: %w", err)
		}
		if owner != 0 {
			return data.Problems{{Field: "cpr", Message: duplicateCPRMessage}}
		}
	}
	lookup, lookupErr := cprLookup(s.currentKey(), string(n))
	if lookupErr != nil {
		return fmt.Errorf("save citizen: %w", lookupErr)
	}
	stored := *c
	stored.CPR = string(n)
	p := &stored.Profile
	needs := strings.Join(c.Needs, ", ")
	if err := s.sealAll(&stored.Name, &stored.CPR, &stored.Address, &stored.Phone, &stored.Email,
		&p.Resources, &p.Competences, &p.Limitations, &p.Everyday, &p.WhatWorks, &needs); err != nil {
		return fmt.Errorf("save citizen: %w", err)
	}
	args := []any{stored.Name, stored.CPR, stored.Address, stored.Postcode, stored.City, stored.Phone,
		stored.Email, stored.MotherTongue, boolInt(stored.InterpreterNeeded), stored.TargetGroup,
		boolInt(stored.Consents.VolunteerMentor), boolInt(stored.Consents.SMS), boolInt(stored.Consents.Email),
		p.Resources, p.Competences, p.Limitations, p.Everyday, p.WhatWorks, boolInt(stored.Archived), lookup, needs}
	return s.Atomically(ctx, func(ctx context.Context) error {
		if c.ID == 0 {
			id, err := insertID(s.q(ctx).QueryRowContext(ctx, `INSERT INTO citizens (name, cpr, address,
				postcode, city, phone, email, mother_tongue, interpreter_needed, target_group,
				consent_volunteer, consent_sms, consent_email, profile_resources, profile_competences,
				profile_limitations, profile_everyday, profile_what_works, archived, cpr_lookup, needs)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, args...))
			if err != nil {
				return fmt.Errorf("save citizen: %w", err)
			}
			c.ID = id
			c.CPR = string(n)
			if err := s.stampInsert(ctx, "citizens", id, &c.Version); err != nil {
				return fmt.Errorf("save citizen: %w", err)
			}
			s.audit(ctx, "create", id, "borger "+strconv.FormatInt(id, 10))
			return nil
		}
		changes := ""
		if old, err := s.scanCitizen(s.q(ctx).QueryRowContext(ctx, "SELECT "+citizenColumns+" FROM citizens WHERE id = ?", c.ID)); err == nil {
			normalised := *c
			normalised.CPR = string(n)
			changes = changedFields(old, normalised)
		}
		err := s.updateVersioned(ctx, "citizens", "borger", c.ID, &c.Version, `name = ?, cpr = ?, address = ?,
			postcode = ?, city = ?, phone = ?, email = ?, mother_tongue = ?, interpreter_needed = ?,
			target_group = ?, consent_volunteer = ?, consent_sms = ?, consent_email = ?,
			profile_resources = ?, profile_competences = ?, profile_limitations = ?,
			profile_everyday = ?, profile_what_works = ?, archived = ?, cpr_lookup = ?, needs = ?`, args...)
		if err != nil {
			return fmt.Errorf("save citizen %d: %w", c.ID, err)
		}
		c.CPR = string(n)
		s.audit(ctx, "update", c.ID, "borger "+strconv.FormatInt(c.ID, 10)+": "+changes)
		return nil
	})
}

// TargetGroups lists the configurable target groups in their order.
func (s *Store) TargetGroups(ctx context.Context) ([]data.TargetGroup, error) {
	if err := s.require(ctx, permRead); err != nil {
		return nil, err
	}
	rows, err := s.q(ctx).QueryContext(ctx, "SELECT code, name, legacy FROM target_groups ORDER BY sort, code")
	if err != nil {
		return nil, fmt.Errorf("list target groups: %w", err)
	}
	defer rows.Close()
	var out []data.TargetGroup
	for rows.Next() {
		var g data.TargetGroup
		var legacy int
		if err := rows.Scan(&g.Code, &g.Name, &legacy); err != nil {
			return nil, fmt.Errorf("list target groups: %w", err)
		}
		g.Legacy = legacy == 1
		out = append(out, g)
	}
	return out, rows.Err()
}

// CitizenLog lists one citizen's audit entries, newest first: who opened
// and changed the citizen's data. The whole log is for administrators
// (AuditLog); a coordinator may read the part about one citizen, which is
// what the citizen's page shows and what a citizen may ask to see. limit 0
// means every entry.
func (s *Store) CitizenLog(ctx context.Context, citizenID data.ID, limit int) ([]data.AuditEntry, error) {
	if err := s.require(ctx, permCoordinate); err != nil {
		return nil, err
	}
	query := "SELECT " + auditColumns + " FROM audit_log WHERE citizen_id = ? ORDER BY id DESC"
	args := []any{citizenID}
	if limit > 0 {
		query += " LIMIT ?"
		args = append(args, limit)
	}
	rows, err := s.q(ctx).QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("citizen log: %w", err)
	}
	defer rows.Close()
	var out []data.AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, fmt.Errorf("citizen log: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
