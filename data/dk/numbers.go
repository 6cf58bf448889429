package dk

import (
	"math"
	"strconv"
	"strings"
)

const (
	msgNumber = "Skriv et tal, fx 1,5"
	msgMoney  = "Skriv et beløb, fx 12,50"
)

// FormatHours shows a duration in minutes as hours with a decimal comma, at
// most two decimals and no trailing zeros: 750 → "12,5", 20 → "0,33".
func FormatHours(minutes int) string {
	// Work on whole hours and the remaining minutes separately so large
	// values cannot overflow. 59 minutes round to 98 hundredths, so the
	// rounding never carries into the hours, and minutes*100/60 never lands
	// exactly on a half, so half-up rounding needs no tie rule.
	whole, rest := minutes/60, minutes%60
	negative := minutes < 0
	if negative {
		whole, rest = -whole, -rest
	}
	hundredths := (rest*100 + 30) / 60
	text := groupThousands(strconv.Itoa(whole))
	if fraction := strings.TrimRight(twoDigits(hundredths), "0"); fraction != "" {
		text += "," + fraction
	}
	if negative && text != "0" {
		text = "-" + text
	}
	return text
}

// FormatDecimal formats f with exactly decimals decimals (negative means 0),
// a decimal comma and dots between thousands: 1234.5, 2 → "1.234,50".
// Rounding is to nearest with exact binary ties to even, as strconv does; use
// FormatMoney for amounts, which is exact. NaN and infinities are returned in
// Go's spelling since they have no Danish form.
func FormatDecimal(f float64, decimals int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	decimals = max(decimals, 0)
	plain := strconv.FormatFloat(math.Abs(f), 'f', decimals, 64)
	integer, fraction, _ := strings.Cut(plain, ".")
	text := groupThousands(integer)
	if fraction != "" {
		text += "," + fraction
	}
	// Only show the minus when something non-zero is printed; "-0,00" confuses.
	if f < 0 && strings.Trim(integer+fraction, "0") != "" {
		text = "-" + text
	}
	return text
}

// FormatMoney formats an amount in øre as "1.234,50 kr.".
func FormatMoney(oere int64) string {
	magnitude := absUint64(oere)
	text := groupThousands(strconv.FormatUint(magnitude/100, 10)) + "," + twoDigits(int(magnitude%100)) + " kr."
	if oere < 0 {
		text = "-" + text
	}
	return text
}

// ParseDecimal reads a number as Danes write it: the comma is the decimal
// separator and dots separate thousands ("1.234,5"). Because many people type
// "1.5" out of habit, a single dot followed by one or two digits, with no
// comma, is read as a decimal point; "1.500" stays one thousand five hundred.
func ParseDecimal(s string) (float64, error) {
	number, ok := splitDecimal(strings.TrimSpace(s))
	if !ok {
		return 0, inputError(msgNumber)
	}
	value, err := strconv.ParseFloat(number.goSyntax(), 64)
	if err != nil { // only out-of-range values get here
		return 0, inputError(msgNumber)
	}
	return value, nil
}

// ParseMoney reads an amount in kroner ("1.234,50", "12", "12,5 kr.") and
// returns øre. It is exact (no floating point) and rejects more than two
// decimals rather than silently rounding money.
func ParseMoney(s string) (int64, error) {
	number, ok := splitDecimal(trimCurrency(s))
	if !ok || len(number.fraction) > 2 {
		return 0, inputError(msgMoney)
	}
	oereDigits := number.integer + number.fraction + strings.Repeat("0", 2-len(number.fraction))
	if number.negative {
		oereDigits = "-" + oereDigits
	}
	oere, err := strconv.ParseInt(oereDigits, 10, 64)
	if err != nil { // only overflow gets here
		return 0, inputError(msgMoney)
	}
	return oere, nil
}

// trimCurrency removes white space and an optional trailing "kr." or "kr".
func trimCurrency(s string) string {
	s = strings.TrimSpace(s)
	lower := strings.ToLower(s)
	for _, suffix := range []string{"kr.", "kr"} {
		if strings.HasSuffix(lower, suffix) {
			return strings.TrimSpace(s[:len(s)-len(suffix)])
		}
	}
	return s
}

// decimalNumber is a parsed number kept as ASCII digit strings so that money
// can be converted exactly.
type decimalNumber struct {
	negative bool
	integer  string // at least one digit, no separators
	fraction string // possibly empty
}

func (d decimalNumber) goSyntax() string {
	text := d.integer
	if d.fraction != "" {
		text += "." + d.fraction
	}
	if d.negative {
		text = "-" + text
	}
	return text
}

// splitDecimal applies the Danish rules described at ParseDecimal.
func splitDecimal(s string) (decimalNumber, bool) {
	var number decimalNumber
	s, number.negative = cutSign(s)
	integerText, fraction, hasComma := strings.Cut(s, ",")
	if !hasComma {
		integerText, fraction = splitTypedDecimalPoint(s)
	}
	if (hasComma || fraction != "") && !isDigits(fraction) {
		return decimalNumber{}, false
	}
	if integerText == "" && fraction != "" {
		integerText = "0" // ",5" means 0,5
	}
	integer, ok := removeThousandsDots(integerText)
	if !ok {
		return decimalNumber{}, false
	}
	number.integer, number.fraction = integer, fraction
	return number, true
}

// cutSign strips a leading "-", "+" or the typographic minus "−" that word
// processors insert.
func cutSign(s string) (rest string, negative bool) {
	switch {
	case strings.HasPrefix(s, "-"):
		return s[1:], true
	case strings.HasPrefix(s, "−"):
		return s[len("−"):], true
	case strings.HasPrefix(s, "+"):
		return s[1:], false
	}
	return s, false
}

// splitTypedDecimalPoint handles input without a comma: exactly one dot
// followed by one or two digits is a decimal point ("1.5"); anything else is
// left whole for thousands checking.
func splitTypedDecimalPoint(s string) (integer, fraction string) {
	if strings.Count(s, ".") != 1 {
		return s, ""
	}
	before, after, _ := strings.Cut(s, ".")
	if len(after) == 1 || len(after) == 2 {
		return before, after
	}
	return s, ""
}

// removeThousandsDots accepts "1234" or correctly grouped "1.234.567" and
// returns the bare digits. Misplaced dots ("12.34,5") are rejected because
// they usually mean a typing mistake.
func removeThousandsDots(s string) (string, bool) {
	groups := strings.Split(s, ".")
	if len(groups) == 1 {
		return s, isDigits(s)
	}
	if len(groups[0]) < 1 || len(groups[0]) > 3 || !isDigits(groups[0]) {
		return "", false
	}
	for _, group := range groups[1:] {
		if len(group) != 3 || !isDigits(group) {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// groupThousands inserts dots between groups of three digits: "1234567" →
// "1.234.567". digits must be ASCII digits only.
func groupThousands(digits string) string {
	firstGroup := len(digits) % 3
	if firstGroup == 0 {
		firstGroup = 3
	}
	var b strings.Builder
	b.WriteString(digits[:min(firstGroup, len(digits))])
	for i := firstGroup; i < len(digits); i += 3 {
		b.WriteByte('.')
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

func twoDigits(v int) string {
	return string([]byte{byte('0' + v/10%10), byte('0' + v%10)})
}

// absUint64 returns |v| without overflowing on math.MinInt64.
func absUint64(v int64) uint64 {
	if v < 0 {
		return uint64(-(v + 1)) + 1
	}
	return uint64(v)
}
