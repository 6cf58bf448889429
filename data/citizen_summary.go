package data

// CitizenSummary is what a list of citizens shows and searches: the name,
// the CPR number (shown masked, searched by its digits) and the phone
// number. Lists of thousands of citizens read these instead of whole
// Citizen records, so the address, e-mail, handover profile and needs are
// neither decrypted nor kept in memory until one citizen is opened.
type CitizenSummary struct {
	ID       ID
	Name     string
	CPR      string // 10 digits as stored; see MaskedCPR
	Phone    string
	Archived bool
	// Version is the stored version, as Citizen.Version: a list can tell
	// that a citizen changed since it was read.
	Version int64
}

// MaskedCPR shows DDMMYY-XXXX, or "" when there is none, as
// Citizen.MaskedCPR.
func (c CitizenSummary) MaskedCPR() string {
	return Citizen{CPR: c.CPR}.MaskedCPR()
}
