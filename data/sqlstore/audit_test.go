package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"mentorbog/data"
	"mentorbog/data/sqlstore/storetest"
	"mentorbog/data/vault"
)

// audOpen opens a new database file (system mode: no users yet).
func audOpen(t *testing.T) *Store {
	t.Helper()
	s, err := Open(storetest.Addr(t, "revision æøå.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// audClock makes the store's clock settable by the test.
func audClock(s *Store, start time.Time) *time.Time {
	now := start
	s.security.mu.Lock()
	s.security.now = func() time.Time { return now }
	s.security.mu.Unlock()
	return &now
}

var audActions = []data.AuditAction{data.AuditOpenCitizen, data.AuditUpdate, data.AuditLogin, data.AuditReportGenerated}

// audFill appends n entries by two users about citizens 1–3.
func audFill(t *testing.T, s *Store, n int) {
	t.Helper()
	ctx := context.Background()
	for i := 0; i < n; i++ {
		e := data.AuditEntry{UserID: data.ID(1 + i%2), Username: []string{"anne", "bjørn"}[i%2],
			Action: audActions[i%len(audActions)], CitizenID: data.ID(i % 4), Detail: fmt.Sprintf("felter: navn, telefon (%d)", i)}
		if err := s.Audit(ctx, e); err != nil {
			t.Fatalf("append %d: %v", i, err)
		}
	}
}

func audVerify(t *testing.T, s *Store) data.AuditVerification {
	t.Helper()
	v, err := s.VerifyAuditChain(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func audExec(t *testing.T, s *Store, query string, args ...any) {
	t.Helper()
	if _, err := s.pool().ExecContext(context.Background(), query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// audBroken asserts that verification fails at wantID with a problem
// naming it.
func audBroken(t *testing.T, s *Store, wantID data.ID) data.AuditVerification {
	t.Helper()
	v := audVerify(t, s)
	if v.OK || v.FirstBadID != wantID || !strings.Contains(v.Problem, fmt.Sprint(wantID)) {
		t.Fatalf("verification = %+v, want a problem at entry %d", v, wantID)
	}
	return v
}

func TestAuditChainOf100EntriesVerifies(t *testing.T) {
	s := audOpen(t)
	ctx := context.Background()
	if v := audVerify(t, s); !v.OK || v.Entries != 0 {
		t.Fatalf("empty chain: %+v", v)
	}
	audFill(t, s, 100)
	v := audVerify(t, s)
	if !v.OK || v.Entries != 100 || v.FirstBadID != 0 || v.Problem != "" {
		t.Fatalf("verification: %+v", v)
	}
	all, err := s.AuditLog(ctx, data.AuditFilter{})
	if err != nil || len(all) != 100 {
		t.Fatalf("log: %d entries, %v", len(all), err)
	}
	// Newest first, consecutive ids, each pointing at the one before.
	for i, e := range all {
		if e.ID != data.ID(100-i) {
			t.Fatalf("entry %d has id %d", i, e.ID)
		}
		if i+1 < len(all) && e.PrevHash != all[i+1].Hash {
			t.Fatalf("entry %d does not point at %d", e.ID, all[i+1].ID)
		}
		if len(e.Hash) != 64 || e.At.IsZero() || e.At.Location() != data.Zone() {
			t.Fatalf("entry %+v", e)
		}
	}
	if first := all[99]; first.PrevHash != strings.Repeat("0", 64) || first.Username != "anne" || first.Detail != "felter: navn, telefon (0)" {
		t.Fatalf("first entry %+v", first)
	}
	if tip, _, _ := s.auditSetting(ctx, auditTipKey); tip != fmt.Sprintf("100:%s", all[0].Hash) {
		t.Fatalf("tip %q", tip)
	}
}

func TestAuditCanonicalFormIsUnambiguous(t *testing.T) {
	at := time.Unix(1_790_000_000, 0)
	a := data.AuditEntry{ID: 1, At: at, Username: "ab", Detail: "c"}
	b := data.AuditEntry{ID: 1, At: at, Username: "a", Detail: "bc"}
	c := data.AuditEntry{ID: 1, At: at, Username: "a\n1:b", Detail: ""}
	d := data.AuditEntry{ID: 1, At: at, Username: "a", Detail: "b"}
	seen := map[string]bool{}
	for _, e := range []data.AuditEntry{a, b, c, d} {
		h := auditHash(auditZeroHash, e)
		if seen[h] {
			t.Fatalf("two entries share hash %s", h)
		}
		seen[h] = true
	}
	if auditHash(auditZeroHash, a) == auditHash(strings.Repeat("1", 64), a) {
		t.Fatal("the previous hash does not count")
	}
}

func TestAuditDetectsAnEditedRow(t *testing.T) {
	s := audOpen(t)
	audFill(t, s, 100)
	audExec(t, s, "UPDATE audit_log SET detail = 'felter: ingen' WHERE id = 50")
	audBroken(t, s, 50)
}

func TestAuditDetectsOtherEditedFields(t *testing.T) {
	for _, edit := range []string{
		"UPDATE audit_log SET at = at - 3600 WHERE id = 30",
		"UPDATE audit_log SET user_id = 9 WHERE id = 30",
		"UPDATE audit_log SET username = 'mallory' WHERE id = 30",
		"UPDATE audit_log SET action = 'login' WHERE id = 30 AND action <> 'login'",
		"UPDATE audit_log SET citizen_id = 77 WHERE id = 30",
		"UPDATE audit_log SET hash = prev_hash WHERE id = 30",
	} {
		t.Run(edit, func(t *testing.T) {
			s := audOpen(t)
			audFill(t, s, 40)
			audExec(t, s, edit)
			audBroken(t, s, 30)
		})
	}
}

func TestAuditDetectsADeletedMiddleRow(t *testing.T) {
	s := audOpen(t)
	audFill(t, s, 100)
	audExec(t, s, "DELETE FROM audit_log WHERE id = 50")
	v := audBroken(t, s, 51)
	if v.Entries != 99 || !strings.Contains(v.Problem, "Post 50 mangler") {
		t.Fatalf("verification %+v", v)
	}
}

func TestAuditDetectsDeletedFirstRows(t *testing.T) {
	s := audOpen(t)
	audFill(t, s, 10)
	audExec(t, s, "DELETE FROM audit_log WHERE id <= 3")
	v := audBroken(t, s, 4)
	if !strings.Contains(v.Problem, "Post 1–3 mangler") {
		t.Fatalf("problem %q", v.Problem)
	}
}

func TestAuditDetectsADeletedLastRowThroughTheTip(t *testing.T) {
	s := audOpen(t)
	audFill(t, s, 100)
	audExec(t, s, "DELETE FROM audit_log WHERE id >= 99")
	v := audBroken(t, s, 99)
	if !strings.Contains(v.Problem, "de nyeste poster er slettet") {
		t.Fatalf("problem %q", v.Problem)
	}
	// A later append continues from the tip, so the gap stays visible.
	audFill(t, s, 1)
	audBroken(t, s, 101)

	// Deleting the tip setting is itself noticed while rows exist.
	s2 := audOpen(t)
	audFill(t, s2, 5)
	audExec(t, s2, "DELETE FROM settings WHERE key = 'audit_tip'")
	if v := audVerify(t, s2); v.OK || !strings.Contains(v.Problem, "endepunkt") {
		t.Fatalf("missing tip: %+v", v)
	}
}

func TestAuditDetectsARowAddedBehindTheStoresBack(t *testing.T) {
	s := audOpen(t)
	audFill(t, s, 5)
	ctx := context.Background()
	last, _ := s.AuditLog(ctx, data.AuditFilter{Limit: 1})
	forged := data.AuditEntry{ID: 6, At: time.Unix(time.Now().Unix(), 0), Username: "mallory", Action: data.AuditLogin, PrevHash: last[0].Hash}
	forged.Hash = auditHash(forged.PrevHash, forged)
	audExec(t, s, `INSERT INTO audit_log (id, at, username, action, detail, prev_hash, hash) VALUES (?, ?, ?, ?, '', ?, ?)`,
		forged.ID, forged.At.Unix(), forged.Username, string(forged.Action), forged.PrevHash, forged.Hash)
	audBroken(t, s, 6)
}

func TestAuditNaiveForgersBreakTheChain(t *testing.T) {
	// A forger who edits a row and recomputes its hash breaks the link from
	// the next row.
	s := audOpen(t)
	audFill(t, s, 100)
	e := audRow(t, s, 50)
	e.Detail = "felter: ingen"
	audExec(t, s, "UPDATE audit_log SET detail = ?, hash = ? WHERE id = 50", e.Detail, auditHash(e.PrevHash, e))
	v := audBroken(t, s, 51)
	if !strings.Contains(v.Problem, "50") {
		t.Fatalf("problem %q", v.Problem)
	}

	// One who changes a row's prev_hash and recomputes its hash breaks the
	// row's link to the one before and the next row's link to it.
	s = audOpen(t)
	audFill(t, s, 100)
	e = audRow(t, s, 50)
	e.PrevHash = strings.Repeat("ab", 32)
	audExec(t, s, "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = 50", e.PrevHash, auditHash(e.PrevHash, e))
	audBroken(t, s, 50)
	// Fixing row 50's own link still leaves row 51 pointing at the old hash.
	audExec(t, s, "UPDATE audit_log SET prev_hash = (SELECT hash FROM audit_log WHERE id = 49) WHERE id = 50")
	e = audRow(t, s, 50)
	e.Detail = "felter: ingen"
	audExec(t, s, "UPDATE audit_log SET detail = ?, hash = ? WHERE id = 50", e.Detail, auditHash(e.PrevHash, e))
	audBroken(t, s, 51)
}

func audRow(t *testing.T, s *Store, id data.ID) data.AuditEntry {
	t.Helper()
	e, err := scanAudit(s.pool().QueryRowContext(context.Background(), "SELECT "+auditColumns+" FROM audit_log WHERE id = ?", id))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestAuditPruneKeepsTheChainVerifiableFromTheAnchor(t *testing.T) {
	s := audOpen(t)
	ctx := context.Background()
	start := time.Date(2025, 1, 10, 9, 0, 0, 0, data.Zone())
	now := audClock(s, start)
	// 24 entries, one every 15 days: about a year.
	for i := 0; i < 24; i++ {
		*now = start.AddDate(0, 0, 15*i)
		audFill(t, s, 1)
	}
	*now = start.AddDate(0, 0, 15*23)
	sixMonthsAgo := now.AddDate(0, -6, 0)

	// Refused inside the retention period, and below 6 months.
	if _, err := s.PruneAudit(ctx, sixMonthsAgo.Add(time.Hour)); err == nil || !strings.Contains(err.Error(), "6 måneder") {
		t.Fatalf("prune inside 6 months: %v", err)
	}
	if err := s.SetAuditRetentionMonths(ctx, 5); err == nil || !strings.Contains(err.Error(), "mindst 6 måneder") {
		t.Fatalf("retention 5 months: %v", err)
	}
	must(t, s.SetAuditRetentionMonths(ctx, 9))
	if _, err := s.PruneAudit(ctx, sixMonthsAgo); err == nil || !strings.Contains(err.Error(), "9 måneder") {
		t.Fatalf("prune inside 9 months: %v", err)
	}
	must(t, s.SetAuditRetentionMonths(ctx, 6))
	if n, _ := s.AuditRetentionMonths(ctx); n != 6 {
		t.Fatalf("retention %d", n)
	}
	// A retention setting below the floor, written around the store, counts as 6.
	audExec(t, s, "UPDATE settings SET value = '2' WHERE key = 'audit_retention_months'")
	if n, _ := s.AuditRetentionMonths(ctx); n != 6 {
		t.Fatalf("retention %d from a setting of 2", n)
	}

	before, err := s.AuditLog(ctx, data.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var old int
	var lastOld data.AuditEntry
	for _, e := range before {
		if e.At.Before(sixMonthsAgo) {
			old++
			if e.ID > lastOld.ID {
				lastOld = e
			}
		}
	}
	n, err := s.PruneAudit(ctx, sixMonthsAgo)
	if err != nil || n != old || n == 0 {
		t.Fatalf("prune: %d, %v (want %d)", n, err, old)
	}
	v := audVerify(t, s)
	if !v.OK || v.Entries != len(before)-old+1 {
		t.Fatalf("after prune: %+v", v)
	}
	if anchor, _, _ := s.auditSetting(ctx, auditAnchorKey); anchor != fmt.Sprintf("%d:%s", lastOld.ID, lastOld.Hash) {
		t.Fatalf("anchor %q", anchor)
	}
	newest, _ := s.AuditLog(ctx, data.AuditFilter{Limit: 1})
	if newest[0].Action != data.AuditRetentionRun || !strings.Contains(newest[0].Detail, fmt.Sprintf("%d poster", n)) {
		t.Fatalf("retention entry %+v", newest[0])
	}
	var logged int
	must(t, s.pool().QueryRowContext(context.Background(), "SELECT count FROM deletion_log WHERE kind = 'revisionslogpost'").Scan(&logged))
	if logged != n {
		t.Fatalf("deletion log %d", logged)
	}
	// A second run has nothing to delete and stays verifiable.
	if n, err := s.PruneAudit(ctx, sixMonthsAgo); err != nil || n != 0 {
		t.Fatalf("second prune: %d, %v", n, err)
	}
	audFill(t, s, 3)
	if v := audVerify(t, s); !v.OK {
		t.Fatalf("after appends: %+v", v)
	}

	// Deleting the first kept row, or the anchor, is detected.
	first := lastOld.ID + 1
	audExec(t, s, "UPDATE settings SET value = '0:"+strings.Repeat("0", 64)+"' WHERE key = 'audit_anchor'")
	audBroken(t, s, first)
	audExec(t, s, "UPDATE settings SET value = ? WHERE key = 'audit_anchor'", fmt.Sprintf("%d:%s", lastOld.ID, lastOld.Hash))
	audExec(t, s, "DELETE FROM audit_log WHERE id = ?", first)
	audBroken(t, s, first+1)
	// A broken chain is evidence: it is not pruned.
	*now = now.AddDate(1, 0, 0)
	if _, err := s.PruneAudit(ctx, now.AddDate(0, -6, 0)); err == nil || !strings.Contains(err.Error(), "kæden er brudt") {
		t.Fatalf("prune of a broken chain: %v", err)
	}
}

func TestAuditPruneOfEverythingOldKeepsTheChain(t *testing.T) {
	s := audOpen(t)
	ctx := context.Background()
	start := time.Date(2025, 1, 10, 9, 0, 0, 0, data.Zone())
	now := audClock(s, start)
	audFill(t, s, 10)
	*now = start.AddDate(1, 0, 0)
	n, err := s.PruneAudit(ctx, now.AddDate(0, -6, 0))
	if err != nil || n != 10 {
		t.Fatalf("prune: %d, %v", n, err)
	}
	v := audVerify(t, s)
	if !v.OK || v.Entries != 1 {
		t.Fatalf("after prune: %+v", v)
	}
	if e := audRow(t, s, 11); e.Action != data.AuditRetentionRun {
		t.Fatalf("entry 11: %+v", e)
	}
}

func TestAuditLogFilters(t *testing.T) {
	s := audOpen(t)
	ctx := context.Background()
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, data.Zone())
	now := audClock(s, start)
	for i := 0; i < 40; i++ {
		*now = start.Add(time.Duration(i) * time.Hour)
		audFill(t, s, 1) // audFill numbers from 0 each call: user 1, open_citizen, citizen 0
	}
	// Varied entries over the next 40 hours.
	for i := 0; i < 40; i++ {
		*now = start.Add(time.Duration(40+i) * time.Hour)
		must(t, s.Audit(ctx, data.AuditEntry{UserID: data.ID(1 + i%2), Username: []string{"anne", "bjørn"}[i%2],
			Action: audActions[i%len(audActions)], CitizenID: data.ID(i % 4)}))
	}
	count := func(f data.AuditFilter, check func(data.AuditEntry) bool) int {
		t.Helper()
		got, err := s.AuditLog(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for i, e := range got {
			if !check(e) {
				t.Fatalf("filter %+v let through %+v", f, e)
			}
			if i > 0 && e.ID >= got[i-1].ID {
				t.Fatalf("not newest first")
			}
		}
		return len(got)
	}
	everything := func(data.AuditEntry) bool { return true }
	if n := count(data.AuditFilter{}, everything); n != 80 {
		t.Fatalf("all: %d", n)
	}
	if n := count(data.AuditFilter{UserID: 2}, func(e data.AuditEntry) bool { return e.UserID == 2 }); n != 20 {
		t.Fatalf("user 2: %d", n)
	}
	if n := count(data.AuditFilter{CitizenID: 3}, func(e data.AuditEntry) bool { return e.CitizenID == 3 }); n != 10 {
		t.Fatalf("citizen 3: %d", n)
	}
	acts := []data.AuditAction{data.AuditUpdate, data.AuditLogin}
	if n := count(data.AuditFilter{Actions: acts}, func(e data.AuditEntry) bool { return e.Action == acts[0] || e.Action == acts[1] }); n != 20 {
		t.Fatalf("actions: %d", n)
	}
	from, to := start.Add(10*time.Hour), start.Add(20*time.Hour)
	inRange := func(e data.AuditEntry) bool { return !e.At.Before(from) && e.At.Before(to) }
	if n := count(data.AuditFilter{From: from, To: to}, inRange); n != 10 {
		t.Fatalf("time range: %d", n)
	}
	if n := count(data.AuditFilter{From: start.Add(75 * time.Hour)}, func(e data.AuditEntry) bool { return !e.At.Before(start.Add(75 * time.Hour)) }); n != 5 {
		t.Fatalf("from: %d", n)
	}
	combined := data.AuditFilter{UserID: 2, CitizenID: 3, Actions: []data.AuditAction{data.AuditReportGenerated, data.AuditLogin}}
	both := func(e data.AuditEntry) bool {
		return e.UserID == 2 && e.CitizenID == 3 && e.Action == data.AuditReportGenerated
	}
	if n := count(combined, both); n != 10 {
		t.Fatalf("combined: %d", n)
	}
	if n := count(data.AuditFilter{UserID: 1, CitizenID: 2}, func(e data.AuditEntry) bool { return e.UserID == 1 && e.CitizenID == 2 }); n != 10 {
		t.Fatalf("user and citizen: %d", n)
	}
	got, err := s.AuditLog(ctx, data.AuditFilter{CitizenID: 1, Limit: 3})
	if err != nil || len(got) != 3 || got[0].ID != 78 || got[2].ID != 70 {
		t.Fatalf("limit: %+v %v", got, err)
	}
}

func TestAuditInARolledBackTransactionVanishes(t *testing.T) {
	s := audOpen(t)
	ctx := context.Background()
	audFill(t, s, 5)
	tipBefore, _, _ := s.auditSetting(ctx, auditTipKey)
	boom := errors.New("afbrudt")
	err := s.Atomically(ctx, func(ctx context.Context) error {
		for i := 0; i < 3; i++ {
			if err := s.Audit(ctx, data.AuditEntry{Action: data.AuditUpdate, CitizenID: 1, Detail: "felter: navn"}); err != nil {
				return err
			}
		}
		// The entries are visible inside the transaction.
		v, err := s.verifyAudit(ctx)
		if err != nil || !v.OK || v.Entries != 8 {
			return fmt.Errorf("inside: %+v %v", v, err)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	v := audVerify(t, s)
	if !v.OK || v.Entries != 5 {
		t.Fatalf("after rollback: %+v", v)
	}
	if tip, _, _ := s.auditSetting(ctx, auditTipKey); tip != tipBefore {
		t.Fatalf("tip moved: %q → %q", tipBefore, tip)
	}
	// A committed transaction keeps its entries, and ids stay consecutive.
	must(t, s.Atomically(ctx, func(ctx context.Context) error {
		return s.Audit(ctx, data.AuditEntry{Action: data.AuditCreate, CitizenID: 2, Detail: "borger"})
	}))
	if v := audVerify(t, s); !v.OK || v.Entries != 6 {
		t.Fatalf("after commit: %+v", v)
	}
	if e := audRow(t, s, 6); e.Action != data.AuditCreate || e.CitizenID != 2 {
		t.Fatalf("entry 6: %+v", e)
	}
}

func TestAuditRefusesUnknownActionsAndBlanksCPRNumbers(t *testing.T) {
	s := audOpen(t)
	ctx := context.Background()
	if err := s.Audit(ctx, data.AuditEntry{Action: "peek"}); err == nil {
		t.Fatal("unknown action accepted")
	}
	if err := s.Audit(ctx, data.AuditEntry{}); err == nil {
		t.Fatal("empty action accepted")
	}
	must(t, s.Audit(ctx, data.AuditEntry{Action: data.AuditExport, Detail: "søgning 010203-1234 og 0102031234, sag 12345"}))
	e := audRow(t, s, 1)
	if strings.Contains(e.Detail, "1234,") || strings.Contains(e.Detail, "010203") || !strings.Contains(e.Detail, "sag 12345") {
		t.Fatalf("detail %q", e.Detail)
	}
	if v := audVerify(t, s); !v.OK || v.Entries != 1 {
		t.Fatalf("%+v", v)
	}
}

func TestAuditNeedsNoLoginToAppendButTheLogIsForAdministrators(t *testing.T) {
	s := audOpen(t)
	s.security.params = vault.FastParamsForTests
	ctx := context.Background()
	if _, err := s.Setup(ctx, data.User{Username: "admin", DisplayName: "Anne Admin"}, "korrekt hest batteri"); err != nil {
		t.Fatal(err)
	}
	base := audVerify(t, s).Entries
	must(t, s.Audit(ctx, data.AuditEntry{Username: "admin", Action: data.AuditLogout}))
	if got, err := s.AuditLog(ctx, data.AuditFilter{Actions: []data.AuditAction{data.AuditLogout}}); err != nil || len(got) != 1 {
		t.Fatalf("administrator reads the log: %d, %v", len(got), err)
	}
	s.Lock()
	must(t, s.Audit(ctx, data.AuditEntry{Username: "ukendt", Action: data.AuditLoginFailed, Detail: "ukendt brugernavn"}))
	if _, err := s.AuditLog(ctx, data.AuditFilter{}); !errors.Is(err, data.ErrLoggedOut) {
		t.Fatalf("log without login: %v", err)
	}
	if _, err := s.PruneAudit(ctx, time.Now().AddDate(-1, 0, 0)); !errors.Is(err, data.ErrLoggedOut) {
		t.Fatalf("prune without login: %v", err)
	}
	if v := audVerify(t, s); !v.OK || v.Entries < base+2 {
		t.Fatalf("verification without login: %+v", v)
	}
}
