package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
)

// The texts of the domain's enumerations. Each key is written out as a
// literal so the translation test can see that it exists in both languages.

func formText(f data.SessionForm) string {
	switch f {
	case data.FormInPerson:
		return lang.X("form.in_person", "Fysisk møde")
	case data.FormPhone:
		return lang.X("form.phone", "Telefon")
	case data.FormVideo:
		return lang.X("form.video", "Video")
	case data.FormEscort:
		return lang.X("form.escort", "Ledsagelse")
	case data.FormWorkplace:
		return lang.X("form.workplace", "Virksomhedsbesøg")
	case data.FormNetwork:
		return lang.X("form.network", "Netværksmøde")
	case data.FormHomeVisit:
		return lang.X("form.home_visit", "Hjemmebesøg")
	case data.FormMessage:
		return lang.X("form.message", "SMS/mail")
	}
	return f.Label()
}

func sessionStatusText(s data.SessionStatus) string {
	switch s {
	case data.SessionPlanned:
		return lang.X("session.planned", "Planlagt")
	case data.SessionHeld:
		return lang.X("session.held", "Gennemført")
	case data.SessionCancelledCitizen:
		return lang.X("session.cancelled_citizen", "Aflyst af borger")
	case data.SessionCancelledMentor:
		return lang.X("session.cancelled_mentor", "Aflyst af mentor")
	case data.SessionNoShow:
		return lang.X("session.no_show", "Udeblevet")
	}
	return s.Label()
}

// sessionStatus gives the icon, text and emphasis of a session's state. A
// planned session in the past is "mangler registrering": the mentor must
// register it before it can be billed.
func sessionStatus(s data.Session, now time.Time) (fyne.Resource, string, widget.Importance) {
	if s.MissingRegistration(now) {
		return theme.WarningIcon(), lang.X("session.missing_registration", "Mangler registrering"), widget.WarningImportance
	}
	switch s.Status {
	case data.SessionHeld:
		return theme.ConfirmIcon(), sessionStatusText(s.Status), widget.SuccessImportance
	case data.SessionCancelledCitizen, data.SessionCancelledMentor:
		return theme.CancelIcon(), sessionStatusText(s.Status), widget.LowImportance
	case data.SessionNoShow:
		return theme.ErrorIcon(), sessionStatusText(s.Status), widget.DangerImportance
	}
	return theme.CalendarIcon(), sessionStatusText(s.Status), widget.MediumImportance
}

func courseStatusText(s data.CourseStatus) string {
	switch s {
	case data.CourseOrdered:
		return lang.X("course.ordered", "Bestilt")
	case data.CourseActive:
		return lang.X("course.active", "Aktiv")
	case data.CourseRetention:
		return lang.X("course.retention", "Fastholdelse")
	case data.CourseEnded:
		return lang.X("course.ended", "Afsluttet")
	case data.CourseAborted:
		return lang.X("course.aborted", "Afbrudt")
	}
	return s.Label()
}

func outcomeText(o data.Outcome) string {
	switch o {
	case data.OutcomeJob:
		return lang.X("outcome.job", "Job")
	case data.OutcomeFlexJob:
		return lang.X("outcome.flexjob", "Fleksjob")
	case data.OutcomeEducation:
		return lang.X("outcome.education", "Uddannelse")
	case data.OutcomeInternship:
		return lang.X("outcome.internship", "Praktik")
	case data.OutcomeOtherOffer:
		return lang.X("outcome.other_offer", "Andet tilbud")
	case data.OutcomeStopped:
		return lang.X("outcome.stopped", "Ophørt")
	case data.OutcomeMoved:
		return lang.X("outcome.moved", "Fraflyttet")
	case data.OutcomeOther:
		return lang.X("outcome.other", "Andet")
	}
	return o.Label()
}

func mentorKindText(k data.MentorKind) string {
	switch k {
	case data.MentorEmployed:
		return lang.X("mentor.employed", "Ansat")
	case data.MentorVolunteer:
		return lang.X("mentor.volunteer", "Frivillig")
	}
	return string(k)
}

func roleText(r data.Role) string {
	switch r {
	case data.RolePersonalSupport:
		return lang.X("role.personal_support", "Personlig støtte")
	case data.RoleCoach:
		return lang.X("role.coach", "Motiverende coach")
	case data.RoleSystemGuide:
		return lang.X("role.system_guide", "Systemguide")
	case data.RoleBridgeBuilder:
		return lang.X("role.bridge_builder", "Brobygger")
	}
	return r.Label()
}

// weekdayText is the weekday's name in lower case ("mandag"), as Danish
// writes it mid-sentence.
func weekdayText(d time.Weekday) string {
	switch d {
	case time.Monday:
		return lang.X("weekday.monday", "mandag")
	case time.Tuesday:
		return lang.X("weekday.tuesday", "tirsdag")
	case time.Wednesday:
		return lang.X("weekday.wednesday", "onsdag")
	case time.Thursday:
		return lang.X("weekday.thursday", "torsdag")
	case time.Friday:
		return lang.X("weekday.friday", "fredag")
	case time.Saturday:
		return lang.X("weekday.saturday", "lørdag")
	}
	return lang.X("weekday.sunday", "søndag")
}
