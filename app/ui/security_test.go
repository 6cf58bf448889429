package ui

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"mentorbog/app/reports"
	"mentorbog/data"
	"mentorbog/data/sqlstore"
)

// securityWindow opens Sikkerhed in a window on st.
func securityWindow(t *testing.T, st data.Store) (*MainWindow, *securityScreen) {
	t.Helper()
	m := newWindow(t, st)
	m.ShowSection(SectionSecurity)
	if m.current != SectionSecurity {
		t.Fatal("an administrator has no Sikkerhed section")
	}
	return m, m.screens[SectionSecurity].(*securityScreen)
}

func TestSecurityOnlyForAdministrators(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	m := newWindow(t, st)
	assertShows(t, m, "Sikkerhed")
	u := data.User{Username: "kim", DisplayName: "Kim Kristensen", Role: data.RoleCoordinator}
	must(t, st.SaveUser(ctx, &u, "kims lange kode"))
	st.Lock()
	_, err := st.Login(ctx, "kim", "kims lange kode")
	must(t, err)
	m = newWindow(t, st)
	m.ShowSection(SectionSecurity)
	if m.current == SectionSecurity {
		t.Error("a coordinator opened Sikkerhed")
	}
	assertHides(t, m, "Sikkerhed")
	// Nor can a coordinator erase a citizen.
	m.ShowSection(SectionCitizens)
	s := m.screens[SectionCitizens].(*citizensScreen)
	s.list.Select(0)
	if s.erase != nil || findButton(s.root, "Slet borger…") != nil {
		t.Error("a coordinator has Slet borger")
	}
}

func TestAuditTabListsAndFilters(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	citizens, err := st.Citizens(ctx, false)
	must(t, err)
	anna := citizens[0]
	_, err = st.Citizen(ctx, anna.ID) // an opening, logged
	must(t, err)
	m, sec := securityWindow(t, st)
	a := sec.audit
	if len(a.entries) == 0 {
		t.Fatal("the audit log shows no entries")
	}
	assertShows(t, m, "Revisionslog", "Tidspunkt", "Handling", "Kæden er intakt", adminUser)
	if !strings.Contains(a.count.Text, strconv.Itoa(len(a.entries))+" poster") {
		t.Errorf("count line %q", a.count.Text)
	}
	capture(t, m, "security-audit")

	a.selectAction(data.AuditOpenCitizen)
	if len(a.entries) == 0 {
		t.Fatal("no open_citizen entries")
	}
	for _, e := range a.entries {
		if e.Action != data.AuditOpenCitizen {
			t.Errorf("action filter shows %s", e.Action)
		}
	}
	assertShows(t, m, anna.Name, "Åbnede borger")
	a.resetFilters()

	a.selectCitizen(anna.ID)
	if len(a.entries) == 0 || a.export.Disabled() {
		t.Fatalf("citizen filter: %d entries, export disabled %v", len(a.entries), a.export.Disabled())
	}
	for _, e := range a.entries {
		if e.CitizenID != anna.ID {
			t.Errorf("citizen filter shows an entry about citizen %d", e.CitizenID)
		}
	}

	// A bad date is told under the field, and the list is kept.
	before := len(a.entries)
	test.Type(a.from.entry, "31-02-2026")
	a.reload()
	if a.from.msg.Text != "Skriv datoen som dd-mm-åååå, fx 23-11-2026." || !a.from.msg.Visible() {
		t.Errorf("bad date message %q", a.from.msg.Text)
	}
	if len(a.entries) != before {
		t.Error("a bad date changed the list")
	}
	capture(t, m, "security-audit-bad-date")
	a.from.entry.SetText("23-11-2026")
	a.reload()
	if a.from.msg.Visible() {
		t.Error("the message stayed after the date was fixed")
	}
	for _, e := range a.entries {
		if e.At.Before(dayStart(data.NewDate(2026, 11, 23))) {
			t.Errorf("from filter shows %s", e.At)
		}
	}

	// An erased citizen is named by id.
	if got := a.citizenName(99999); got != "#99999 (slettet)" {
		t.Errorf("erased citizen shows %q", got)
	}
}

func TestAuditExportForCitizen(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	citizens, err := st.Citizens(ctx, false)
	must(t, err)
	c := citizens[0]
	_, err = st.Citizen(ctx, c.ID)
	must(t, err)
	want, err := st.AuditLog(ctx, data.AuditFilter{CitizenID: c.ID})
	must(t, err)
	_, sec := securityWindow(t, st)
	name := exportFileName(c.ID, data.DateOf(fixedNow), reports.FormatCSV)
	if name != "Revisionslog_borger-"+strconv.FormatInt(c.ID, 10)+"_2026-11-23.csv" {
		t.Errorf("file name %q", name)
	}
	path := filepath.Join(t.TempDir(), name)
	n, err := sec.audit.exportCitizenFile(ctx, path, c.ID)
	must(t, err)
	raw, err := os.ReadFile(path)
	must(t, err)
	if !bytes.HasPrefix(raw, []byte("\uFEFF")) {
		t.Error("no byte order mark")
	}
	r := csv.NewReader(bytes.NewReader(raw[3:]))
	r.Comma = ';'
	records, err := r.ReadAll()
	must(t, err)
	if n != len(want) || len(records) != len(want)+1 {
		t.Fatalf("exported %d (%d rows), the citizen has %d entries", n, len(records)-1, len(want))
	}
	for _, rec := range records[1:] {
		if rec[3] != strconv.FormatInt(c.ID, 10) {
			t.Errorf("an entry about citizen %q was exported", rec[3])
		}
	}
	if bytes.Contains(raw, []byte(c.Name)) || bytes.Contains(raw, []byte(c.CPR)) {
		t.Error("the export holds the citizen's name or CPR")
	}
	last, err := st.AuditLog(ctx, data.AuditFilter{Limit: 1})
	must(t, err)
	if last[0].Action != data.AuditExport || last[0].CitizenID != c.ID {
		t.Errorf("the export was not logged: %+v", last[0])
	}

	// The same as a PDF: the citizen's name and masked CPR, never the full one.
	pdfPath := filepath.Join(t.TempDir(), exportFileName(c.ID, data.DateOf(fixedNow), reports.FormatPDF))
	if _, err := sec.audit.exportCitizenFile(ctx, pdfPath, c.ID); err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command("pdftotext", "-layout", pdfPath, "-").Output()
	must(t, err)
	if !strings.Contains(string(text), c.Name) || !strings.Contains(string(text), c.MaskedCPR()) || !strings.Contains(string(text), "Side 1 af") {
		t.Errorf("audit PDF lacks the name, masked CPR or page numbers:\n%s", text)
	}
	if strings.Contains(string(text), c.CPR[6:]) && len(c.CPR) == 10 {
		t.Error("the audit PDF holds the CPR number's last four digits")
	}
}

// backupFiles lists the backup files in dir.
func backupFiles(t *testing.T, dir string) []string {
	t.Helper()
	list, err := listBackupFiles(dir)
	must(t, err)
	var out []string
	for _, b := range list {
		out = append(out, filepath.Join(dir, b.name))
	}
	return out
}

func TestBackupsTab(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	m, sec := securityWindow(t, st)
	sec.selectTab(sec.backups.view())
	b := sec.backups
	assertShows(t, m, "Tag backup nu", "Automatisk backup ved start og dagligt", "Der er ikke valgt en mappe til sikkerhedskopier.")
	if b.keep.entry.Text != "10" {
		t.Errorf("keep defaults to %q", b.keep.entry.Text)
	}
	// No folder: told under the field, nothing taken.
	tap(b.take)
	if !b.dir.msg.Visible() {
		t.Error("no message for a missing folder")
	}

	dir := filepath.Join(t.TempDir(), "backups")
	b.dir.entry.SetText(dir)
	b.auto.SetChecked(true)
	tap(b.take)
	b.running.Wait()
	files := backupFiles(t, dir)
	if len(files) != 1 {
		t.Fatalf("backup files: %v (status %q)", files, b.status.Text)
	}
	if _, err := sqlstore.VerifyBackup(ctx, files[0]); err != nil {
		t.Fatalf("the backup does not verify: %v", err)
	}
	if len(b.backups) != 1 || !strings.Contains(b.status.Text, files[0]) {
		t.Errorf("list %v, status %q", b.backups, b.status.Text)
	}
	assertShows(t, m, filepath.Base(files[0]), "1 sikkerhedskopi i mappen.")
	assertHides(t, m, "ældre end 7 dage", "ingen sikkerhedskopi")
	// Settings stored, folder mirrored in the preferences.
	for k, want := range map[string]string{BackupDirSetting: dir, BackupKeepSetting: "10", BackupAutoSetting: "1"} {
		if v, _ := st.Setting(ctx, k); v != want {
			t.Errorf("setting %s = %q, want %q", k, v, want)
		}
	}
	if got := fyne.CurrentApp().Preferences().String(BackupDirPreference); got != dir {
		t.Errorf("preference backup_dir = %q", got)
	}
	last, err := st.AuditLog(ctx, data.AuditFilter{Limit: 1})
	must(t, err)
	if last[0].Action != data.AuditBackup {
		t.Errorf("the backup was not logged: %s", last[0].Action)
	}
	capture(t, m, "security-backups")
	// The progress bar and Annullér as they look while a backup runs.
	b.progress.SetValue(0.6)
	b.progress.Show()
	b.cancelB.Show()
	b.take.Disable()
	b.setStatus("Tager sikkerhedskopi …", widget.MediumImportance)
	capture(t, m, "security-backups-running")
	b.progress.Hide()
	b.cancelB.Hide()
	b.take.Enable()

	// Cancelled: no file is left behind.
	other := filepath.Join(t.TempDir(), "other")
	b.dir.entry.SetText(other)
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	b.runBackup(cancelled)
	b.running.Wait()
	if got := backupFiles(t, other); len(got) != 0 {
		t.Errorf("a cancelled backup left %v", got)
	}
	if entries, _ := os.ReadDir(other); len(entries) != 0 {
		t.Errorf("a cancelled backup left files: %v", entries)
	}
	if !strings.Contains(b.status.Text, "annulleret") {
		t.Errorf("status after cancel %q", b.status.Text)
	}

	// Keep N prunes the older ones.
	b.dir.entry.SetText(dir)
	b.keep.entry.SetText("1")
	for i := 0; i < 2; i++ {
		tap(b.take)
		b.running.Wait()
	}
	if got := backupFiles(t, dir); len(got) != 1 {
		t.Errorf("keep 1 left %v", got)
	}
}

// realBackup takes a backup of st into a fresh folder and returns it.
func realBackup(t *testing.T, st *sqlstore.Store) string {
	t.Helper()
	path, err := st.Backup(context.Background(), t.TempDir(), nil)
	must(t, err)
	return path
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	must(t, err)
	defer in.Close()
	must(t, os.MkdirAll(filepath.Dir(to), 0o700))
	out, err := os.Create(to)
	must(t, err)
	_, err = io.Copy(out, in)
	must(t, err)
	must(t, out.Close())
}

func TestStaleBackupWarning(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "backups")
	must(t, os.MkdirAll(dir, 0o700))
	must(t, st.SetSetting(ctx, BackupDirSetting, dir))
	m := newWindow(t, st)
	assertShows(t, m, "Der er ingen sikkerhedskopi endnu")

	copyFile(t, realBackup(t, st), filepath.Join(dir, "mentorbog-sikkerhedskopi-2020-01-01-000000.db"))
	m.ShowSection(SectionOverview)
	assertShows(t, m, "Seneste sikkerhedskopi er ældre end 7 dage")
	capture(t, m, "overview-backup-warning")
	tap(findButton(m.screens[SectionOverview].view(), "Seneste sikkerhedskopi er ældre end 7 dage"))
	if m.current != SectionSecurity {
		t.Fatalf("the warning opened %q", m.current)
	}
	sec := m.screens[SectionSecurity].(*securityScreen)
	if sec.tabs.Selected().Content != sec.backups.view() {
		t.Error("the warning did not open the backups tab")
	}
	assertShows(t, m, "Seneste sikkerhedskopi er ældre end 7 dage", "01-01-2020 00:00:00")
	capture(t, m, "security-backups-stale")

	// A mentor-free coordinator sees no warning (not an administrator).
	u := data.User{Username: "kim", DisplayName: "Kim", Role: data.RoleCoordinator}
	must(t, st.SaveUser(ctx, &u, "kims lange kode"))
	st.Lock()
	_, err := st.Login(ctx, "kim", "kims lange kode")
	must(t, err)
	m = newWindow(t, st)
	assertHides(t, m, "Seneste sikkerhedskopi")
}

func TestAutoBackup(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "auto")
	m := newWindow(t, st)
	bs := st
	if m.autoBackup(bs, true) {
		t.Fatal("a backup without settings")
	}
	must(t, st.SetSetting(ctx, BackupDirSetting, dir))
	must(t, st.SetSetting(ctx, BackupAutoSetting, "1"))
	if !m.autoBackup(bs, false) || len(backupFiles(t, dir)) != 1 {
		t.Fatal("no automatic backup")
	}
	// At start a fresh backup is enough.
	if m.autoBackup(bs, true) {
		t.Error("a second backup at start right after one")
	}
	m.IdleLock().LockNow()
	if m.autoBackup(bs, false) {
		t.Error("a backup while locked")
	}
}

func TestRetentionTab(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	mu := data.Municipality{Name: "Gammel Kommune"}
	must(t, st.SaveMunicipality(ctx, &mu))
	old := citizen(t, st, "Ole Gammelby", "0101501234", "", false)
	co := data.Course{CitizenID: old.ID, MunicipalityID: mu.ID, Status: data.CourseEnded, Outcome: data.OutcomeJob,
		OrderedOn: data.NewDate(2019, 1, 10), StartedOn: data.NewDate(2019, 2, 1), EndedOn: data.NewDate(2020, 1, 31)}
	must(t, st.SaveCourse(ctx, &co))

	m, sec := securityWindow(t, st)
	sec.selectTab(sec.retention.view())
	r := sec.retention
	if r.months.entry.Text != "24" {
		t.Errorf("retention months %q", r.months.entry.Text)
	}
	found := false
	for _, c := range r.due {
		found = found || c.CitizenID == old.ID
	}
	if !found || r.run.Disabled() {
		t.Fatalf("the due list %v lacks %d", r.due, old.ID)
	}
	assertShows(t, m, "Ole Gammelby", "31-01-2020", "Slet nu")
	capture(t, m, "security-retention")

	r.months.entry.SetText("0")
	r.saveMonths()
	if r.months.msg.Text != "Skriv et helt antal måneder fra 1 til 240." {
		t.Errorf("bad months message %q", r.months.msg.Text)
	}
	r.months.entry.SetText("24")
	r.saveMonths()

	n := len(r.due)
	tap(r.run)
	assertShows(t, m, strconv.Itoa(n)+" borgere slettes permanent", "Slet "+strconv.Itoa(n)+" borgere")
	capture(t, m, "security-retention-confirm")
	if r.confirmed == nil {
		t.Fatal("no confirmation")
	}
	m.Window().Canvas().Overlays().Top().Hide()
	r.confirmed()
	if _, err := st.Citizen(ctx, old.ID); err == nil {
		t.Error("the due citizen was not erased")
	}
	if len(r.due) != 0 || len(r.deletions) == 0 {
		t.Errorf("after the run: %d due, %d deletion lines", len(r.due), len(r.deletions))
	}
	assertShows(t, m, strconv.Itoa(n)+" borgere er slettet.", "sletteregel")
	capture(t, m, "security-retention-done")
}

func TestEraseCitizenNeedsTheName(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	m := newWindow(t, st)
	m.ShowSection(SectionCitizens)
	s := m.screens[SectionCitizens].(*citizensScreen)
	s.list.Select(0)
	c := s.shown[0].citizen
	del := findButton(s.details, "Slet borger…")
	if del == nil {
		t.Fatal("an administrator has no Slet borger")
	}
	tap(del)
	f := s.eraseForm
	if f == nil {
		t.Fatal("no confirmation")
	}
	test.Type(f.name, "forkert navn")
	if !f.confirm.Disabled() {
		t.Error("the confirm button is enabled for a wrong name")
	}
	tap(f.confirm)
	if _, err := st.Citizen(ctx, c.ID); err != nil {
		t.Fatal("a wrong name erased the citizen")
	}
	capture(t, m, "citizen-erase")
	f.name.SetText(c.Name)
	if f.confirm.Disabled() {
		t.Fatal("the right name does not enable the button")
	}
	tap(f.confirm)
	if _, err := st.Citizen(ctx, c.ID); err == nil {
		t.Error("the citizen was not erased")
	}
	for _, r := range s.rows {
		if r.citizen.ID == c.ID {
			t.Error("the erased citizen is still listed")
		}
	}
	if m.Window().Canvas().Overlays().Top() != nil {
		t.Error("the dialog stayed open")
	}
}

func TestRestoreOffer(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	dir := filepath.Dir(realBackup(t, st))
	live := filepath.Join(t.TempDir(), "mentorbog.db")
	must(t, os.WriteFile(live, []byte("dette er ikke en database, men en ødelagt fil med noget tekst i"), 0o600))

	w := newStartWindow(t, fyne.NewSize(720, 420))
	prefs := fyne.CurrentApp().Preferences()
	// Without a known folder: only the message.
	v := ShowOpenError(w, prefs, "Databasen kan ikke åbnes: filen er ikke en Mentorbog-database.", live, nil)
	if v.restore != nil {
		t.Error("a restore offer without a backup folder")
	}
	v.dlg.Hide()

	prefs.SetString(BackupDirPreference, dir)
	quit := false
	v = ShowOpenError(w, prefs, "Databasen kan ikke åbnes: filen er ikke en Mentorbog-database.", live, func() { quit = true })
	windowShows(t, w, "Gendan nyeste sikkerhedskopi…", "Der findes en sikkerhedskopi fra")
	captureWindow(t, w, "restore-offer")
	tap(v.restore)
	v.wg.Wait()
	windowShows(t, w, "Gendan sikkerhedskopien fra")
	captureWindow(t, w, "restore-confirm")
	yes := findButton(w.Canvas().Overlays().Top(), "Gendan")
	if yes == nil {
		t.Fatal("no Gendan button in the confirmation")
	}
	tap(yes)
	v.wg.Wait()
	if !strings.Contains(v.status.Text, "Start Mentorbog igen") {
		t.Fatalf("status %q", v.status.Text)
	}
	captureWindow(t, w, "restore-done")
	restored, err := sqlstore.Open(live)
	must(t, err)
	defer restored.Close()
	if needed, err := restored.SetupNeeded(ctx); err != nil || needed {
		t.Errorf("the restored database: setup needed %v, %v", needed, err)
	}
	matches, _ := filepath.Glob(live + ".foer-gendannelse-*")
	if len(matches) != 1 {
		t.Fatalf("the broken file was not kept aside: %v", matches)
	}
	if raw, _ := os.ReadFile(matches[0]); !bytes.Contains(raw, []byte("ødelagt")) {
		t.Error("the aside file is not the broken database")
	}
	if quit {
		t.Error("quit before the user closed the window")
	}
}
