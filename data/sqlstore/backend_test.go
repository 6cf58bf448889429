package sqlstore_test

import (
	"context"
	"testing"

	"mentorbog/data/sqlstore"
	"mentorbog/data/sqlstore/storetest"
)

// TestOpenOnBackend opens a new database twice on the backend under test:
// the second open finds the schema current and migrates nothing.
func TestOpenOnBackend(t *testing.T) {
	addr := storetest.Addr(t, "backend.db")
	st, err := openAddr(addr)
	if err != nil {
		t.Fatal(err)
	}
	v, err := st.SchemaVersion(context.Background())
	if err != nil || v == 0 {
		t.Fatalf("schema version %d, %v", v, err)
	}
	if st.IsPostgres() != storetest.Postgres() {
		t.Fatalf("IsPostgres = %v", st.IsPostgres())
	}
	st.Close()
	st, err = openAddr(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if v2, _ := st.SchemaVersion(context.Background()); v2 != v {
		t.Fatalf("version %d after reopening, was %d", v2, v)
	}
}

func openAddr(addr string) (*sqlstore.Store, error) { return sqlstore.Open(addr) }
