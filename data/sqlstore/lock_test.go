package sqlstore

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"mentorbog/data"
)

func TestOpenTwiceInOneProcessGetsErrInUse(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "mentorbog.db")
	first, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	if runtime.GOOS != "windows" {
		if fi, err := os.Stat(path + ".lock"); err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("lock file: %v %v", fi, err)
		}
	}

	second, err := Open(path)
	if !errors.Is(err, ErrInUse) || second != nil {
		t.Fatalf("second open: %v, %v; want ErrInUse", second, err)
	}
	if !strings.Contains(err.Error(), "allerede åben i en anden Mentorbog") {
		t.Fatalf("message %q", err)
	}

	// The refused open did not disturb the first one.
	m := data.Mentor{Name: "Søren Ærø", Kind: data.MentorEmployed}
	must(t, first.SaveMentor(ctx, &m))
	if got, err := first.Mentor(ctx, m.ID); err != nil || got.Name != m.Name {
		t.Fatalf("first store after a refused open: %+v %v", got, err)
	}
	if h, err := first.Check(ctx); err != nil || !h.OK() {
		t.Fatalf("check: %+v %v", h, err)
	}

	must(t, first.Close())
	must(t, first.Close()) // a second Close does no harm
	again, err := Open(path)
	if err != nil {
		t.Fatalf("open after Close: %v", err)
	}
	defer again.Close()
	if got, err := again.Mentor(ctx, m.ID); err != nil || got.Name != m.Name {
		t.Fatalf("reopened: %+v %v", got, err)
	}
}

func TestFailedOpenReleasesTheLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	s, err := open(path, migrationsUpTo(t, LatestSchemaVersion()))
	if err != nil {
		t.Fatal(err)
	}
	must(t, s.Close())
	// A newer schema than this build knows: open fails after the lock was
	// taken, and must give it back.
	if _, err := open(path, migrationsUpTo(t, 1)); err == nil {
		t.Fatal("opened a newer schema")
	}
	s, err = Open(path)
	if err != nil {
		t.Fatalf("open after a failed open: %v", err)
	}
	s.Close()
}

// runHolder is the child of TestAnotherProcessHoldingTheDatabaseGetsErrInUse:
// it opens the database and keeps it open until stdin closes or it is
// killed.
func runHolder(path string) int {
	s, err := Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 4
	}
	m := data.Mentor{Name: "Holder", Kind: data.MentorEmployed}
	if err := s.SaveMentor(context.Background(), &m); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 5
	}
	fmt.Println("open")
	io.Copy(io.Discard, os.Stdin) // returns when the parent goes away
	s.Close()
	return 0
}

func TestAnotherProcessHoldingTheDatabaseGetsErrInUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "held.db")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "MENTORBOG_HOLD_DB="+path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if line, _ := bufio.NewReader(out).ReadString('\n'); line != "open\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("child said %q, stderr %q", line, stderr.String())
	}

	s, err := Open(path)
	if !errors.Is(err, ErrInUse) {
		if s != nil {
			s.Close()
		}
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("open while another process holds the database: %v, want ErrInUse", err)
	}

	// SIGKILL: the child gets no chance to clean up, and the OS must drop
	// its lock.
	start := time.Now()
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err == nil {
		t.Fatal("the holder exited by itself")
	}
	s, err = Open(path)
	if err != nil {
		t.Fatalf("open after the holder was killed (stale lock?): %v", err)
	}
	defer s.Close()
	mentors, err := s.Mentors(context.Background(), true)
	if err != nil || len(mentors) != 1 || mentors[0].Name != "Holder" {
		t.Fatalf("the killed holder's save: %+v %v", mentors, err)
	}
	if h, err := s.Check(context.Background()); err != nil || !h.OK() {
		t.Fatalf("check: %+v %v", h, err)
	}
	t.Logf("reopened %v after the kill", time.Since(start))
}
