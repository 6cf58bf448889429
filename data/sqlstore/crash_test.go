package sqlstore

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"testing/fstest"
	"time"
)

// TestMain lets the test binary act as a child process that is killed in
// the middle of its work (see TestKilledMidMigrationLeavesThePreviousVersion,
// TestAnotherProcessHoldingTheDatabaseGetsErrInUse and
// TestKilledWriterKeepsEveryAcknowledgedSave).
func TestMain(m *testing.M) {
	if path := os.Getenv("MENTORBOG_SLOW_MIGRATION_DB"); path != "" {
		os.Exit(runSlowMigration(path))
	}
	if path := os.Getenv("MENTORBOG_HOLD_DB"); path != "" {
		os.Exit(runHolder(path))
	}
	if path := os.Getenv("MENTORBOG_KILL_WRITER_DB"); path != "" {
		os.Exit(runKillWriter(path))
	}
	os.Exit(m.Run())
}

// slowMigration takes seconds: long enough to be killed half-way.
const slowMigration = `CREATE TABLE big (n INTEGER, pad TEXT);
WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 20000000)
INSERT INTO big SELECT n, 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' FROM c;`

func runSlowMigration(path string) int {
	steps := fstest.MapFS{}
	all, err := loadMigrations(migrationFiles())
	if err != nil {
		return 3
	}
	steps[all[0].name] = &fstest.MapFile{Data: []byte(all[0].sql)}
	steps["0002_slow.sql"] = &fstest.MapFile{Data: []byte(slowMigration)}
	fmt.Println("migrating")
	if _, err := open(path, steps); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 4
	}
	return 0
}

func TestKilledMidMigrationLeavesThePreviousVersion(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL of a child process is a Unix test")
	}
	if testing.Short() {
		t.Skip("starts and kills child processes")
	}
	path := filepath.Join(t.TempDir(), "killed.db")
	v1, err := open(path, migrationsUpTo(t, 1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v1.db.Exec(`INSERT INTO mentors (name, kind) VALUES ('Birthe Ølgaard', 'ansat')`); err != nil {
		t.Fatal(err)
	}
	v1.Close()

	for round := 0; round < 3; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "MENTORBOG_SLOW_MIGRATION_DB="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if line, _ := bufio.NewReader(out).ReadString('\n'); line != "migrating\n" {
			t.Fatalf("child said %q", line)
		}
		time.Sleep(time.Duration(300+200*round) * time.Millisecond)
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		if err := cmd.Wait(); err == nil {
			t.Fatal("the slow migration finished before it was killed; make it slower")
		}

		s, err := open(path, migrationsUpTo(t, 1))
		if err != nil {
			t.Fatalf("round %d: reopen after kill: %v", round, err)
		}
		ctx := context.Background()
		if v, _ := s.SchemaVersion(ctx); v != 1 {
			t.Fatalf("round %d: version %d after a killed migration, want 1", round, v)
		}
		var tables int
		s.db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'big'").Scan(&tables)
		// Read with SQL of schema version 1: the store's own queries know
		// the columns of every later version.
		var mentors []string
		if rows, err := s.db.Query("SELECT name FROM mentors"); err == nil {
			for rows.Next() {
				var name string
				rows.Scan(&name)
				mentors = append(mentors, name)
			}
			rows.Close()
		}
		h, err := s.Check(ctx)
		s.Close()
		if tables != 0 {
			t.Fatalf("round %d: half of the killed migration is in the file", round)
		}
		if len(mentors) != 1 || mentors[0] != "Birthe Ølgaard" {
			t.Fatalf("round %d: data lost: %+v", round, mentors)
		}
		if err != nil || len(h.Integrity) != 1 || h.Integrity[0] != "ok" {
			t.Fatalf("round %d: integrity after kill: %+v %v", round, h, err)
		}
	}
}
