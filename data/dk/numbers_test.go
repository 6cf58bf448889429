package dk

import (
	"math"
	"testing"
)

func TestFormatHours(t *testing.T) {
	tests := []struct {
		minutes int
		want    string
	}{
		{0, "0"},
		{60, "1"},
		{750, "12,5"},
		{20, "0,33"},
		{40, "0,67"},
		{1, "0,02"},
		{15, "0,25"},
		{90, "1,5"},
		{59, "0,98"},
		{119, "1,98"},
		{6, "0,1"},
		{-90, "-1,5"},
		{-20, "-0,33"},
		{60 * 1234, "1.234"},
		{60*1234 + 30, "1.234,5"},
	}
	for _, tc := range tests {
		if got := FormatHours(tc.minutes); got != tc.want {
			t.Errorf("FormatHours(%d) = %q, want %q", tc.minutes, got, tc.want)
		}
	}
}

func TestFormatDecimal(t *testing.T) {
	tests := []struct {
		value    float64
		decimals int
		want     string
	}{
		{1234.5, 2, "1.234,50"},
		{0, 2, "0,00"},
		{0.5, 1, "0,5"},
		{1.5, 0, "2"},
		{999.999, 2, "1.000,00"},
		{1234567.891, 2, "1.234.567,89"},
		{123, 0, "123"},
		{1000, 0, "1.000"},
		{-1234.5, 1, "-1.234,5"},
		{-0.001, 2, "0,00"},
		{math.Copysign(0, -1), 0, "0"},
		{12.3456, -1, "12"},
		{math.NaN(), 2, "NaN"},
		{math.Inf(1), 2, "+Inf"},
	}
	for _, tc := range tests {
		if got := FormatDecimal(tc.value, tc.decimals); got != tc.want {
			t.Errorf("FormatDecimal(%v, %d) = %q, want %q", tc.value, tc.decimals, got, tc.want)
		}
	}
}

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"1,5", 1.5},
		{"1.234,5", 1234.5},
		{"1.234.567,25", 1234567.25},
		{"1.5", 1.5},   // single dot + 1 digit: typed decimal point
		{"1.25", 1.25}, // single dot + 2 digits: typed decimal point
		{"1.500", 1500},
		{"1.234.567", 1234567},
		{"12", 12},
		{"0", 0},
		{",5", 0.5},
		{".5", 0.5},
		{"-1,5", -1.5},
		{"−2,25", -2.25}, // typographic minus
		{"+3", 3},
		{" 7,0 ", 7},
		{"1234,5", 1234.5},
	}
	for _, tc := range tests {
		got, err := ParseDecimal(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseDecimal(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestParseDecimalErrors(t *testing.T) {
	for _, in := range []string{
		"", " ", "abc", "1,", ",", ".", "-", "1,2,3", "1.2.3", "12.34,5", "1.2345,6",
		"1.23.456", "1,5.0", "1e5", "Inf", "NaN", "0x10", "1 234", "--1", "1-", "1,5 kr.",
		"1e400", "1" + zeros(400),
	} {
		_, err := ParseDecimal(in)
		assertInputError(t, "ParseDecimal("+in+")", err, msgNumber)
	}
}

func zeros(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '0'
	}
	return string(b)
}

func TestFormatMoney(t *testing.T) {
	tests := []struct {
		oere int64
		want string
	}{
		{123450, "1.234,50 kr."},
		{0, "0,00 kr."},
		{5, "0,05 kr."},
		{100, "1,00 kr."},
		{99999, "999,99 kr."},
		{100000000, "1.000.000,00 kr."},
		{-123450, "-1.234,50 kr."},
		{-5, "-0,05 kr."},
		{math.MaxInt64, "92.233.720.368.547.758,07 kr."},
		{math.MinInt64, "-92.233.720.368.547.758,08 kr."},
	}
	for _, tc := range tests {
		if got := FormatMoney(tc.oere); got != tc.want {
			t.Errorf("FormatMoney(%d) = %q, want %q", tc.oere, got, tc.want)
		}
	}
}

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"1.234,50", 123450},
		{"1.234,50 kr.", 123450},
		{"1234,5 kr", 123450},
		{"12 KR.", 1200},
		{"12", 1200},
		{"12,05", 1205},
		{"0,01", 1},
		{"12.50", 1250}, // typed decimal point
		{"1.500", 150000},
		{"-12,5", -1250},
		{"92.233.720.368.547.758,07", math.MaxInt64},
		{"-92.233.720.368.547.758,08", math.MinInt64},
	}
	for _, tc := range tests {
		got, err := ParseMoney(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
}

func TestParseMoneyErrors(t *testing.T) {
	for _, in := range []string{
		"", "kr.", "12,345", "1,005", "abc", "12 kr. kr.", "92.233.720.368.547.758,08", "1,", "12.34,50",
	} {
		_, err := ParseMoney(in)
		assertInputError(t, "ParseMoney("+in+")", err, msgMoney)
	}
}

func TestMoneyRoundTrip(t *testing.T) {
	for _, oere := range []int64{0, 1, 99, 100, 123456789, -1, -100050, math.MaxInt64, math.MinInt64} {
		text := FormatMoney(oere)
		got, err := ParseMoney(text)
		if err != nil || got != oere {
			t.Errorf("ParseMoney(FormatMoney(%d) = %q) = %d, %v", oere, text, got, err)
		}
	}
}
