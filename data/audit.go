package data

import (
	"context"
	"regexp"
	"time"
)

// AuditAction is what kind of use of the data an audit entry records. The
// values are stored in the audit log and must never change.
type AuditAction string

const (
	AuditLogin           AuditAction = "login"
	AuditLoginFailed     AuditAction = "login_failed"
	AuditLogout          AuditAction = "logout"
	AuditAccountLocked   AuditAction = "account_locked"
	AuditOpenCitizen     AuditAction = "open_citizen"
	AuditCreate          AuditAction = "create"
	AuditUpdate          AuditAction = "update"
	AuditDelete          AuditAction = "delete" // erasure
	AuditReportGenerated AuditAction = "report_generated"
	AuditReportExported  AuditAction = "report_exported"
	AuditReportSent      AuditAction = "report_sent"
	AuditImport          AuditAction = "import"
	AuditExport          AuditAction = "export"
	AuditBackup          AuditAction = "backup"
	AuditRestore         AuditAction = "restore"
	AuditRetentionRun    AuditAction = "retention_run"
	AuditUserCreated     AuditAction = "user_created"
	AuditUserChanged     AuditAction = "user_changed"
	AuditSettingsChanged AuditAction = "settings_changed"
)

// AuditActions lists every action.
var AuditActions = []AuditAction{
	AuditLogin, AuditLoginFailed, AuditLogout, AuditAccountLocked,
	AuditOpenCitizen, AuditCreate, AuditUpdate, AuditDelete,
	AuditReportGenerated, AuditReportExported, AuditReportSent,
	AuditImport, AuditExport, AuditBackup, AuditRestore, AuditRetentionRun,
	AuditUserCreated, AuditUserChanged, AuditSettingsChanged,
}

// Known reports whether a is one of AuditActions.
func (a AuditAction) Known() bool {
	for _, k := range AuditActions {
		if k == a {
			return true
		}
	}
	return false
}

// Label is the Danish name shown in the audit log and its export.
func (a AuditAction) Label() string {
	switch a {
	case AuditLogin:
		return "Login"
	case AuditLoginFailed:
		return "Mislykket login"
	case AuditLogout:
		return "Log ud"
	case AuditAccountLocked:
		return "Konto spærret"
	case AuditOpenCitizen:
		return "Åbnede borger"
	case AuditCreate:
		return "Oprettede"
	case AuditUpdate:
		return "Ændrede"
	case AuditDelete:
		return "Slettede"
	case AuditReportGenerated:
		return "Dannede rapport"
	case AuditReportExported:
		return "Eksporterede rapport"
	case AuditReportSent:
		return "Sendte rapport"
	case AuditImport:
		return "Importerede data"
	case AuditExport:
		return "Eksporterede data"
	case AuditBackup:
		return "Sikkerhedskopi"
	case AuditRestore:
		return "Gendannede sikkerhedskopi"
	case AuditRetentionRun:
		return "Sletterutine kørt"
	case AuditUserCreated:
		return "Oprettede bruger"
	case AuditUserChanged:
		return "Ændrede bruger"
	case AuditSettingsChanged:
		return "Ændrede indstillinger"
	}
	return string(a)
}

// AuditEntry is one line of the append-only audit log: who did what, when,
// and to which citizen.
//
// Contract for Detail: it names only KINDS of things ("felter: navn,
// telefon", "rapport: statusrapport", "rolle: mentor"), never a personal
// value – no names, CPR numbers, addresses, phone numbers, note text or
// search terms. The log is kept longer than the data it describes (a
// citizen's entries outlive the citizen's erasure) and is handed to the
// citizen, so a value in Detail would leak or outlive its deletion. As a
// safety net the store blanks anything shaped like a CPR number (see
// RedactAuditDetail), but that is no licence to pass values.
type AuditEntry struct {
	ID        ID
	At        time.Time // set by the store when appended
	UserID    ID        // 0 when no user is known (an unknown username)
	Username  string
	Action    AuditAction
	CitizenID ID // 0 when the action concerns no single citizen
	Detail    string
	PrevHash  string // hex SHA-256 of the previous entry (or the anchor)
	Hash      string // hex SHA-256 over PrevHash and this entry's fields
}

// AuditFilter narrows AuditLog. Zero values mean "any"; From is inclusive
// and To exclusive. Limit 0 means no limit.
type AuditFilter struct {
	From, To  time.Time
	UserID    ID
	CitizenID ID
	Actions   []AuditAction
	Limit     int
}

// AuditVerification is the result of walking the hash chain.
type AuditVerification struct {
	Entries    int  // rows in the log
	OK         bool // the chain is intact from the anchor to the stored tip
	FirstBadID ID   // the first entry where the chain breaks (0 when OK)
	Problem    string
}

// Audit log retention: the contracts demand at least 6 months.
const (
	MinAuditRetentionMonths     = 6
	DefaultAuditRetentionMonths = 6
)

// AuditStore is the append-only, hash-chained audit log.
type AuditStore interface {
	// Audit appends an entry (in ctx's transaction when there is one). The
	// store sets ID, At, PrevHash and Hash.
	Audit(ctx context.Context, e AuditEntry) error
	// AuditLog lists entries newest first (administrator only).
	AuditLog(ctx context.Context, f AuditFilter) ([]AuditEntry, error)
	// VerifyAuditChain checks the chain from its anchor to its tip.
	VerifyAuditChain(ctx context.Context) (AuditVerification, error)
	// PruneAudit deletes the entries older than before, which must lie at
	// least the retention period back, and returns how many it deleted.
	PruneAudit(ctx context.Context, before time.Time) (int, error)
}

// cprShape matches anything that looks like a CPR number: six digits, an
// optional hyphen or space, four digits, not inside a longer digit run.
var cprShape = regexp.MustCompile(`(^|[^0-9])[0-9]{6}[- ]?[0-9]{4}([^0-9]|$)`)

// RedactAuditDetail blanks CPR-shaped digit runs in an audit detail.
func RedactAuditDetail(detail string) string {
	for cprShape.MatchString(detail) {
		detail = cprShape.ReplaceAllString(detail, "${1}XXXXXX-XXXX${2}")
	}
	return detail
}
