package sqlstore_test

// Benchmarks of the store at the benchmark sizes (data/demo/benchdb);
// `make bench` runs them. The writing benchmark works on a copy, so the
// cached database stays as generated.

import (
	"context"
	"testing"
	"time"

	"mentorbog/data"
	"mentorbog/data/demo"
	"mentorbog/data/demo/benchdb"
	"mentorbog/data/sqlstore"
)

// BenchmarkSaveRegistration: the after-meeting registration of a planned
// session (status, actual time, minutes, note), committed with fsync.
func BenchmarkSaveRegistration(b *testing.B) {
	for _, size := range benchdb.Sizes() {
		b.Run("size="+string(size), func(b *testing.B) {
			ctx := context.Background()
			path, err := benchdb.Copy(ctx, size, b.TempDir())
			if err != nil {
				b.Skipf("no %s data: %v", size, err)
			}
			st, err := benchdb.OpenAt(ctx, path, data.RoleCoordinator)
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			planned, err := st.Sessions(ctx, data.SessionFilter{From: benchdb.Now(), To: benchdb.Now().AddDate(0, 0, 7),
				Statuses: []data.SessionStatus{data.SessionPlanned}})
			if err != nil || len(planned) == 0 {
				b.Fatalf("no planned session: %v", err)
			}
			s := planned[0]
			s.Status, s.ActualStart, s.ActualEnd = data.SessionHeld, s.PlannedStart, s.PlannedEnd
			s.ContactMin, s.AdminMin, s.TransportMin = int(s.PlannedEnd.Sub(s.PlannedStart).Minutes()), 15, 20
			s.Note = "Vi gennemgik ugens jobsøgning og aftalte to nye ansøgninger. Borgeren var mødt velforberedt."
			i := 0
			for b.Loop() {
				s.RegisteredAt = benchdb.Now().Add(time.Duration(i) * time.Second)
				i++
				if err := st.SaveSession(ctx, &s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLogin: a login as the app does it: the password derivation
// (Argon2id), unwrapping the data key and reading the user. What the first
// screen then decrypts is BenchmarkOverviewFirstFrame's (app/ui): Oversigt
// reads only the names it shows, so a login no longer decrypts every
// citizen; opening Borgere does (BenchmarkCitizenListFirstFrame).
func BenchmarkLogin(b *testing.B) {
	for _, size := range benchdb.Sizes() {
		b.Run("size="+string(size), func(b *testing.B) {
			ctx := context.Background()
			path, err := benchdb.Ensure(ctx, size)
			if err != nil {
				b.Skipf("no %s data: %v", size, err)
			}
			st, err := sqlstore.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			u := demo.Users()[1] // the coordinator
			for b.Loop() {
				if _, err := st.Login(ctx, u.Username, u.Password); err != nil {
					b.Fatal(err)
				}
				st.Lock()
			}
		})
	}
}
