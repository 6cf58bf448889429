// Package cpr parses, validates, masks and generates Danish CPR numbers
// (personnummer).
//
// A CPR number is sensitive personal data. Nothing in this package ever puts
// the digits of a number into an error message, and Number.String masks the
// serial so that logging a Number with %v or %s does not leak it.
//
// Validity follows the rules of the CPR office: the format is DDMMYY-SSSS, the
// 7th digit together with YY gives the century, and the resulting date must
// exist. The modulus 11 check is deliberately NOT a validity rule: numbers
// that fail it have been issued since 2007, so a failed check only produces a
// warning (see Number.Warning).
package cpr

import (
	"strings"
	"time"
)

// Danish messages shown to users. They must never contain the number itself.
const (
	msgFormat         = "CPR-nummeret skal have formen DDMMÅÅ-XXXX"
	msgDate           = "CPR-nummerets dato findes ikke"
	msgMod11          = "CPR-nummeret består ikke modulus 11-kontrollen (det kan stadig være gyldigt)"
	msgBirthOutOfSpan = "CPR-numre findes kun for fødselsdatoer fra 1858 til 2057"
)

const (
	digitCount  = 10
	serialCount = 10000 // serials run 0000–9999
)

// Number is a CPR number normalised to exactly 10 digits without hyphen.
// Obtain one from Parse or Generate; the methods are safe (never panic) on
// other values but then return zero values or fully masked text.
type Number string

// Error is returned by Parse and Generate. Message is Danish, suitable for
// showing to the user, and never contains the digits of the number.
type Error struct {
	Message string
}

func (e *Error) Error() string { return e.Message }

// Parse accepts "DDMMYY-SSSS", "DDMMYYSSSS" or "DDMMYY SSSS", with
// surrounding white space ignored, and checks that the birth date exists in
// the century given by the 7th digit. A failed modulus 11 check is not an
// error; inspect Number.Warning for that.
func Parse(s string) (Number, error) {
	digits, ok := normalize(s)
	if !ok {
		return "", &Error{Message: msgFormat}
	}
	n := Number(digits)
	if _, ok := n.birthDate(); !ok {
		return "", &Error{Message: msgDate}
	}
	return n, nil
}

// normalize strips the optional separator and returns the 10 digits, or false
// if s is not in one of the accepted layouts.
func normalize(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) == digitCount+1 && (s[6] == '-' || s[6] == ' ') {
		s = s[:6] + s[7:]
	}
	if len(s) != digitCount || !allASCIIDigits(s) {
		return "", false
	}
	return s, true
}

func allASCIIDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// wellFormed reports whether n has the normalised shape, so that the methods
// below can index it without panicking on hand-made values.
func (n Number) wellFormed() bool {
	return len(n) == digitCount && allASCIIDigits(string(n))
}

// digit returns the i'th digit (0-based); n must be well-formed.
func (n Number) digit(i int) int { return int(n[i] - '0') }

// twoDigits returns the number formed by digits i and i+1; n must be well-formed.
func (n Number) twoDigits(i int) int { return n.digit(i)*10 + n.digit(i+1) }

// BirthDate returns the birth date at UTC midnight, or the zero time if n is
// not a valid number.
func (n Number) BirthDate() time.Time {
	date, _ := n.birthDate()
	return date
}

func (n Number) birthDate() (time.Time, bool) {
	if !n.wellFormed() {
		return time.Time{}, false
	}
	day, month, yy := n.twoDigits(0), n.twoDigits(2), n.twoDigits(4)
	year := fullYear(n.digit(6), yy)
	return dateIfExists(year, month, day)
}

// fullYear applies the CPR office's century table to the 7th digit and the
// two-digit year.
func fullYear(seventh, yy int) int {
	switch {
	case seventh <= 3:
		return 1900 + yy
	case seventh == 4 || seventh == 9:
		if yy <= 36 {
			return 2000 + yy
		}
		return 1900 + yy
	default: // 5–8
		if yy <= 57 {
			return 2000 + yy
		}
		return 1800 + yy
	}
}

// dateIfExists builds the date and reports false when time.Date had to
// normalise it (e.g. 31-04 or 29-02 in a common year).
func dateIfExists(year, month, day int) (time.Time, bool) {
	if month < 1 || month > 12 || day < 1 {
		return time.Time{}, false
	}
	date := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if date.Day() != day || date.Month() != time.Month(month) {
		return time.Time{}, false
	}
	return date, true
}

// Mod11 reports whether n passes the modulus 11 check. Failing it does not
// make the number invalid.
func (n Number) Mod11() bool {
	return n.wellFormed() && mod11Sum(string(n))%11 == 0
}

// mod11Sum weights the digits with the CPR office's official weights.
func mod11Sum(digits string) int {
	weights := [digitCount]int{4, 3, 2, 7, 6, 5, 4, 3, 2, 1}
	sum := 0
	for i, w := range weights {
		sum += int(digits[i]-'0') * w
	}
	return sum
}

// Warning returns a Danish warning when n fails the modulus 11 check, and ""
// otherwise.
func (n Number) Warning() string {
	if n.Mod11() {
		return ""
	}
	return msgMod11
}

// Masked returns "DDMMYY-XXXX": the birth date stays visible so users can
// recognise the person, the serial (which identifies them) is hidden.
func (n Number) Masked() string {
	if !n.wellFormed() {
		return "XXXXXX-XXXX"
	}
	return string(n[:6]) + "-XXXX"
}

// Formatted returns the full number as "DDMMYY-SSSS". Use it only where the
// user must see the whole number.
func (n Number) Formatted() string {
	if !n.wellFormed() {
		return string(n)
	}
	return string(n[:6]) + "-" + string(n[6:])
}

// String returns Masked, so that fmt's %v and %s never leak the number.
func (n Number) String() string { return n.Masked() }

// GoString returns Masked, so that %#v does not leak the number either.
func (n Number) GoString() string { return n.Masked() }

// Generate builds a valid number for the calendar date of birth (in birth's
// own location) that passes the modulus 11 check and whose 7th digit matches
// the century rule. It tries serials from serial upwards, wrapping around
// after 9999, so the result is deterministic for demo data. It returns an
// *Error if the date is outside the years CPR numbers can express.
func Generate(birth time.Time, serial int) (Number, error) {
	year, month, day := birth.Date()
	prefix := twoDigitString(day) + twoDigitString(int(month)) + twoDigitString(year%100)
	start := wrapSerial(serial)
	for i := 0; i < serialCount; i++ {
		candidate := prefix + fourDigitString((start+i)%serialCount)
		n := Number(candidate)
		if n.Mod11() && fullYear(n.digit(6), year%100) == year {
			return n, nil
		}
	}
	return "", &Error{Message: msgBirthOutOfSpan}
}

// wrapSerial maps any int, including negatives, onto 0–9999.
func wrapSerial(serial int) int {
	return ((serial % serialCount) + serialCount) % serialCount
}

func twoDigitString(v int) string {
	if v < 0 {
		v = -v
	}
	return string([]byte{byte('0' + v/10%10), byte('0' + v%10)})
}

func fourDigitString(v int) string {
	return twoDigitString(v/100) + twoDigitString(v%100)
}
