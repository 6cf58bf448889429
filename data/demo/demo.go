// Package demo fills an empty store with a fictional but realistic Danish
// mentor organisation: mentors, municipalities, citizens, courses,
// agreements, goals with scores and a year of sessions.
//
// The data is anchored to Config.Today and drawn from a seeded generator,
// so the same Config always gives the same database: screenshots, manual
// tests and bug reports can be reproduced. Nothing here reads the clock.
package demo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"

	"mentorbog/data"
)

// Size names how much data to generate.
type Size string

// SizeDemo ("demo") is a provider with six mentors and 40 citizens: the
// default demo organisation of screenshots, manual tests and the README.
// The benchmark sizes (SizeSmall, SizeMedium, SizeLarge) are in sizes.go.
const SizeDemo Size = "demo"

// Config chooses what Generate makes.
type Config struct {
	// Seed: the same seed and the same Today give identical data.
	Seed uint64
	// Today anchors the demo: twelve months of history before it and about
	// four weeks of planned sessions after it.
	Today data.Date
	// Size is SizeDemo when empty.
	Size Size
}

// Summary counts what Generate saved.
type Summary struct {
	Mentors, Municipalities, Caseworkers, Citizens, Courses, Agreements, Goals, Scores, Sessions int
}

// pcgStream is the second PCG word. It is fixed so that Seed alone picks
// the data; its value ("mentorbo" in ASCII) has no meaning.
const pcgStream = 0x6d656e746f72626f

// ErrNotEmpty is returned when the store already holds mentors or citizens:
// mixing demo people into real data would be a data-protection accident.
var ErrNotEmpty = errors.New("demo: databasen indeholder allerede data")

// plan is what a Size means in numbers.
type plan struct {
	citizens int
	// statuses is how many courses end up in each status; the counts add
	// up to citizens (one current course each).
	statuses map[data.CourseStatus]int
	// earlierCourses is how many citizens also have an earlier, closed course.
	earlierCourses int
}

func planFor(s Size) (plan, error) {
	switch s {
	case "", SizeDemo:
		return plan{
			citizens: 40,
			statuses: map[data.CourseStatus]int{
				data.CourseOrdered:   3,
				data.CourseActive:    24,
				data.CourseRetention: 4,
				data.CourseEnded:     6,
				data.CourseAborted:   3,
			},
			earlierCourses: 6,
		}, nil
	}
	return plan{}, fmt.Errorf("demo: ukendt størrelse %q", s)
}

// Generate saves the demo organisation into st, which must be empty, in one
// transaction: either all of it is there afterwards or nothing is.
func Generate(ctx context.Context, st data.Store, cfg Config) (Summary, error) {
	if cfg.Today.IsZero() {
		return Summary{}, errors.New("demo: Config.Today skal udfyldes")
	}
	if bp, ok := benchPlanFor(cfg.Size); ok {
		return generateSized(ctx, st, cfg, bp)
	}
	p, err := planFor(cfg.Size)
	if err != nil {
		return Summary{}, err
	}
	var sum Summary
	err = st.Atomically(ctx, func(ctx context.Context) error {
		if err := ensureEmpty(ctx, st); err != nil {
			return err
		}
		g := &generator{
			st:    st,
			rng:   rand.New(rand.NewPCG(cfg.Seed, pcgStream)),
			today: cfg.Today,
			plan:  p,
			busy:  map[data.ID]map[data.Date][]span{},
		}
		if err := g.run(ctx); err != nil {
			return err
		}
		sum = g.sum
		return nil
	})
	if err != nil {
		return Summary{}, err
	}
	return sum, nil
}

func ensureEmpty(ctx context.Context, st data.Store) error {
	mentors, err := st.Mentors(ctx, true)
	if err != nil {
		return fmt.Errorf("demo: read mentors: %w", err)
	}
	citizens, err := st.Citizens(ctx, true)
	if err != nil {
		return fmt.Errorf("demo: read citizens: %w", err)
	}
	if len(mentors) > 0 || len(citizens) > 0 {
		return ErrNotEmpty
	}
	return nil
}

// generator carries the state of one Generate call. Every random choice
// goes through rng in a fixed order, and no map is ever iterated, so the
// output depends on the seed alone.
type generator struct {
	st    data.Store
	rng   *rand.Rand
	today data.Date
	plan  plan

	org        data.Organisation
	instrument data.Instrument
	mentors    []*mentor
	munis      []*municipality
	citizens   []*citizen
	courses    []*course

	// busy holds each mentor's booked time per day, so that one mentor's
	// sessions never overlap in the calendar.
	busy map[data.ID]map[data.Date][]span
	sum  Summary
}

func (g *generator) run(ctx context.Context) error {
	steps := []func(context.Context) error{
		g.saveOrganisation,
		g.loadInstrument,
		g.saveMentors,
		g.saveMunicipalities,
		g.makeCitizens,
		g.planCourses,
		g.saveCitizens,
		g.saveCourses,
	}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return err
		}
	}
	return nil
}

// Small random helpers. They keep call sites readable.

// between returns an int in [lo, hi].
func (g *generator) between(lo, hi int) int { return lo + g.rng.IntN(hi-lo+1) }

// chance is true with probability p.
func (g *generator) chance(p float64) bool { return g.rng.Float64() < p }

// pick returns one element of list.
func pick[T any](g *generator, list []T) T { return list[g.rng.IntN(len(list))] }

// pickSome returns n distinct elements of list (all of them when n is
// larger), in the list's own order so that texts keep their logical flow.
func pickSome[T any](g *generator, list []T, n int) []T {
	if n >= len(list) {
		return append([]T(nil), list...)
	}
	chosen := make([]bool, len(list))
	for _, i := range g.rng.Perm(len(list))[:n] {
		chosen[i] = true
	}
	out := make([]T, 0, n)
	for i, v := range list {
		if chosen[i] {
			out = append(out, v)
		}
	}
	return out
}
