package ui

import (
	"mentorbog/data"
)

// restoreRegistryDraft reopens a mentor, municipality, caseworker or
// organisation form from its draft; saving reloads the section on screen.
func (m *MainWindow) restoreRegistryDraft(d data.Draft) {
	var err error
	switch d.Kind {
	case draftMentor:
		_, err = restoreMentorDraft(m.env, m.store, d, func(data.Mentor) { m.Reload() })
	case draftMunicipality:
		_, err = restoreMunicipalityDraft(m.env, m.store, d, func(data.Municipality) { m.Reload() })
	case draftCaseworker:
		_, err = restoreCaseworkerDraft(m.env, m.store, d, func(data.Caseworker) { m.Reload() })
	case draftOrganisation:
		_, err = restoreOrganisationDraft(m.env, m.store, d, func(data.Organisation) { m.Reload() })
	}
	m.env.showError(err)
}
