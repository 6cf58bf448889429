package reports

import (
	"context"
	"sync"

	"mentorbog/data"
)

// batchSource is a Source for one month-end batch: what every report of
// the batch reads the same way (the organisation, municipalities,
// caseworkers, mentors, instruments, target groups) is read once and
// shared by the workers; everything else, and every write, goes to the
// store. The batch lives a few seconds, during which these lists do not
// change. Citizens are not kept: reading one is audited, per report.
type batchSource struct {
	Source

	mu             sync.Mutex
	org            *data.Organisation
	municipalities map[bool][]data.Municipality
	municipality   map[data.ID]data.Municipality
	caseworkers    map[data.ID][]data.Caseworker
	mentors        map[bool][]data.Mentor
	instruments    []data.Instrument
	haveInstr      bool
	targetGroups   []data.TargetGroup
	haveGroups     bool
}

func newBatchSource(st Source) *batchSource {
	return &batchSource{Source: st,
		municipalities: map[bool][]data.Municipality{}, municipality: map[data.ID]data.Municipality{},
		caseworkers: map[data.ID][]data.Caseworker{}, mentors: map[bool][]data.Mentor{}}
}

// remember returns the kept value when there is one; otherwise it reads
// it (outside the lock, so workers do not wait on each other's queries)
// and keeps it when the read succeeded.
func remember[T any](b *batchSource, kept func() (T, bool), read func() (T, error), keep func(T)) (T, error) {
	b.mu.Lock()
	v, ok := kept()
	b.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := read()
	if err != nil {
		return v, err
	}
	b.mu.Lock()
	keep(v)
	b.mu.Unlock()
	return v, nil
}

func (b *batchSource) Organisation(ctx context.Context) (data.Organisation, error) {
	return remember(b, func() (data.Organisation, bool) {
		if b.org == nil {
			return data.Organisation{}, false
		}
		return *b.org, true
	}, func() (data.Organisation, error) { return b.Source.Organisation(ctx) },
		func(o data.Organisation) { b.org = &o })
}

func (b *batchSource) Municipality(ctx context.Context, id data.ID) (data.Municipality, error) {
	return remember(b, func() (data.Municipality, bool) { m, ok := b.municipality[id]; return m, ok },
		func() (data.Municipality, error) { return b.Source.Municipality(ctx, id) },
		func(m data.Municipality) { b.municipality[id] = m })
}

func (b *batchSource) Municipalities(ctx context.Context, includeArchived bool) ([]data.Municipality, error) {
	return remember(b, func() ([]data.Municipality, bool) { m, ok := b.municipalities[includeArchived]; return m, ok },
		func() ([]data.Municipality, error) { return b.Source.Municipalities(ctx, includeArchived) },
		func(m []data.Municipality) { b.municipalities[includeArchived] = m })
}

func (b *batchSource) Caseworkers(ctx context.Context, municipalityID data.ID) ([]data.Caseworker, error) {
	return remember(b, func() ([]data.Caseworker, bool) { c, ok := b.caseworkers[municipalityID]; return c, ok },
		func() ([]data.Caseworker, error) { return b.Source.Caseworkers(ctx, municipalityID) },
		func(c []data.Caseworker) { b.caseworkers[municipalityID] = c })
}

func (b *batchSource) Mentors(ctx context.Context, includeArchived bool) ([]data.Mentor, error) {
	return remember(b, func() ([]data.Mentor, bool) { m, ok := b.mentors[includeArchived]; return m, ok },
		func() ([]data.Mentor, error) { return b.Source.Mentors(ctx, includeArchived) },
		func(m []data.Mentor) { b.mentors[includeArchived] = m })
}

func (b *batchSource) Instruments(ctx context.Context) ([]data.Instrument, error) {
	return remember(b, func() ([]data.Instrument, bool) { return b.instruments, b.haveInstr },
		func() ([]data.Instrument, error) { return b.Source.Instruments(ctx) },
		func(in []data.Instrument) { b.instruments, b.haveInstr = in, true })
}

func (b *batchSource) TargetGroups(ctx context.Context) ([]data.TargetGroup, error) {
	return remember(b, func() ([]data.TargetGroup, bool) { return b.targetGroups, b.haveGroups },
		func() ([]data.TargetGroup, error) { return b.Source.TargetGroups(ctx) },
		func(g []data.TargetGroup) { b.targetGroups, b.haveGroups = g, true })
}

// CitizenAuditing reads a citizen (per report: each read is audited) and
// waits for the read's audit entry before it returns. The batch's workers
// already overlap one report's commit with another's rendering; a commit
// in flight beside each worker's reads as well would need more connections
// than a server's pool keeps idle, and a new connection is a new login (a
// PostgreSQL month-end went from 3.7 to 5.4 s, with 78 logins instead of 3).
// A commit that failed still fails the report.
func (b *batchSource) CitizenAuditing(ctx context.Context, id data.ID) (data.Citizen, func() error, error) {
	c, committed, err := readCitizen(ctx, b.Source, id)
	if err != nil {
		return c, nil, err
	}
	err = committed()
	return c, func() error { return err }, nil
}

// CourseScores reads the course's scores in one statement when the store
// can (per goal otherwise).
func (b *batchSource) CourseScores(ctx context.Context, courseID data.ID) (map[data.ID][]data.Score, error) {
	if r, ok := b.Source.(courseScoresReader); ok {
		return r.CourseScores(ctx, courseID)
	}
	goals, err := b.Source.Goals(ctx, courseID)
	if err != nil {
		return nil, err
	}
	out := map[data.ID][]data.Score{}
	for _, g := range goals {
		if out[g.ID], err = b.Source.Scores(ctx, g.ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}
