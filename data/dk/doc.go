// Package dk collects Danish conventions used throughout Mentorbog: date and
// time formats, decimal comma numbers and money, ISO weeks, public holidays
// and Danish alphabetical order.
//
// Parse functions return *InputError whose Message is Danish and meant to be
// shown to the user as is.
package dk

// InputError reports user input that could not be understood. Message is a
// Danish sentence telling the user how to write the value.
type InputError struct {
	Message string
}

func (e *InputError) Error() string { return e.Message }

func inputError(message string) error { return &InputError{Message: message} }
