package sqlstore

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"mentorbog/data"
)

// runKillWriter is the child of TestKilledWriterKeepsEveryAcknowledgedSave.
// It saves sessions as fast as it can and prints each one's marker as soon
// as SaveSession has returned nil, which is when the UI says "gemt". It
// runs until it is killed.
func runKillWriter(path string) int {
	ctx := context.Background()
	course, _ := strconv.ParseInt(os.Getenv("MENTORBOG_KILL_WRITER_COURSE"), 10, 64)
	mentor, _ := strconv.ParseInt(os.Getenv("MENTORBOG_KILL_WRITER_MENTOR"), 10, 64)
	round := os.Getenv("MENTORBOG_KILL_WRITER_ROUND")
	s, err := Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 4
	}
	fmt.Println("ready")
	start := time.Date(2026, 3, 2, 10, 0, 0, 0, data.Zone())
	for n := 0; ; n++ {
		at := start.Add(time.Duration(n) * time.Hour)
		ss := data.Session{CourseID: data.ID(course), MentorID: data.ID(mentor), PlannedStart: at,
			PlannedEnd: at.Add(time.Hour), Status: data.SessionPlanned, Form: data.FormInPerson,
			Place: fmt.Sprintf("ack-%s-%d", round, n), Note: strings.Repeat("Gåtur ved åen. ", 1+n%40)}
		if err := s.SaveSession(ctx, &ss); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 5
		}
		fmt.Println(ss.Place) // os.Stdout is unbuffered: one write per marker
	}
}

// TestKilledWriterKeepsEveryAcknowledgedSave: a save that the UI confirmed
// survives kill -9. A writer process is killed at random moments 50 times;
// the database must pass the integrity check and hold every session whose
// save was acknowledged. (Power loss is the same promise one level down:
// synchronous=FULL fsyncs each commit, which this test cannot cut.)
func TestKilledWriterKeepsEveryAcknowledgedSave(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL of a child process is a Unix test")
	}
	if testing.Short() {
		t.Skip("starts and kills 50 child processes")
	}
	const rounds = 50
	path := filepath.Join(t.TempDir(), "killed-writer.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, s)
	must(t, s.Close())

	rng := rand.New(rand.NewPCG(2026, 50)) // fixed seed: the same kill times every run
	acked := map[string]bool{}
	began := time.Now()
	for round := 1; round <= rounds; round++ {
		delay := time.Duration(20+rng.IntN(181)) * time.Millisecond
		got := killWriterRound(t, path, f, round, delay)
		for _, m := range got {
			acked[m] = true
		}
		if round%10 == 0 {
			verifyAcknowledged(t, path, acked, round)
		}
	}
	t.Logf("%d rounds, %d acknowledged saves, all present, %v", rounds, len(acked), time.Since(began).Round(time.Millisecond))
	if len(acked) < rounds {
		t.Fatalf("only %d acknowledged saves in %d rounds: the writer was mostly killed before it wrote", len(acked), rounds)
	}
}

// killWriterRound starts a writer, kills it with SIGKILL delay after it has
// opened the database, and returns every marker it acknowledged.
func killWriterRound(t *testing.T, path string, f fixture, round int, delay time.Duration) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "MENTORBOG_KILL_WRITER_DB="+path,
		fmt.Sprintf("MENTORBOG_KILL_WRITER_COURSE=%d", f.course.ID),
		fmt.Sprintf("MENTORBOG_KILL_WRITER_MENTOR=%d", f.mentor.ID),
		fmt.Sprintf("MENTORBOG_KILL_WRITER_ROUND=%d", round))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan struct{})
	done := make(chan []string, 1)
	go func() {
		var markers []string
		r := bufio.NewReader(out)
		for {
			// Only whole lines count; the child writes each in one call.
			line, err := r.ReadString('\n')
			if err != nil {
				break
			}
			line = strings.TrimSuffix(line, "\n")
			if line == "ready" {
				close(ready)
			} else if strings.HasPrefix(line, "ack-") {
				markers = append(markers, line)
			}
		}
		done <- markers // EOF: the child is gone, and so is everything it printed
	}()

	select {
	case <-ready:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-done
		cmd.Wait()
		t.Fatalf("round %d: writer not ready after 10 s: %s", round, stderr.String())
	case markers := <-done:
		cmd.Wait()
		t.Fatalf("round %d: writer ended before it was ready (%d markers): %s", round, len(markers), stderr.String())
	}
	time.Sleep(delay)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	markers := <-done // read to EOF: a marker printed before the kill is acknowledged
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != -1 {
		t.Fatalf("round %d: writer was not killed but ended with %v: %s", round, err, stderr.String())
	}
	return markers
}

// verifyAcknowledged opens the database as the next Mentorbog start would,
// checks its integrity and that every acknowledged session is stored.
func verifyAcknowledged(t *testing.T, path string, acked map[string]bool, round int) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("round %d: reopen after kill: %v", round, err)
	}
	defer s.Close()
	h, err := s.Check(ctx)
	if err != nil || len(h.Integrity) != 1 || h.Integrity[0] != "ok" || h.ForeignKeys != 0 {
		t.Fatalf("round %d: integrity after kill: %+v %v", round, h, err)
	}
	sessions, err := s.Sessions(ctx, data.SessionFilter{})
	if err != nil {
		t.Fatalf("round %d: list sessions: %v", round, err)
	}
	stored := make(map[string]bool, len(sessions))
	for _, ss := range sessions {
		if stored[ss.Place] {
			t.Errorf("round %d: session %q stored twice", round, ss.Place)
		}
		stored[ss.Place] = true
	}
	missing := 0
	for m := range acked {
		if !stored[m] {
			missing++
			if missing <= 10 {
				t.Errorf("round %d: acknowledged save %s is gone", round, m)
			}
		}
	}
	if missing > 0 {
		t.Fatalf("round %d: %d of %d acknowledged saves lost", round, missing, len(acked))
	}
	t.Logf("round %d: integrity ok, %d acknowledged of %d stored sessions present", round, len(acked), len(sessions))
}
