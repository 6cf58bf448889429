package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"mentorbog/data"
)

// SectionSecurity is shown to administrators only, so it is not in Sections.
const SectionSecurity = "security"

// securityScreen is the administrator's "Sikkerhed": the audit log, the
// backups and the deletion of citizens whose retention period has run out.
// A tab whose store methods the store lacks is left out.
type securityScreen struct {
	env       env
	audit     *auditScreen
	backups   *backupsScreen   // nil when the store cannot make backups
	retention *retentionScreen // nil when the store has no retention
	tabs      *container.AppTabs
	loaded    map[*container.TabItem]func(context.Context) error
}

func newSecurityScreen(st data.Store, e env) *securityScreen {
	s := &securityScreen{env: e, loaded: map[*container.TabItem]func(context.Context) error{}}
	s.audit = newAuditScreen(st, e)
	auditTab := container.NewTabItemWithIcon(lang.X("security.tab_audit", "Revisionslog"), theme.ListIcon(), s.audit.view())
	s.loaded[auditTab] = s.audit.load
	tabs := []*container.TabItem{auditTab}
	if bs, ok := st.(backupStore); ok {
		s.backups = newBackupsScreen(bs, e)
		tab := container.NewTabItemWithIcon(lang.X("security.tab_backups", "Sikkerhedskopier"), theme.StorageIcon(), s.backups.view())
		s.loaded[tab] = s.backups.load
		tabs = append(tabs, tab)
	}
	if rs, ok := st.(retentionStore); ok {
		s.retention = newRetentionScreen(rs, e)
		tab := container.NewTabItemWithIcon(lang.X("security.tab_retention", "Sletning"), theme.DeleteIcon(), s.retention.view())
		s.loaded[tab] = s.retention.load
		tabs = append(tabs, tab)
	}
	s.tabs = container.NewAppTabs(tabs...)
	s.tabs.OnSelected = func(t *container.TabItem) {
		if load := s.loaded[t]; load != nil {
			s.env.showError(load(context.Background()))
		}
	}
	return s
}

func (s *securityScreen) view() fyne.CanvasObject { return s.tabs }

// load reloads the tab on screen.
func (s *securityScreen) load(ctx context.Context) error {
	if load := s.loaded[s.tabs.Selected()]; load != nil {
		return load(ctx)
	}
	return nil
}

// selectTab switches to the tab showing content and loads it.
func (s *securityScreen) selectTab(content fyne.CanvasObject) {
	for _, t := range s.tabs.Items {
		if t.Content == content {
			s.tabs.Select(t)
			return
		}
	}
}

func securityIcon() fyne.Resource { return theme.VisibilityOffIcon() }

// showProblem tells the user in a dialog that something could not be
// done (msg, in the interface language), with the technical cause after it.
func (e env) showProblem(msg string, err error) {
	if e.window == nil {
		return
	}
	if err != nil {
		msg += "\n\n" + err.Error()
	}
	dialog.ShowError(errors.New(msg), e.window)
}
