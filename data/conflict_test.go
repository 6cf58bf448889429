package data

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

func TestConflictErrorNamesWhoAndWhenInDanish(t *testing.T) {
	summer := time.Date(2026, 7, 3, 7, 5, 0, 0, time.UTC) // 09:05 in Copenhagen (CEST)
	cases := []struct {
		err  ConflictError
		want string
	}{
		{ConflictError{Kind: "mentoraftale", By: "Mette Hansen", At: time.Date(2026, 11, 23, 14, 5, 0, 0, Zone())},
			"Mentoraftalen er ændret af Mette Hansen 23-11-2026 kl. 14:05, efter du åbnede den. Dine ændringer står stadig på skærmen: se den nye version, og gem igen."},
		{ConflictError{Kind: "forløb", By: "jens", At: summer},
			"Forløbet er ændret af jens 03-07-2026 kl. 09:05, efter du åbnede det. Dine ændringer står stadig på skærmen: se den nye version, og gem igen."},
		{ConflictError{Kind: "borger"},
			"Borgerens oplysninger er ændret af en anden bruger, efter du åbnede dem. Dine ændringer står stadig på skærmen: se den nye version, og gem igen."},
	}
	for _, c := range cases {
		if got := c.err.Error(); got != c.want {
			t.Errorf("%+v:\n got %q\nwant %q", c.err, got, c.want)
		}
	}
	wrapped := fmt.Errorf("save agreement 7: %w", &ConflictError{Kind: "mentoraftale", By: "Mette Hansen"})
	var conflict *ConflictError
	if !errors.As(wrapped, &conflict) || conflict.By != "Mette Hansen" {
		t.Errorf("errors.As through wrapping: %v", conflict)
	}
}
