package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/sqlstore"
)

// Store settings of the backups. The folder is also kept in the
// preferences (BackupDirPreference), so it is known when the database
// cannot be opened and a backup is needed most.
const (
	BackupDirSetting    = "backup_dir"
	BackupKeepSetting   = "backup_keep"
	BackupAutoSetting   = "backup_auto"
	BackupDirPreference = "backup_dir"
	// DefaultBackupKeep is how many backups are kept when nothing is set.
	DefaultBackupKeep = 10
	maxBackupKeep     = 999
	// autoBackupInterval is the time between automatic backups.
	autoBackupInterval = 24 * time.Hour
	// autoBackupFresh: a backup this recent makes the one at start
	// unnecessary, so several starts a day do not push older backups out.
	autoBackupFresh = time.Hour
)

// backupStore is what the backups need; only the SQLite store has it.
type backupStore interface {
	Backup(ctx context.Context, dir string, progress func(done, total int)) (string, error)
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
	Audit(ctx context.Context, e data.AuditEntry) error
	CurrentUser() (data.User, bool)
}

// backupConfig is the backup settings.
type backupConfig struct {
	dir  string
	keep int
	auto bool
}

// loadBackupConfig reads the settings; the folder falls back to the
// preferences.
func loadBackupConfig(ctx context.Context, st data.SettingStore, prefs fyne.Preferences) (backupConfig, error) {
	c := backupConfig{keep: DefaultBackupKeep}
	dir, err := st.Setting(ctx, BackupDirSetting)
	if err != nil {
		return c, err
	}
	if strings.TrimSpace(dir) == "" && prefs != nil {
		dir = prefs.String(BackupDirPreference)
	}
	c.dir = strings.TrimSpace(dir)
	keep, err := st.Setting(ctx, BackupKeepSetting)
	if err != nil {
		return c, err
	}
	if n, err := strconv.Atoi(strings.TrimSpace(keep)); err == nil && n >= 1 && n <= maxBackupKeep {
		c.keep = n
	}
	auto, err := st.Setting(ctx, BackupAutoSetting)
	if err != nil {
		return c, err
	}
	c.auto = auto == "1" || auto == "true"
	return c, nil
}

// takeBackup makes a backup, logs it and keeps the newest keep.
func takeBackup(ctx context.Context, st backupStore, dir string, keep int, progress func(done, total int)) (string, error) {
	path, err := st.Backup(ctx, dir, progress)
	if err != nil {
		return "", err
	}
	u, _ := st.CurrentUser()
	if err := st.Audit(ctx, data.AuditEntry{UserID: u.ID, Username: u.Username, Action: data.AuditBackup,
		Detail: "sikkerhedskopi: " + filepath.Base(path)}); err != nil {
		return path, err
	}
	if _, err := sqlstore.PruneBackups(dir, max(keep, 1)); err != nil {
		return path, err
	}
	return path, nil
}

// backupFileName matches backups' names (as sqlite names them).
var backupFileName = regexp.MustCompile(`^mentorbog-sikkerhedskopi-(\d{4}-\d{2}-\d{2}-\d{6})(?:-(\d{1,4}))?\.db$`)

// backupInfo is one backup in the folder.
type backupInfo struct {
	name string
	at   time.Time
	seq  int
	size int64
}

// listBackupFiles lists the backups in dir, newest first; a missing
// folder has none.
func listBackupFiles(dir string) ([]backupInfo, error) {
	if dir == "" {
		return nil, nil
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []backupInfo
	for _, e := range entries {
		m := backupFileName.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		at, err := time.ParseInLocation("2006-01-02-150405", m[1], data.Zone())
		if err != nil {
			continue
		}
		b := backupInfo{name: e.Name(), at: at, seq: 1}
		if m[2] != "" {
			b.seq, _ = strconv.Atoi(m[2])
		}
		if info, err := e.Info(); err == nil {
			b.size = info.Size()
		}
		out = append(out, b)
	}
	slices.SortFunc(out, func(a, b backupInfo) int {
		if c := b.at.Compare(a.at); c != 0 {
			return c
		}
		return b.seq - a.seq
	})
	return out, nil
}

// sizeText shows a file size as "1,2 MB" or "340 kB".
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return strings.Replace(strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64), ".", ",", 1) + " MB"
	case n >= 1<<10:
		return strconv.FormatInt((n+512)>>10, 10) + " kB"
	}
	return strconv.FormatInt(n, 10) + " B"
}

// backupWarning is the warning about the newest backup in dir at now; ""
// when it is recent or no folder is set.
func backupWarning(dir string, now time.Time) string {
	if dir == "" {
		return ""
	}
	_, at, ok, err := sqlstore.NewestBackup(dir)
	switch {
	case err != nil:
		return lang.X("backup.folder_unreadable", "Mappen med sikkerhedskopier kan ikke læses.")
	case !ok:
		return lang.X("backup.none", "Der er ingen sikkerhedskopi endnu")
	case sqlstore.BackupIsStale(at, now):
		return lang.X("backup.stale", "Seneste sikkerhedskopi er ældre end 7 dage")
	}
	return ""
}

// backupsScreen is the "Sikkerhedskopier" tab.
type backupsScreen struct {
	st  backupStore
	env env

	dir      *formField
	keep     *formField
	auto     *widget.Check
	take     *widget.Button
	cancelB  *widget.Button
	progress *widget.ProgressBar
	status   *widget.Label
	warning  *fyne.Container
	list     *widget.List
	count    *widget.Label
	backups  []backupInfo
	root     fyne.CanvasObject

	mu      sync.Mutex
	cancel  context.CancelFunc // the running backup's; nil when none runs
	running sync.WaitGroup     // tests wait for the backup to end
}

// backupColumns: time, size, file.
var backupColumns = columns{170, 100, 0}

func newBackupsScreen(st backupStore, e env) *backupsScreen {
	s := &backupsScreen{st: st, env: e, status: wrapped(""), warning: container.NewVBox(), count: muted("")}
	s.dir = newFormField(widget.NewEntry())
	s.dir.entry.SetPlaceHolder(lang.X("backup.dir_placeholder", "Fx en netværksmappe eller en synkroniseret mappe"))
	s.keep = newFormField(widget.NewEntry())
	s.auto = widget.NewCheck(lang.X("backup.auto", "Automatisk backup ved start og dagligt"), nil)
	s.take = widget.NewButtonWithIcon(lang.X("backup.take", "Tag backup nu"), theme.DownloadIcon(), func() { s.runBackup(context.Background()) })
	s.take.Importance = widget.HighImportance
	s.cancelB = widget.NewButtonWithIcon(lang.X("backup.cancel", "Annullér"), theme.CancelIcon(), s.cancelBackup)
	s.cancelB.Hide()
	s.progress = widget.NewProgressBar()
	s.progress.Hide()
	s.status.Hide()
	s.list = widget.NewList(func() int { return len(s.backups) },
		func() fyne.CanvasObject { return backupColumns.row(cell(""), cell(""), cell("")) },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(s.backups) {
				b := s.backups[id]
				setRow(o, auditTime(b.at), sizeText(b.size), b.name)
			}
		})
	s.root = s.layout()
	return s
}

func (s *backupsScreen) layout() fyne.CanvasObject {
	pick := widget.NewButtonWithIcon(lang.X("backup.pick", "Vælg mappe…"), theme.FolderOpenIcon(), s.pickFolder)
	save := widget.NewButtonWithIcon(lang.X("backup.save", "Gem indstillinger"), theme.DocumentSaveIcon(), func() {
		if s.saveConfig(context.Background()) {
			s.env.showError(s.load(context.Background()))
		}
	})
	form := widget.NewForm(
		widget.NewFormItem(lang.X("backup.dir", "Mappe"), fieldWithMessage(container.NewBorder(nil, nil, nil, pick, s.dir.entry), s.dir.msg)),
		widget.NewFormItem(lang.X("backup.keep", "Behold de nyeste"), fieldWithMessage(
			container.NewHBox(container.New(minWidth(80), s.keep.entry), widget.NewLabel(lang.X("backup.keep_unit", "sikkerhedskopier"))), s.keep.msg)),
		widget.NewFormItem("", s.auto),
	)
	actions := container.NewBorder(nil, nil, container.NewHBox(save, s.take, s.cancelB), nil, s.progress)
	note := muted(lang.X("backup.note", "En sikkerhedskopi er krypteret som databasen: navne, CPR-numre og noter kan kun læses med et login eller gendannelsesnøglen."))
	top := container.NewVBox(heading(lang.X("security.tab_backups", "Sikkerhedskopier")), s.warning, form, actions, s.status, note,
		widget.NewSeparator(), bold(lang.X("backup.list", "Sikkerhedskopier i mappen")),
		backupColumns.header(lang.X("backup.col_time", "Taget"), lang.X("backup.col_size", "Størrelse"), lang.X("backup.col_file", "Fil")))
	return container.NewBorder(top, s.count, nil, nil, s.list)
}

func (s *backupsScreen) view() fyne.CanvasObject { return s.root }

func (s *backupsScreen) load(ctx context.Context) error {
	c, err := loadBackupConfig(ctx, s.st, s.env.prefs)
	if err != nil {
		return err
	}
	s.dir.entry.SetText(c.dir)
	s.keep.entry.SetText(strconv.Itoa(c.keep))
	s.auto.SetChecked(c.auto)
	s.dir.setError("")
	s.keep.setError("")
	s.refreshList(c.dir)
	return nil
}

// refreshList lists the backups in dir and warns about an old one.
func (s *backupsScreen) refreshList(dir string) {
	list, err := listBackupFiles(dir)
	s.backups = list
	s.list.Refresh()
	s.warning.Objects = nil
	switch {
	case dir == "":
		s.count.SetText(lang.X("backup.no_dir", "Vælg en mappe til sikkerhedskopierne."))
		s.warning.Add(iconLine(theme.WarningIcon(), lang.X("backup.no_dir_warning", "Der er ikke valgt en mappe til sikkerhedskopier."), widget.WarningImportance))
	case err != nil:
		s.count.SetText(lang.X("backup.folder_unreadable", "Mappen med sikkerhedskopier kan ikke læses.") + " " + err.Error())
	default:
		if len(list) == 1 {
			s.count.SetText(lang.X("backup.count_one", "1 sikkerhedskopi i mappen."))
		} else {
			s.count.SetText(lang.X("backup.count", "{{.Count}} sikkerhedskopier i mappen.", map[string]int{"Count": len(list)}))
		}
	}
	if w := backupWarning(dir, s.env.now()); w != "" && err == nil {
		s.warning.Add(iconLine(theme.WarningIcon(), w, widget.WarningImportance))
	}
	s.warning.Refresh()
	s.root.Refresh()
}

func (s *backupsScreen) pickFolder() {
	if s.env.window == nil {
		return
	}
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			s.env.showError(err)
			return
		}
		if u != nil {
			s.dir.entry.SetText(u.Path())
		}
	}, s.env.window)
	if dir := strings.TrimSpace(s.dir.entry.Text); dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Show() // a file dialog must be shown before it can be resized (Fyne 2.8)
	d.Resize(fyne.NewSize(900, 600))
}

// readConfig checks the fields; ok is false when one is wrong (it says
// why).
func (s *backupsScreen) readConfig() (backupConfig, bool) {
	c := backupConfig{dir: strings.TrimSpace(s.dir.entry.Text), auto: s.auto.Checked}
	ok := true
	if c.dir == "" {
		s.dir.setError(lang.X("backup.dir_missing", "Vælg eller skriv den mappe, sikkerhedskopierne skal gemmes i."))
		ok = false
	} else if !filepath.IsAbs(c.dir) {
		s.dir.setError(lang.X("backup.dir_relative", "Skriv hele stien til mappen, fx C:\\Sikkerhedskopier."))
		ok = false
	}
	n, err := strconv.Atoi(strings.TrimSpace(s.keep.entry.Text))
	if err != nil || n < 1 || n > maxBackupKeep {
		s.keep.setError(lang.X("backup.keep_invalid", "Skriv et tal fra 1 til 999."))
		ok = false
	}
	c.keep = n
	return c, ok
}

// saveConfig stores the settings and mirrors the folder in the
// preferences.
func (s *backupsScreen) saveConfig(ctx context.Context) bool {
	c, ok := s.readConfig()
	if !ok {
		return false
	}
	auto := "0"
	if c.auto {
		auto = "1"
	}
	for _, kv := range [][2]string{{BackupDirSetting, c.dir}, {BackupKeepSetting, strconv.Itoa(c.keep)}, {BackupAutoSetting, auto}} {
		if err := s.st.SetSetting(ctx, kv[0], kv[1]); err != nil {
			s.env.showError(err)
			return false
		}
	}
	if s.env.prefs != nil {
		s.env.prefs.SetString(BackupDirPreference, c.dir)
	}
	return true
}

// runBackup saves the settings and takes a backup in the background; the
// progress bar follows it and Annullér cancels it (also parent's cancel).
func (s *backupsScreen) runBackup(parent context.Context) {
	s.mu.Lock()
	if s.cancel != nil {
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	if !s.saveConfig(context.Background()) {
		return
	}
	c, _ := s.readConfig()
	ctx, cancel := context.WithCancel(parent)
	s.mu.Lock()
	s.cancel = cancel
	s.mu.Unlock()
	s.take.Disable()
	s.cancelB.Show()
	s.progress.SetValue(0)
	s.progress.Show()
	s.setStatus(lang.X("backup.running", "Tager sikkerhedskopi …"), widget.MediumImportance)
	s.running.Add(1)
	go func() {
		defer s.running.Done()
		path, err := takeBackup(ctx, s.st, c.dir, c.keep, func(done, total int) {
			if total > 0 {
				v := float64(done) / float64(total)
				fyne.Do(func() { s.progress.SetValue(v) })
			}
		})
		fyne.Do(func() { s.finish(c.dir, path, err) })
	}()
}

func (s *backupsScreen) finish(dir, path string, err error) {
	s.mu.Lock()
	if s.cancel != nil {
		s.cancel()
	}
	s.cancel = nil
	s.mu.Unlock()
	s.take.Enable()
	s.cancelB.Hide()
	s.progress.Hide()
	switch {
	case errors.Is(err, context.Canceled):
		s.setStatus(lang.X("backup.cancelled", "Sikkerhedskopieringen blev annulleret. Der er ikke gemt nogen fil."), widget.WarningImportance)
	case err != nil && path == "":
		s.setStatus(lang.X("backup.failed", "Sikkerhedskopien kunne ikke tages: {{.Error}}", map[string]string{"Error": err.Error()}), widget.DangerImportance)
	case err != nil:
		s.setStatus(lang.X("backup.after_failed", "Sikkerhedskopien er gemt i {{.Path}}, men noget gik galt bagefter: {{.Error}}",
			map[string]string{"Path": path, "Error": err.Error()}), widget.WarningImportance)
	default:
		s.setStatus(lang.X("backup.done", "Sikkerhedskopien er gemt: {{.Path}}", map[string]string{"Path": path}), widget.SuccessImportance)
	}
	s.refreshList(dir)
}

func (s *backupsScreen) cancelBackup() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel != nil {
		s.cancel()
	}
}

func (s *backupsScreen) setStatus(text string, imp widget.Importance) {
	s.status.Importance = imp
	s.status.SetText(text)
	s.status.Show()
	s.root.Refresh()
}

// StartAutoBackup runs the automatic backup when the settings ask for it:
// one at start (unless the newest is under an hour old) and then every 24
// hours while the window is open. A tick while the window is locked is
// skipped, and errors are told in a dialog that does not stop the work.
// It does nothing when the store cannot make backups.
func (m *MainWindow) StartAutoBackup() {
	st, ok := m.store.(backupStore)
	if !ok {
		return
	}
	stop := make(chan struct{})
	var once sync.Once
	m.win.SetOnClosed(func() { once.Do(func() { close(stop) }) })
	go m.autoBackupLoop(st, stop, autoBackupInterval)
}

func (m *MainWindow) autoBackupLoop(st backupStore, stop chan struct{}, every time.Duration) {
	m.autoBackup(st, true)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			m.autoBackup(st, false)
		}
	}
}

// autoBackup takes one automatic backup when it is switched on, a folder
// is set and the window is not locked. It reports whether it took one.
func (m *MainWindow) autoBackup(st backupStore, atStart bool) bool {
	if m.lock.Locked() {
		return false
	}
	if _, ok := st.CurrentUser(); !ok {
		return false
	}
	ctx := context.Background()
	c, err := loadBackupConfig(ctx, st, m.env.prefs)
	if err != nil || !c.auto || c.dir == "" {
		return false
	}
	if atStart {
		if _, at, ok, err := sqlstore.NewestBackup(c.dir); err == nil && ok && m.env.now().Sub(at) < autoBackupFresh {
			return false
		}
	}
	_, err = takeBackup(ctx, st, c.dir, c.keep, nil)
	if err != nil {
		msg := lang.X("backup.auto_failed", "Den automatiske sikkerhedskopi kunne ikke tages. Mentorbog arbejder videre; tag en sikkerhedskopi under Sikkerhed, når mappen kan nås.")
		fyne.Do(func() { dialog.ShowError(fmt.Errorf("%s\n\n%w", msg, err), m.win) })
		return false
	}
	return true
}

// OpenErrorView tells why the database could not be opened and, when the
// preferences know a backup folder with a backup, offers to restore the
// newest backup in place of the broken file (which is kept aside).
type OpenErrorView struct {
	win     fyne.Window
	dbPath  string
	backup  string
	at      time.Time
	restore *widget.Button
	status  *widget.Label
	dlg     *dialog.CustomDialog
	quit    func()
	wg      sync.WaitGroup
}

// ShowOpenError shows message (already in Danish) in w; quit ends the
// program when the user closes it.
func ShowOpenError(w fyne.Window, prefs fyne.Preferences, message, dbPath string, quit func()) *OpenErrorView {
	v := &OpenErrorView{win: w, dbPath: dbPath, quit: quit, status: wrapped("")}
	v.status.Hide()
	content := container.NewVBox(wrapped(message))
	if prefs != nil {
		if dir := prefs.String(BackupDirPreference); dir != "" {
			if path, at, ok, err := sqlstore.NewestBackup(dir); err == nil && ok {
				v.backup, v.at = path, at
			}
		}
	}
	closeB := widget.NewButtonWithIcon(lang.X("restore.close", "Luk"), theme.CancelIcon(), func() { v.dlg.Hide() })
	buttons := []fyne.CanvasObject{closeB}
	if v.backup != "" {
		content.Add(widget.NewSeparator())
		content.Add(wrapped(lang.X("restore.offer", "Der findes en sikkerhedskopi fra {{.Time}} i {{.Dir}}. Du kan gendanne den; den nuværende databasefil bliver ikke slettet, men lagt til side.",
			map[string]string{"Time": auditTime(v.at), "Dir": filepath.Dir(v.backup)})))
		v.restore = widget.NewButtonWithIcon(lang.X("restore.button", "Gendan nyeste sikkerhedskopi…"), theme.HistoryIcon(), v.verify)
		v.restore.Importance = widget.HighImportance
		buttons = append(buttons, v.restore)
	}
	content.Add(v.status)
	v.dlg = dialog.NewCustomWithoutButtons(lang.X("restore.title", "Databasen kan ikke åbnes"), content, w)
	v.dlg.SetButtons(buttons)
	v.dlg.SetOnClosed(func() {
		if quit != nil {
			quit()
		}
	})
	v.dlg.Resize(fyne.NewSize(620, 0))
	v.dlg.Show()
	return v
}

func (v *OpenErrorView) setStatus(text string, imp widget.Importance) {
	v.status.Importance = imp
	v.status.SetText(text)
	v.status.Show()
	v.dlg.Resize(fyne.NewSize(620, 0))
}

// verify checks the backup, then asks before restoring it.
func (v *OpenErrorView) verify() {
	v.restore.Disable()
	v.setStatus(lang.X("restore.verifying", "Kontrollerer sikkerhedskopien …"), widget.MediumImportance)
	v.wg.Add(1)
	go func() {
		defer v.wg.Done()
		_, err := sqlstore.VerifyBackup(context.Background(), v.backup)
		fyne.Do(func() {
			if err != nil {
				v.setStatus(lang.X("restore.unusable", "Sikkerhedskopien kan ikke bruges: {{.Error}}", map[string]string{"Error": err.Error()}), widget.DangerImportance)
				return
			}
			v.setStatus(lang.X("restore.verified", "Sikkerhedskopien er kontrolleret og i orden."), widget.SuccessImportance)
			v.confirm()
		})
	}()
}

func (v *OpenErrorView) confirm() {
	msg := lang.X("restore.confirm", "Gendan sikkerhedskopien fra {{.Time}}?\n\nDet, der er skrevet efter dette tidspunkt, kommer ikke med. Den nuværende databasefil lægges til side og slettes ikke.",
		map[string]string{"Time": auditTime(v.at)})
	d := dialog.NewConfirm(lang.X("restore.confirm_title", "Gendan sikkerhedskopi"), msg, func(ok bool) {
		if !ok {
			v.restore.Enable()
			return
		}
		v.run()
	}, v.win)
	d.SetConfirmText(lang.X("restore.do", "Gendan"))
	d.Show()
}

func (v *OpenErrorView) run() {
	v.setStatus(lang.X("restore.running", "Gendanner …"), widget.MediumImportance)
	v.wg.Add(1)
	go func() {
		defer v.wg.Done()
		aside, err := sqlstore.Restore(context.Background(), v.dbPath, v.backup)
		fyne.Do(func() {
			if err != nil {
				v.setStatus(lang.X("restore.failed", "Sikkerhedskopien kunne ikke gendannes, og intet er ændret: {{.Error}}", map[string]string{"Error": err.Error()}), widget.DangerImportance)
				v.restore.Enable()
				return
			}
			text := lang.X("restore.done", "Sikkerhedskopien er gendannet. Start Mentorbog igen for at logge ind.")
			if aside != "" {
				text += "\n\n" + lang.X("restore.aside", "Den gamle databasefil er gemt som {{.Path}}.", map[string]string{"Path": aside})
			}
			v.setStatus(text, widget.SuccessImportance)
			v.restore.Hide()
		})
	}()
}
