package data

// Instrument is a progression instrument: the domains a citizen is scored
// on, the scale and the anchor texts. Commercial instruments are licensed,
// so Mentorbog ships only a neutral default and lets organisations define
// their own.
type Instrument struct {
	ID       ID
	Name     string
	ScaleMin int
	ScaleMax int
	Domains  []string
	// Anchors explain scale values, e.g. 1 → "Slet ikke", 10 → "I høj grad".
	Anchors   map[int]string
	IsDefault bool
	// Version is the stored version this record was read at, counted up
	// by every save; a save from an older version is refused
	// (ConflictError). 0 for a record not saved yet.
	Version int64
}

// Validate checks an instrument.
func (in Instrument) Validate() Problems {
	var v validator
	v.required("name", "Navn", in.Name, MaxShortText)
	if in.ScaleMin >= in.ScaleMax {
		v.add("scale", "Skalaens højeste værdi skal være større end den laveste.")
	}
	if in.ScaleMax-in.ScaleMin > 100 {
		v.add("scale", "Skalaen må højst have 100 trin.")
	}
	for _, d := range in.Domains {
		v.required("domains", "Domænenavn", d, MaxShortText)
	}
	for value, text := range in.Anchors {
		if value < in.ScaleMin || value > in.ScaleMax {
			v.add("anchors", "Ankertekst for %d ligger uden for skalaen.", value)
		}
		v.maxLen("anchors", "Ankertekst", text, MaxLineText)
	}
	return v.problems
}

// Goal is one goal of a course, scored over time on the course's instrument.
type Goal struct {
	ID          ID
	CourseID    ID
	Title       string
	Description string
	Domain      string // optional: the instrument domain this goal belongs to
	CreatedOn   Date
	Achieved    bool
	// Version is the stored version this record was read at, counted up
	// by every save; a save from an older version is refused
	// (ConflictError). 0 for a record not saved yet.
	Version int64
}

// Validate checks a goal.
func (g Goal) Validate() Problems {
	var v validator
	if g.CourseID == 0 {
		v.add("course", "Forløb skal vælges.")
	}
	v.required("title", "Mål", g.Title, MaxLineText)
	v.maxLen("description", "Beskrivelse", g.Description, MaxLongText)
	v.maxLen("domain", "Domæne", g.Domain, MaxShortText)
	return v.problems
}

// Score is one progression score of a goal, scored together with the citizen.
type Score struct {
	ID        ID
	GoalID    ID
	SessionID ID // the session it was scored at, if any
	On        Date
	Value     int
	Note      string
	// Version is the stored version this record was read at, counted up
	// by every save; a save from an older version is refused
	// (ConflictError). 0 for a record not saved yet.
	Version int64
}

// ValidateOn checks a score against the instrument's scale.
func (s Score) ValidateOn(in Instrument) Problems {
	var v validator
	if s.GoalID == 0 {
		v.add("goal", "Mål skal vælges.")
	}
	if s.On.IsZero() {
		v.add("on", "Dato skal udfyldes.")
	}
	if s.Value < in.ScaleMin || s.Value > in.ScaleMax {
		v.add("value", "Score skal være mellem %d og %d.", in.ScaleMin, in.ScaleMax)
	}
	v.maxLen("note", "Note", s.Note, MaxLongText)
	return v.problems
}

// DefaultInstrument is the neutral instrument created with a new database,
// built on the job-readiness indicators that Danish research (BIP) found to
// predict job entry.
func DefaultInstrument() Instrument {
	return Instrument{
		Name:     "Neutral progression 1-10",
		ScaleMin: 1,
		ScaleMax: 10,
		Domains: []string{
			"Jobsøgning",
			"Kendskab til arbejdsmarkedet",
			"Helbred og mestring",
			"Samarbejdsevne",
			"Målrettethed",
			"Tro på egne evner",
		},
		Anchors:   map[int]string{1: "Slet ikke", 5: "Delvist", 10: "I høj grad"},
		IsDefault: true,
	}
}
