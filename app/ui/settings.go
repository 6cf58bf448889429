package ui

import (
	"context"
	"fyne.io/fyne/v2/theme"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"mentorbog/app/i18n"
	"mentorbog/data"
	"mentorbog/data/dk"
)

// settingsStore is what the settings screen reads.
type settingsStore interface {
	Organisation(ctx context.Context) (data.Organisation, error)
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
	CurrentUser() (data.User, bool)
}

type settingsScreen struct {
	st       settingsStore
	env      env
	org      *fyne.Container
	language *widget.RadioGroup
	idle     *formField // minutes before the automatic lock (administrators)
	idleCard *widget.Card
	root     fyne.CanvasObject
	// orgForm is the open organisation form (administrators), for tests.
	orgForm *editor
}

// languageChoices pairs the stored preference values with their labels; the
// language names are written in their own language so a user who cannot
// read the current one still finds theirs.
func languageChoices() (codes, labels []string) {
	return []string{i18n.Auto, i18n.Danish, i18n.English},
		[]string{lang.X("settings.language_auto", "Automatisk (følg systemet)"),
			lang.X("settings.language_danish", "Dansk"), lang.X("settings.language_english", "English")}
}

func newSettingsScreen(st settingsStore, e env) *settingsScreen {
	s := &settingsScreen{st: st, env: e, org: container.NewVBox()}
	codes, labels := languageChoices()
	s.language = widget.NewRadioGroup(labels, func(label string) {
		for i, l := range labels {
			if l == label && s.env.prefs != nil {
				s.env.prefs.SetString(i18n.PreferenceKey, codes[i])
			}
		}
	})
	s.language.Horizontal = true
	s.language.Required = true
	current := lang.X("settings.current_danish", "Aktuelt sprog: dansk")
	if e.language == i18n.English {
		current = lang.X("settings.current_english", "Aktuelt sprog: engelsk")
	}
	languageCard := widget.NewCard("", lang.X("settings.language", "Sprog"), container.NewVBox(
		s.language,
		muted(current),
		muted(lang.X("settings.language_note", "Det valgte sprog bruges, næste gang Mentorbog startes.")),
	))
	s.idle = newFormField(widget.NewEntry())
	s.idle.entry.OnSubmitted = func(string) { s.saveIdleLock() }
	saveIdle := widget.NewButtonWithIcon(lang.X("settings.idle_save", "Gem"), theme.DocumentSaveIcon(), s.saveIdleLock)
	form := widget.NewForm(widget.NewFormItem(lang.X("settings.idle_label", "Lås efter (minutter uden aktivitet)"),
		fieldWithMessage(s.idle.entry, s.idle.msg)))
	s.idleCard = widget.NewCard("", lang.X("settings.idle_title", "Automatisk låsning"), container.NewVBox(
		container.NewGridWithColumns(2, form),
		container.NewHBox(saveIdle),
		muted(lang.X("settings.idle_note", "Gælder fra næste login. Mellem 1 og 60 minutter; standard er 15.")),
	))
	s.idleCard.Hide()
	content := container.NewVBox(
		heading(lang.X("nav.settings", "Indstillinger")),
		widget.NewCard("", lang.X("settings.organisation", "Organisation"), s.org),
		languageCard,
		s.idleCard,
	)
	s.root = container.NewVScroll(content)
	return s
}

func (s *settingsScreen) view() fyne.CanvasObject { return s.root }

func (s *settingsScreen) load(ctx context.Context) error {
	s.selectLanguage()
	if u, ok := s.st.CurrentUser(); ok && u.Role == data.RoleAdministrator {
		s.idle.entry.SetText(strconv.Itoa(int(IdleLockTimeout(ctx, s.st) / time.Minute)))
		s.idleCard.Show()
	}
	o, err := s.st.Organisation(ctx)
	if err != nil {
		return err
	}
	address := strings.Trim(strings.TrimSpace(o.Address+", "+strings.TrimSpace(o.Postcode+" "+o.City)), ", ")
	rate := ""
	if o.HourlyRateOere > 0 {
		rate = dk.FormatMoney(o.HourlyRateOere)
	}
	s.org.Objects = []fyne.CanvasObject{readOnlyForm(
		lang.X("field.name", "Navn"), o.Name,
		lang.X("field.cvr", "CVR-nummer"), o.CVR,
		lang.X("field.address", "Adresse"), address,
		lang.X("field.phone", "Telefon"), o.Phone,
		lang.X("field.email", "E-mail"), o.Email,
		lang.X("settings.jobcentre_label", "Kommunen kaldes"), o.JobcentreLabel,
		lang.X("settings.hourly_rate", "Standardtimepris"), rate,
		lang.X("settings.report_footer", "Rapportens sidefod"), o.ReportFooter,
		lang.X("settings.legal_basis", "Lovgrundlag"), o.LegalBasis,
		lang.X("settings.complaint_guidance", "Klagevejledning"), o.ComplaintGuidance,
	)}
	s.addOrganisationEdit(ctx)
	// The card around s.org must be laid out again for the new height.
	s.root.Refresh()
	return nil
}

// selectLanguage shows the stored choice without storing it again.
func (s *settingsScreen) selectLanguage() {
	stored := i18n.Auto
	if s.env.prefs != nil {
		stored = s.env.prefs.StringWithFallback(i18n.PreferenceKey, i18n.Auto)
	}
	codes, labels := languageChoices()
	for i, c := range codes {
		if c == stored {
			s.language.Selected = labels[i]
		}
	}
	s.language.Refresh()
}

// saveIdleLock stores the minutes before the automatic lock, refusing
// values outside 1–60 with a message under the field (what was typed stays).
func (s *settingsScreen) saveIdleLock() {
	n, err := strconv.Atoi(strings.TrimSpace(s.idle.entry.Text))
	if err != nil || n < 1 || n > MaxIdleLockMinutes {
		s.idle.setError(lang.X("settings.idle_invalid", "Skriv et helt antal minutter mellem 1 og 60."))
		s.root.Refresh() // the message adds a line: lay the card out again
		return
	}
	if err := s.st.SetSetting(context.Background(), IdleLockSetting, strconv.Itoa(n)); err != nil {
		s.idle.setError(err.Error())
		return
	}
	s.idle.setError("")
	s.root.Refresh()
}

// addOrganisationEdit offers "Redigér organisation" to administrators.
func (s *settingsScreen) addOrganisationEdit(ctx context.Context) {
	st, ok := s.st.(organisationFormStore)
	if u, in := s.st.CurrentUser(); !ok || !in || u.Role != data.RoleAdministrator {
		return
	}
	edit := widget.NewButtonWithIcon(lang.X("organisation.edit_title", "Redigér organisation"), theme.DocumentCreateIcon(), func() {
		ed, err := openOrganisationForm(s.env, st, func(data.Organisation) { s.env.showError(s.load(ctx)) })
		s.orgForm = ed
		s.env.showError(err)
	})
	s.org.Add(container.NewHBox(edit))
}
