package data

import (
	"fmt"
	"strings"
	"time"
)

// ConflictError refuses a save made from an older version of a record:
// someone else saved the record after this user opened it, and saving
// would overwrite their change unseen. Nothing was written; what the user
// typed is still theirs to apply again on top of the new version.
type ConflictError struct {
	// Kind is what the record is, as the store names it in the audit log
	// ("mentoraftale", "forløb", "møde", ...).
	Kind string
	// By is who saved the newer version (display name or username); empty
	// when not known.
	By string
	// At is when the newer version was saved; zero when not known.
	At time.Time
}

// conflictSubjects is how a message names each kind of record, and the
// pronoun that refers back to it ("efter du åbnede den").
var conflictSubjects = map[string][2]string{
	"mentoraftale":  {"Mentoraftalen", "den"},
	"forløb":        {"Forløbet", "det"},
	"møde":          {"Mødet", "det"},
	"mødeserie":     {"Mødeserien", "den"},
	"mentor":        {"Mentorens oplysninger", "dem"},
	"kommune":       {"Kommunens oplysninger", "dem"},
	"sagsbehandler": {"Sagsbehandlerens oplysninger", "dem"},
	"borger":        {"Borgerens oplysninger", "dem"},
	"mål":           {"Målet", "det"},
	"score":         {"Scoringen", "den"},
	"værktøj":       {"Progressionsværktøjet", "det"},
	"rapport":       {"Rapporten", "den"},
	"organisation":  {"Organisationens oplysninger", "dem"},
}

// Error names who changed the record and when (dd-mm-yyyy, 24-hour clock,
// Danish time), and tells the user that their own changes are kept.
func (e *ConflictError) Error() string {
	subject, pronoun := "Posten", "den"
	if s, ok := conflictSubjects[e.Kind]; ok {
		subject, pronoun = s[0], s[1]
	} else if strings.HasPrefix(e.Kind, "rapport") {
		subject = "Rapporten"
	}
	who := "en anden bruger"
	if by := strings.TrimSpace(e.By); by != "" {
		who = by
	}
	when := ""
	if !e.At.IsZero() {
		t := e.At.In(Zone())
		when = " " + t.Format("02-01-2006") + " kl. " + t.Format("15:04")
	}
	return fmt.Sprintf("%s er ændret af %s%s, efter du åbnede %s. Dine ændringer står stadig på skærmen: se den nye version, og gem igen.",
		subject, who, when, pronoun)
}
