package data

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// FieldError is one problem with one field. Message is a whole Danish
// sentence that names the field, so it can be shown alone in a list or next
// to the field (keyed by Field). A warning is shown but never blocks saving.
type FieldError struct {
	Field   string
	Message string
	Warning bool
}

func (e FieldError) Error() string { return e.Message }

// Problems is what validation returns. It is an error only when it holds at
// least one blocking problem; warnings alone do not stop a save.
type Problems []FieldError

// Error joins the blocking messages, one per line.
func (p Problems) Error() string {
	var lines []string
	for _, e := range p.Errors() {
		lines = append(lines, e.Message)
	}
	return strings.Join(lines, "\n")
}

// Errors returns the blocking problems.
func (p Problems) Errors() Problems { return p.filter(false) }

// Warnings returns the problems that only warn.
func (p Problems) Warnings() Problems { return p.filter(true) }

// For returns the first problem for a field, if any.
func (p Problems) For(field string) (FieldError, bool) {
	for _, e := range p {
		if e.Field == field {
			return e, true
		}
	}
	return FieldError{}, false
}

// Err returns p as an error when it blocks, else nil. Returning a nil
// Problems through an error interface would make a non-nil error.
func (p Problems) Err() error {
	if len(p.Errors()) == 0 {
		return nil
	}
	return p.Errors()
}

func (p Problems) filter(warning bool) Problems {
	var out Problems
	for _, e := range p {
		if e.Warning == warning {
			out = append(out, e)
		}
	}
	return out
}

// Length limits for text fields. Every text the user types has a limit so
// a pasted novel cannot bloat the database or break a report's layout.
const (
	MaxShortText = 200    // names, phone numbers, places
	MaxLineText  = 500    // addresses, references, tags
	MaxLongText  = 20_000 // notes, profiles, goals, tasks, legal text
)

// validator collects problems while a record is checked.
type validator struct{ problems Problems }

func (v *validator) add(field, msg string, args ...any) {
	v.problems = append(v.problems, FieldError{Field: field, Message: fmt.Sprintf(msg, args...)})
}

func (v *validator) warn(field, msg string, args ...any) {
	v.problems = append(v.problems, FieldError{Field: field, Message: fmt.Sprintf(msg, args...), Warning: true})
}

// required checks that a text is filled in and not too long.
func (v *validator) required(field, label, value string, max int) {
	if strings.TrimSpace(value) == "" {
		v.add(field, "%s skal udfyldes.", label)
		return
	}
	v.maxLen(field, label, value, max)
}

// maxLen checks a text's length in characters, not bytes: æ, ø and å count once.
func (v *validator) maxLen(field, label, value string, max int) {
	if n := utf8.RuneCountInString(value); n > max {
		v.add(field, "%s er for lang (%d tegn, højst %d).", label, n, max)
	}
}

// email checks an optional e-mail address loosely: something@something.tld.
func (v *validator) email(field, label, value string) {
	value = strings.TrimSpace(value)
	if value == "" {
		return
	}
	v.maxLen(field, label, value, MaxShortText)
	at := strings.LastIndex(value, "@")
	if at < 1 || !strings.Contains(value[at:], ".") || strings.ContainsAny(value, " ,;") {
		v.add(field, "%s er ikke en gyldig e-mailadresse.", label)
	}
}

// phone checks an optional phone number: digits, spaces, + and - only, 8+ digits.
func (v *validator) phone(field, label, value string) {
	value = strings.TrimSpace(value)
	if value == "" {
		return
	}
	digits := 0
	for _, r := range value {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ' ' || r == '+' || r == '-':
		default:
			v.add(field, "%s må kun indeholde cifre, mellemrum, + og -.", label)
			return
		}
	}
	if digits < 8 {
		v.add(field, "%s skal have mindst 8 cifre.", label)
	}
	v.maxLen(field, label, value, 30)
}

// digitsExactly checks an optional all-digit field of a fixed length (CVR, EAN, postcode).
func (v *validator) digitsExactly(field, label, value string, n int) {
	value = strings.TrimSpace(value)
	if value == "" {
		return
	}
	if len(value) != n || strings.Trim(value, "0123456789") != "" {
		v.add(field, "%s skal bestå af %d cifre.", label, n)
	}
}
