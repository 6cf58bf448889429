package csvimport

import (
	"context"
	"errors"
	"fmt"

	"mentorbog/data"
)

// ImportStore is the part of the store an import needs; *sqlstore.Store
// satisfies it.
type ImportStore interface {
	Atomically(ctx context.Context, fn func(ctx context.Context) error) error
	SaveCitizen(ctx context.Context, c *data.Citizen) error
	CitizenByCPR(ctx context.Context, number string) (data.Citizen, error)
	SaveMentor(ctx context.Context, m *data.Mentor) error
}

// rejected carries Problems out of a transaction so that it rolls back.
type rejected struct{ problems Problems }

func (r rejected) Error() string { return r.problems.Error() }

// ImportCitizens checks every row's CPR number against the database and,
// when nothing is wrong and dryRun is false, saves every row in one
// transaction: either all rows are imported or none. It returns how many
// rows were (or, with dryRun, would be) imported. Problems are the rows'
// faults; error is a failure of the store.
func ImportCitizens(ctx context.Context, st ImportStore, rows []Row[data.Citizen], dryRun bool) (int, Problems, error) {
	return ImportCitizensProgress(ctx, st, rows, dryRun, nil)
}

// Progress is told after each saved row how many of total are done. The
// rows are committed together at the end, so cancelling ctx while they are
// saved imports nothing.
type Progress func(done, total int)

// ImportCitizensProgress is ImportCitizens telling progress as it saves.
func ImportCitizensProgress(ctx context.Context, st ImportStore, rows []Row[data.Citizen], dryRun bool, progress Progress) (int, Problems, error) {
	check := func(ctx context.Context) (Problems, error) {
		var problems Problems
		for _, row := range rows {
			n, err := row.Record.CPRNumber()
			if err != nil || n == "" {
				continue // ParseCitizens reported it; an empty CPR is allowed
			}
			_, err = st.CitizenByCPR(ctx, string(n))
			switch {
			case err == nil:
				problems = append(problems, Problem{row.Line, "CPR", "En borger med dette CPR-nummer findes allerede."})
			case !errors.Is(err, data.ErrNotFound):
				return nil, fmt.Errorf("linje %d: søg efter CPR-nummer: %w", row.Line, err)
			}
		}
		return problems, nil
	}
	save := func(ctx context.Context, row Row[data.Citizen]) error {
		c := row.Record
		c.ID = 0
		return st.SaveCitizen(ctx, &c)
	}
	return importRows(ctx, st, rows, dryRun, check, save, progress)
}

// ImportMentors saves every row in one transaction when dryRun is false:
// either all rows are imported or none.
func ImportMentors(ctx context.Context, st ImportStore, rows []Row[data.Mentor], dryRun bool) (int, Problems, error) {
	return ImportMentorsProgress(ctx, st, rows, dryRun, nil)
}

// ImportMentorsProgress is ImportMentors telling progress as it saves.
func ImportMentorsProgress(ctx context.Context, st ImportStore, rows []Row[data.Mentor], dryRun bool, progress Progress) (int, Problems, error) {
	save := func(ctx context.Context, row Row[data.Mentor]) error {
		m := row.Record
		m.ID = 0
		return st.SaveMentor(ctx, &m)
	}
	return importRows(ctx, st, rows, dryRun, nil, save, progress)
}

func importRows[T any](ctx context.Context, st ImportStore, rows []Row[T], dryRun bool,
	check func(ctx context.Context) (Problems, error), save func(ctx context.Context, row Row[T]) error, progress Progress) (int, Problems, error) {
	if check == nil {
		check = func(context.Context) (Problems, error) { return nil, nil }
	}
	if dryRun {
		problems, err := check(ctx)
		if err != nil || len(problems) > 0 {
			return 0, problems.sorted(), err
		}
		return len(rows), nil, nil
	}
	// The check runs inside the transaction, so nobody can add the same
	// citizen between the check and the save.
	err := st.Atomically(ctx, func(ctx context.Context) error {
		problems, err := check(ctx)
		if err != nil {
			return err
		}
		if len(problems) > 0 {
			return rejected{problems}
		}
		for i, row := range rows {
			// A cancelled import stops here and rolls everything back.
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := save(ctx, row); err != nil {
				var fieldErrors data.Problems
				if errors.As(err, &fieldErrors) {
					for _, fe := range fieldErrors.Errors() {
						problems = append(problems, Problem{row.Line, "", fe.Message})
					}
					return rejected{problems}
				}
				return fmt.Errorf("linje %d: %w", row.Line, err)
			}
			if progress != nil {
				progress(i+1, len(rows))
			}
		}
		return nil
	})
	var rej rejected
	if errors.As(err, &rej) {
		return 0, rej.problems.sorted(), nil
	}
	if err != nil {
		return 0, nil, err
	}
	return len(rows), nil, nil
}
