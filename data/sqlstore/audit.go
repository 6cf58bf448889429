package sqlstore

// The audit log is append-only and hash-chained.
//
// Every row stores prev_hash, the hash of the row before it, and hash:
//
//	hash = hex(SHA-256(prev_hash + "\n" + canonical))
//
// where canonical is the fields id, at (Unix seconds), user_id, username,
// action, citizen_id and detail, in that order, each written as
// "<byte length>:<bytes>\n" with numbers in decimal and a missing user or
// citizen as 0. The length prefix makes the encoding unambiguous for any
// bytes in username or detail (no escaping, no separator that a value could
// contain).
//
// The first row after the anchor points at the anchor: 64 zeros for a chain
// that was never pruned, or the hash of the last pruned row, kept in the
// settings table as audit_anchor = "<id>:<hash>". Ids are consecutive: an
// append takes the next id inside its transaction and hashes it, so a gap
// in the ids is a deleted row.
//
// A chain alone cannot show that its newest rows were deleted, so every
// append also stores the newest row as audit_tip = "<id>:<hash>" in the
// same transaction, and the check compares the last row with it. An append
// after such a deletion continues from the tip, so the gap stays visible.
//
// Limits of what a local chain can prove: the hash has no secret, so
// someone with write access to the file who deletes the newest rows AND the
// audit_tip setting, or who rewrites the chain from a row onwards and
// recomputes every later hash and the tip, is not detected. Detecting that
// needs the tip kept outside the file (a backup, a printout, a server).

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"mentorbog/data"
)

var _ data.AuditStore = (*Store)(nil)

// Settings keys of the chain's ends and of the retention period.
const (
	auditAnchorKey    = "audit_anchor"
	auditTipKey       = "audit_tip"
	auditRetentionKey = "audit_retention_months"
)

// auditZeroHash is the anchor of a chain that was never pruned.
var auditZeroHash = strings.Repeat("0", 64)

// auditLink is one end of the chain: a row's id and hash.
type auditLink struct {
	id   data.ID
	hash string
}

func (l auditLink) String() string { return strconv.FormatInt(l.id, 10) + ":" + l.hash }

// parseAuditLink reads "<id>:<hash>".
func parseAuditLink(s string) (auditLink, bool) {
	idText, hash, ok := strings.Cut(s, ":")
	id, err := strconv.ParseInt(idText, 10, 64)
	if !ok || err != nil || id < 0 || !isAuditHash(hash) {
		return auditLink{}, false
	}
	return auditLink{id, hash}, true
}

func isAuditHash(h string) bool {
	if len(h) != 64 {
		return false
	}
	for _, c := range h {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// auditHash is the hash of an entry given the previous hash (see the
// package comment above for the canonical form).
func auditHash(prev string, e data.AuditEntry) string {
	var b strings.Builder
	b.WriteString(prev)
	b.WriteByte('\n')
	for _, f := range []string{
		strconv.FormatInt(e.ID, 10),
		strconv.FormatInt(e.At.Unix(), 10),
		strconv.FormatInt(e.UserID, 10),
		e.Username,
		string(e.Action),
		strconv.FormatInt(e.CitizenID, 10),
		e.Detail,
	} {
		b.WriteString(strconv.Itoa(len(f)))
		b.WriteByte(':')
		b.WriteString(f)
		b.WriteByte('\n')
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// auditSetting reads a setting without the role check: the chain is kept
// by the store itself, also for actions of nobody (a failed login).
func (s *Store) auditSetting(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.q(ctx).QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("audit log: read %s: %w", key, err)
	}
	return v, true, nil
}

func (s *Store) setAuditSetting(ctx context.Context, key, value string) error {
	_, err := s.q(ctx).ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("audit log: save %s: %w", key, err)
	}
	return nil
}

// auditAnchor reads the anchor; ok is false when the stored one is
// malformed.
func (s *Store) auditAnchor(ctx context.Context) (anchor auditLink, ok bool, err error) {
	v, found, err := s.auditSetting(ctx, auditAnchorKey)
	if err != nil || !found {
		return auditLink{0, auditZeroHash}, true, err
	}
	anchor, ok = parseAuditLink(v)
	return anchor, ok, nil
}

// Audit appends an entry to the log, in ctx's transaction when there is one
// (so it vanishes if that rolls back) and in its own otherwise. It needs no
// login: failed logins are recorded too. The store sets ID, At, PrevHash
// and Hash; the caller gives who, what, which citizen and the detail, which
// must follow the contract on data.AuditEntry.Detail.
func (s *Store) Audit(ctx context.Context, e data.AuditEntry) error {
	if !e.Action.Known() {
		return fmt.Errorf("audit log: ukendt handling %q", e.Action)
	}
	e.Detail = data.RedactAuditDetail(e.Detail)
	return s.Atomically(ctx, func(ctx context.Context) error {
		_, err := s.appendAudit(ctx, e)
		return err
	})
}

// appendAudit chains and inserts e; ctx must carry a transaction. On
// PostgreSQL it holds the write lock (see Atomically) before reading the
// head, so two concurrent appends cannot chain to the same row and fork
// the chain; the lock is already held when Atomically began ctx's
// transaction, and taking it again is free.
func (s *Store) appendAudit(ctx context.Context, e data.AuditEntry) (data.AuditEntry, error) {
	if err := s.lockWrites(ctx); err != nil {
		return e, fmt.Errorf("audit log: %w", err)
	}
	head, err := s.auditHead(ctx)
	if err != nil {
		return e, err
	}
	e.ID = head.id + 1
	e.At = time.Unix(s.clock()().Unix(), 0).In(data.Zone())
	e.PrevHash = head.hash
	e.Hash = auditHash(e.PrevHash, e)
	_, err = s.q(ctx).ExecContext(ctx, `INSERT INTO audit_log
		(id, at, user_id, username, action, citizen_id, detail, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.ID, e.At.Unix(), nullID(e.UserID), e.Username, string(e.Action), nullID(e.CitizenID), e.Detail, e.PrevHash, e.Hash)
	if err != nil {
		return e, fmt.Errorf("audit log: append: %w", err)
	}
	return e, s.setAuditSetting(ctx, auditTipKey, auditLink{e.ID, e.Hash}.String())
}

// auditHead is what the next entry chains to: the newest of the stored tip,
// the last row and the anchor, preferring the tip on a tie. Continuing
// from the tip after the newest rows were deleted leaves an id gap that
// VerifyAuditChain reports, instead of silently reusing the ids.
func (s *Store) auditHead(ctx context.Context) (auditLink, error) {
	head, _, err := s.auditAnchor(ctx)
	if err != nil {
		return head, err
	}
	var last auditLink
	err = s.q(ctx).QueryRowContext(ctx, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&last.id, &last.hash)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return head, fmt.Errorf("audit log: read last entry: %w", err)
	case last.id >= head.id:
		head = last
	}
	v, found, err := s.auditSetting(ctx, auditTipKey)
	if err != nil {
		return head, err
	}
	if tip, ok := parseAuditLink(v); found && ok && tip.id >= head.id {
		head = tip
	}
	return head, nil
}

const auditColumns = "id, at, user_id, username, action, citizen_id, detail, prev_hash, hash"

func scanAudit(r scanner) (data.AuditEntry, error) {
	var e data.AuditEntry
	var at int64
	var user, citizen sql.NullInt64
	var action string
	err := r.Scan(&e.ID, &at, &user, &e.Username, &action, &citizen, &e.Detail, &e.PrevHash, &e.Hash)
	e.At = timeOf(sqlNull(at))
	e.UserID, e.CitizenID, e.Action = idOf(user), idOf(citizen), data.AuditAction(action)
	return e, err
}

// AuditLog lists entries newest first (administrator only).
func (s *Store) AuditLog(ctx context.Context, f data.AuditFilter) ([]data.AuditEntry, error) {
	if err := s.require(ctx, permAdmin); err != nil {
		return nil, err
	}
	var w where
	if !f.From.IsZero() {
		w.add("at >= ?", f.From.Unix())
	}
	if !f.To.IsZero() {
		to := f.To.Unix()
		if f.To.Nanosecond() != 0 {
			to++ // a stored second that began before To
		}
		w.add("at < ?", to)
	}
	if f.UserID != 0 {
		w.add("user_id = ?", f.UserID)
	}
	if f.CitizenID != 0 {
		w.add("citizen_id = ?", f.CitizenID)
	}
	actions := make([]string, len(f.Actions))
	for i, a := range f.Actions {
		actions[i] = string(a)
	}
	in(&w, "action", actions)
	query := "SELECT " + auditColumns + " FROM audit_log" + w.String() + " ORDER BY id DESC"
	args := w.args
	if f.Limit > 0 {
		query += " LIMIT ?"
		args = append(args, f.Limit)
	}
	rows, err := s.q(ctx).QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	defer rows.Close()
	var out []data.AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, fmt.Errorf("audit log: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// VerifyAuditChain walks every entry in id order from the anchor and
// compares the newest with the stored tip. It reads no personal data and
// returns only counts, ids and a Danish description, so it needs no login
// (`mentorbog check` runs it). See the top of this file for what it can
// and cannot prove.
func (s *Store) VerifyAuditChain(ctx context.Context) (data.AuditVerification, error) {
	var v data.AuditVerification
	err := s.Atomically(ctx, func(ctx context.Context) error {
		var err error
		v, err = s.verifyAudit(ctx)
		return err
	})
	return v, err
}

func (s *Store) verifyAudit(ctx context.Context) (data.AuditVerification, error) {
	v := data.AuditVerification{OK: true}
	fail := func(id data.ID, format string, args ...any) {
		if v.OK {
			v.OK, v.FirstBadID, v.Problem = false, id, fmt.Sprintf(format, args...)
		}
	}
	anchor, anchorOK, err := s.auditAnchor(ctx)
	if err != nil {
		return v, err
	}
	tipText, tipFound, err := s.auditSetting(ctx, auditTipKey)
	if err != nil {
		return v, err
	}
	if !anchorOK {
		fail(0, "Kædens anker (indstillingen %s) er ugyldigt.", auditAnchorKey)
	}
	rows, err := s.q(ctx).QueryContext(ctx, "SELECT "+auditColumns+" FROM audit_log ORDER BY id")
	if err != nil {
		return v, fmt.Errorf("verify audit log: %w", err)
	}
	defer rows.Close()
	prev := anchor
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return v, fmt.Errorf("verify audit log: %w", err)
		}
		v.Entries++
		switch {
		case e.ID <= prev.id:
			fail(e.ID, "Post %d ligger før kædens anker (post %d): loggen er ændret.", e.ID, prev.id)
		case e.ID != prev.id+1:
			fail(e.ID, "%s mangler: kæden springer fra post %d til post %d.", auditRange(prev.id+1, e.ID-1), prev.id, e.ID)
		case e.PrevHash != prev.hash:
			if prev.id == anchor.id {
				fail(e.ID, "Post %d passer ikke til kædens anker: den er ændret, eller ældre poster er fjernet.", e.ID)
			} else {
				fail(e.ID, "Post %d passer ikke til post %d før den: en af dem er ændret.", e.ID, prev.id)
			}
		case auditHash(e.PrevHash, e) != e.Hash:
			fail(e.ID, "Post %d er ændret, efter den blev skrevet.", e.ID)
		}
		prev = auditLink{e.ID, e.Hash}
	}
	if err := rows.Err(); err != nil {
		return v, fmt.Errorf("verify audit log: %w", err)
	}
	tip, tipOK := parseAuditLink(tipText)
	switch {
	case !tipFound && v.Entries == 0:
		// a chain that was never written to
	case !tipFound:
		fail(prev.id, "Kædens endepunkt (indstillingen %s) mangler: det er slettet, og de nyeste poster kan være slettet med det.", auditTipKey)
	case !tipOK:
		fail(prev.id, "Kædens endepunkt (indstillingen %s) er ugyldigt.", auditTipKey)
	case tip.id > prev.id:
		fail(prev.id+1, "%s mangler: de nyeste poster er slettet.", auditRange(prev.id+1, tip.id))
	case tip.id < prev.id:
		fail(tip.id+1, "%s er tilføjet uden om Mentorbog.", auditRange(tip.id+1, prev.id))
	case tip.hash != prev.hash:
		fail(prev.id, "Den nyeste post %d stemmer ikke med kædens gemte endepunkt: den er ændret.", prev.id)
	}
	return v, nil
}

// auditRange names one or more consecutive entries in Danish.
func auditRange(from, to data.ID) string {
	if from == to {
		return fmt.Sprintf("Post %d", from)
	}
	return fmt.Sprintf("Post %d–%d", from, to)
}

// AuditRetentionMonths is how long the audit log is kept: the setting
// audit_retention_months, never less than data.MinAuditRetentionMonths.
func (s *Store) AuditRetentionMonths(ctx context.Context) (int, error) {
	v, found, err := s.auditSetting(ctx, auditRetentionKey)
	if err != nil || !found {
		return data.DefaultAuditRetentionMonths, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < data.MinAuditRetentionMonths {
		return data.DefaultAuditRetentionMonths, nil
	}
	return n, nil
}

// SetAuditRetentionMonths changes how long the audit log is kept
// (administrator only); it refuses less than 6 months.
func (s *Store) SetAuditRetentionMonths(ctx context.Context, months int) error {
	if err := s.require(ctx, permAdmin); err != nil {
		return err
	}
	if months < data.MinAuditRetentionMonths {
		return fmt.Errorf("revisionsloggen skal gemmes i mindst %d måneder", data.MinAuditRetentionMonths)
	}
	return s.Atomically(ctx, func(ctx context.Context) error {
		if err := s.setAuditSetting(ctx, auditRetentionKey, strconv.Itoa(months)); err != nil {
			return err
		}
		u, _ := s.CurrentUser()
		_, err := s.appendAudit(ctx, data.AuditEntry{UserID: u.ID, Username: u.Username, Action: data.AuditSettingsChanged,
			Detail: fmt.Sprintf("revisionslog: opbevares %d måneder", months)})
		return err
	})
}

// PruneAudit deletes the entries older than before (administrator only).
// It refuses a before inside the retention period (at least 6 months back)
// and a broken chain, whose rows are evidence. It deletes a prefix of the
// chain: the oldest entries up to the first one at or after before, so an
// entry kept because the clock once went backwards keeps its successors.
// The last deleted row becomes the anchor, the deletion goes into the
// deletion log, and one retention_run entry records the run.
func (s *Store) PruneAudit(ctx context.Context, before time.Time) (int, error) {
	if err := s.require(ctx, permAdmin); err != nil {
		return 0, err
	}
	months, err := s.AuditRetentionMonths(ctx)
	if err != nil {
		return 0, err
	}
	limit := s.clock()().In(data.Zone()).AddDate(0, -months, 0)
	if before.After(limit) {
		return 0, fmt.Errorf("revisionsloggen skal gemmes i %d måneder: kun poster fra før %s kan slettes",
			months, limit.Format("02-01-2006 15:04"))
	}
	deleted := 0
	err = s.Atomically(ctx, func(ctx context.Context) error {
		v, err := s.verifyAudit(ctx)
		if err != nil {
			return err
		}
		if !v.OK {
			return fmt.Errorf("revisionsloggen beskæres ikke, fordi kæden er brudt: %s", v.Problem)
		}
		anchor, _, err := s.auditAnchor(ctx)
		if err != nil {
			return err
		}
		var firstKept sql.NullInt64
		if err := s.q(ctx).QueryRowContext(ctx, "SELECT MIN(id) FROM audit_log WHERE at >= ?", before.Unix()).Scan(&firstKept); err != nil {
			return fmt.Errorf("prune audit log: %w", err)
		}
		var cut data.ID
		if firstKept.Valid {
			cut = firstKept.Int64 - 1
		} else if err := s.q(ctx).QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM audit_log").Scan(&cut); err != nil {
			return fmt.Errorf("prune audit log: %w", err)
		}
		u, _ := s.CurrentUser()
		if cut > anchor.id {
			newAnchor := auditLink{id: cut}
			if err := s.q(ctx).QueryRowContext(ctx, "SELECT hash FROM audit_log WHERE id = ?", cut).Scan(&newAnchor.hash); err != nil {
				return fmt.Errorf("prune audit log: %w", err)
			}
			res, err := s.q(ctx).ExecContext(ctx, "DELETE FROM audit_log WHERE id <= ?", cut)
			if err != nil {
				return fmt.Errorf("prune audit log: %w", err)
			}
			n, err := res.RowsAffected()
			if err != nil {
				return fmt.Errorf("prune audit log: %w", err)
			}
			deleted = int(n)
			if err := s.setAuditSetting(ctx, auditAnchorKey, newAnchor.String()); err != nil {
				return err
			}
			if _, err := s.q(ctx).ExecContext(ctx, `INSERT INTO deletion_log (at, actor, reason, kind, count)
				VALUES (?, ?, ?, ?, ?)`, s.clock()().Unix(), u.Username, "sletteregel for revisionsloggen", "revisionslogpost", deleted); err != nil {
				return fmt.Errorf("deletion log: %w", err)
			}
		}
		_, err = s.appendAudit(ctx, data.AuditEntry{UserID: u.ID, Username: u.Username, Action: data.AuditRetentionRun,
			Detail: fmt.Sprintf("revisionslog: %d poster fra før %s slettet", deleted, before.In(data.Zone()).Format("02-01-2006"))})
		return err
	})
	if err != nil {
		return 0, err
	}
	return deleted, nil
}
