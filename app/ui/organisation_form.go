package ui

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	_ "image/jpeg" // logos may be JPEG
	_ "image/png"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// organisationFormStore is what the organisation form needs; saving is for
// administrators only (the store refuses others).
type organisationFormStore interface {
	Organisation(ctx context.Context) (data.Organisation, error)
	SaveOrganisation(ctx context.Context, o data.Organisation) error
	data.DraftStore
}

// organisationDraftKey: there is one organisation.
const organisationDraftKey = "1"

// moneyText shows øre as "550,00" for an entry (no "kr."), "" for none.
func moneyText(oere int64) string {
	if oere == 0 {
		return ""
	}
	return strings.TrimSuffix(dk.FormatMoney(oere), " kr.")
}

// organisationEditor builds the form with every field of data.Organisation.
func organisationEditor(e env, st organisationFormStore, o data.Organisation, saved func(data.Organisation)) *editor {
	ed := newEditor(e, st, draftOrganisation, organisationDraftKey)
	ed.title = func() string { return lang.X("organisation.draft_title", "Organisationens indstillinger") }
	ed.entry("name", lang.X("organisation.name", "Organisationens navn"), o.Name)
	ed.entry("cvr", lang.X("field.cvr", "CVR-nummer"), o.CVR).SetPlaceHolder(lang.X("organisation.cvr_hint", "8 cifre"))
	ed.entry("address", lang.X("field.address", "Adresse"), o.Address)
	ed.entry("postcode", lang.X("organisation.postcode", "Postnummer"), o.Postcode)
	ed.entry("city", lang.X("organisation.city", "By"), o.City)
	ed.entry("phone", lang.X("field.phone", "Telefon"), o.Phone)
	ed.entry("email", lang.X("field.email", "E-mail"), o.Email)
	logo := newLogoField(e, o.Logo)
	logoField := ed.custom("logo", lang.X("organisation.logo", "Logo (på rapporter)"), logo.view(), logo.get, logo.set)
	logo.changed = func() { ed.edited(logoField); ed.leave(logoField) }
	logoField.parse = func() string {
		if len(logo.data) == 0 {
			return ""
		}
		if _, _, err := image.DecodeConfig(bytes.NewReader(logo.data)); err != nil {
			return lang.X("organisation.logo_invalid", "Logo: filen er ikke et PNG- eller JPEG-billede.")
		}
		return ""
	}
	label := o.JobcentreLabel
	if label == "" {
		label = data.LabelJobcenter
	}
	ed.choice("jobcentre_label", lang.X("settings.jobcentre_label", "Kommunen kaldes"),
		[]string{data.LabelJobcenter, data.LabelKommune}, label)
	ed.entry("hourly_rate", lang.X("organisation.hourly_rate", "Standardtimepris (kr.)"), moneyText(o.HourlyRateOere)).
		SetPlaceHolder(lang.X("organisation.hourly_rate_hint", "fx 550,00 – foreslås i nye mentoraftaler"))
	ed.byName["hourly_rate"].parse = func() string {
		if strings.TrimSpace(ed.text("hourly_rate")) == "" {
			return ""
		}
		if _, err := dk.ParseMoney(ed.text("hourly_rate")); err != nil {
			return lang.X("organisation.hourly_rate_unreadable", "Timepris skal være et beløb i kroner med højst to decimaler, fx 550,00.")
		}
		return ""
	}
	ed.entry("report_footer", lang.X("settings.report_footer", "Rapportens sidefod"), o.ReportFooter)
	ed.multiline("legal_basis", lang.X("settings.legal_basis", "Lovgrundlag"), o.LegalBasis, 3).
		SetPlaceHolder(lang.X("organisation.legal_basis_hint", "fx Lov om en aktiv beskæftigelsesindsats, kapitel 26 (§§ 167–171)"))
	ed.multiline("complaint_guidance", lang.X("settings.complaint_guidance", "Klagevejledning"), o.ComplaintGuidance, 4).
		SetPlaceHolder(lang.X("organisation.complaint_hint", "fx Du kan klage over afgørelsen til kommunen inden 4 uger."))
	read := func() data.Organisation {
		r := o
		r.Name = strings.TrimSpace(ed.text("name"))
		r.CVR = strings.TrimSpace(ed.text("cvr"))
		r.Address = strings.TrimSpace(ed.text("address"))
		r.Postcode = strings.TrimSpace(ed.text("postcode"))
		r.City = strings.TrimSpace(ed.text("city"))
		r.Phone = strings.TrimSpace(ed.text("phone"))
		r.Email = strings.TrimSpace(ed.text("email"))
		r.Logo = logo.data
		r.JobcentreLabel = ed.text("jobcentre_label")
		r.HourlyRateOere = 0
		if rate := strings.TrimSpace(ed.text("hourly_rate")); rate != "" {
			r.HourlyRateOere, _ = dk.ParseMoney(rate)
		}
		r.ReportFooter = strings.TrimSpace(ed.text("report_footer"))
		r.LegalBasis = strings.TrimSpace(ed.text("legal_basis"))
		r.ComplaintGuidance = strings.TrimSpace(ed.text("complaint_guidance"))
		return r
	}
	ed.check = func() data.Problems { return read().Validate() }
	ed.save = func(ctx context.Context) error {
		r := read()
		if err := st.SaveOrganisation(ctx, r); err != nil {
			return err
		}
		o = r
		return nil
	}
	ed.saved = func() {
		if saved != nil {
			saved(o)
		}
	}
	return ed
}

func openOrganisationForm(e env, st organisationFormStore, saved func(data.Organisation)) (*editor, error) {
	o, err := st.Organisation(context.Background())
	if err != nil {
		return nil, fmt.Errorf("open organisation form: %w", err)
	}
	ed := organisationEditor(e, st, o, saved)
	ed.showDialog(lang.X("organisation.edit_title", "Redigér organisation"), fyne.NewSize(760, 540), nil)
	return ed, nil
}

// restoreOrganisationDraft reopens the organisation form from a draft.
func restoreOrganisationDraft(e env, st organisationFormStore, d data.Draft, saved func(data.Organisation)) (*editor, error) {
	o, err := st.Organisation(context.Background())
	if err != nil {
		return nil, fmt.Errorf("restore organisation draft: %w", err)
	}
	ed := organisationEditor(e, st, o, saved)
	if err := ed.restore(d.Payload); err != nil {
		return nil, err
	}
	ed.showDialog(lang.X("organisation.edit_title", "Redigér organisation"), fyne.NewSize(760, 540), nil)
	return ed, nil
}

// logoField is the logo picker: a preview, what is chosen, "Vælg billede…"
// and "Fjern". Its draft value is the picture as base64.
type logoField struct {
	env     env
	data    []byte
	image   *canvas.Image
	info    *widget.Label
	changed func()
}

func newLogoField(e env, logo []byte) *logoField {
	l := &logoField{env: e, image: canvas.NewImageFromResource(nil), info: cell("")}
	l.image.FillMode = canvas.ImageFillContain
	l.image.SetMinSize(fyne.NewSize(120, 48))
	l.show(logo)
	return l
}

func (l *logoField) view() fyne.CanvasObject {
	pick := widget.NewButtonWithIcon(lang.X("organisation.logo_pick", "Vælg billede…"), theme.FolderOpenIcon(), l.pick)
	remove := widget.NewButtonWithIcon(lang.X("organisation.logo_remove", "Fjern"), theme.DeleteIcon(), func() { l.setData(nil) })
	return container.NewBorder(nil, nil, l.image, container.NewHBox(pick, remove), l.info)
}

func (l *logoField) get() string { return base64.StdEncoding.EncodeToString(l.data) }

func (l *logoField) set(s string) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		b = nil
	}
	l.show(b)
}

func (l *logoField) setData(b []byte) {
	l.show(b)
	if l.changed != nil {
		l.changed()
	}
}

// show puts the picture in the preview; a file that is no PNG or JPEG is
// said so in words (the store's size check names the field too).
func (l *logoField) show(b []byte) {
	l.data = b
	l.image.Resource = nil
	l.image.Image = nil
	switch {
	case len(b) == 0:
		l.info.SetText(lang.X("organisation.logo_none", "Intet logo"))
	default:
		if img, _, err := image.Decode(bytes.NewReader(b)); err == nil {
			l.image.Image = img
			l.info.SetText(lang.X("organisation.logo_size", "{{.Width}} × {{.Height}} px, {{.Size}}", map[string]string{
				"Width": fmt.Sprint(img.Bounds().Dx()), "Height": fmt.Sprint(img.Bounds().Dy()), "Size": sizeText(int64(len(b)))}))
		} else {
			l.info.SetText(lang.X("organisation.logo_unreadable", "Ugyldigt billede"))
		}
	}
	l.image.Refresh()
}

// pick opens a file dialog for PNG and JPEG files.
func (l *logoField) pick() {
	if l.env.window == nil {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		b, err := io.ReadAll(io.LimitReader(r, 4<<20))
		if err != nil {
			dialog.ShowError(err, l.env.window)
			return
		}
		l.setData(b)
	}, l.env.window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg"}))
	d.Show()
}
