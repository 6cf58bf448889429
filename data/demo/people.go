package demo

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"mentorbog/data"
	"mentorbog/data/cpr"
)

// mentor is a saved mentor plus what the generator needs to plan with.
type mentor struct {
	data.Mentor
	spec mentorSpec
	// leftOn is the day a leaving mentor stopped (zero for the others).
	leftOn data.Date
	// courses counts the courses matched to the mentor, to spread the load.
	courses int
	// summerWeek is the first ISO week of the mentor's three weeks of
	// summer holiday; colleagues take turns so the house stays open.
	summerWeek int
}

type municipality struct {
	data.Municipality
	spec        muniSpec
	caseworkers []data.Caseworker
	nextRef     int // running number of order references
}

type citizen struct {
	data.Citizen
	birth data.Date
	theme *theme
	muni  *municipality
	town  town
}

func (g *generator) saveOrganisation(ctx context.Context) error {
	g.org = data.Organisation{
		Name:           "Broen Mentorhus ApS",
		CVR:            "38271946",
		Address:        "Kirkestræde 7, 1. sal",
		Postcode:       "4690",
		City:           "Holmstrup",
		Phone:          "+45 70 20 41 88",
		Email:          "kontakt@broenmentorhus.example",
		JobcentreLabel: data.LabelJobcenter,
		HourlyRateOere: 45000,
		ReportFooter:   "Broen Mentorhus ApS · Kirkestræde 7, 4690 Holmstrup · CVR 38271946 · Fortroligt: indeholder personoplysninger",
		LegalBasis:     "Lov om en aktiv beskæftigelsesindsats, kapitel 26 (§§ 167-171)",
		ComplaintGuidance: "Du kan klage over kommunens afgørelse om mentorstøtte. Klagen skal sendes til kommunen inden 4 uger " +
			"efter, at du har fået afgørelsen. Kommunen genvurderer sagen, og fastholder den afgørelsen, sendes klagen videre til Ankestyrelsen.",
	}
	if err := g.st.SaveOrganisation(ctx, g.org); err != nil {
		return fmt.Errorf("demo: save organisation: %w", err)
	}
	return nil
}

// loadInstrument finds the default progression instrument, which a new
// database normally has; it is created when missing so scores always have
// a scale.
func (g *generator) loadInstrument(ctx context.Context) error {
	instruments, err := g.st.Instruments(ctx)
	if err != nil {
		return fmt.Errorf("demo: read instruments: %w", err)
	}
	for _, in := range instruments {
		if in.IsDefault {
			g.instrument = in
			return nil
		}
	}
	in := data.DefaultInstrument()
	if err := g.st.SaveInstrument(ctx, &in); err != nil {
		return fmt.Errorf("demo: save default instrument: %w", err)
	}
	g.instrument = in
	return nil
}

func (g *generator) saveMentors(ctx context.Context) error {
	for i, spec := range mentorSpecs {
		m := &mentor{spec: spec, summerWeek: 27 + i%3}
		m.Mentor = data.Mentor{
			Name:              spec.name,
			Phone:             spec.phone,
			Email:             spec.email,
			Kind:              data.MentorEmployed,
			Qualifications:    spec.qualifications,
			Languages:         spec.languages,
			Competences:       spec.competences,
			WeeklyCapacityMin: spec.capacityHours * 60,
		}
		if spec.volunteer {
			m.Kind = data.MentorVolunteer
		}
		if spec.leaves {
			// Far enough back that their courses have had months with the new mentor.
			m.leftOn = nextWorkday(g.today.AddDays(-g.between(120, 160)))
			m.Archived = true
		}
		if err := g.st.SaveMentor(ctx, &m.Mentor); err != nil {
			return fmt.Errorf("demo: save mentor: %w", err)
		}
		g.mentors = append(g.mentors, m)
		g.sum.Mentors++
	}
	return nil
}

func (g *generator) saveMunicipalities(ctx context.Context) error {
	for _, spec := range muniSpecs {
		m := &municipality{spec: spec, nextRef: g.between(20, 180)}
		m.Municipality = data.Municipality{Name: spec.name, Address: spec.address, EAN: spec.ean, SecureEmail: spec.secureEmail}
		if err := g.st.SaveMunicipality(ctx, &m.Municipality); err != nil {
			return fmt.Errorf("demo: save municipality: %w", err)
		}
		g.sum.Municipalities++
		for _, cs := range spec.caseworkers {
			cw := data.Caseworker{MunicipalityID: m.ID, Name: cs.name, Phone: cs.phone, Email: cs.email}
			if err := g.st.SaveCaseworker(ctx, &cw); err != nil {
				return fmt.Errorf("demo: save caseworker: %w", err)
			}
			m.caseworkers = append(m.caseworkers, cw)
			g.sum.Caseworkers++
		}
		g.munis = append(g.munis, m)
	}
	return nil
}

// makeCitizens makes the citizens; they are saved after the courses are
// planned, because a course's end decides whether its citizen is archived.
// About a quarter have another mother tongue than Danish, as in many
// Danish jobcentres' caseloads.
func (g *generator) makeCitizens(context.Context) error {
	usedCPR := map[string]bool{}
	for _, n := range g.citizenNames() {
		c, err := g.newCitizen(n, usedCPR)
		if err != nil {
			return err
		}
		g.citizens = append(g.citizens, c)
	}
	return nil
}

func (g *generator) saveCitizens(ctx context.Context) error {
	for _, c := range g.citizens {
		if err := g.st.SaveCitizen(ctx, &c.Citizen); err != nil {
			return fmt.Errorf("demo: save citizen: %w", err)
		}
		g.sum.Citizens++
	}
	return nil
}

// citizenNames draws unique names. The first three Danish names are forced
// to contain æ, ø and å respectively, so every seed shows all three.
func (g *generator) citizenNames() []foreignName {
	foreignCount := g.plan.citizens / 4
	var out []foreignName
	used := map[string]bool{}
	for _, f := range pickSome(g, foreignNames, foreignCount) {
		out = append(out, f)
		used[f.name] = true
	}
	for _, letter := range []string{"æ", "ø", "å", ""} {
		for attempts := 0; len(out) < g.plan.citizens && attempts < 1000; attempts++ {
			name := g.danishName()
			if used[name] || !strings.Contains(strings.ToLower(name), letter) {
				continue
			}
			used[name] = true
			out = append(out, foreignName{name: name, tongue: "dansk"})
			if letter != "" {
				break
			}
		}
	}
	g.rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func (g *generator) danishName() string {
	first := pick(g, danishFirstNames)
	last := pick(g, danishLastNames)
	if g.chance(0.3) {
		return first + " " + pick(g, danishMiddleNames) + " " + last
	}
	return first + " " + last
}

func (g *generator) newCitizen(n foreignName, usedCPR map[string]bool) (*citizen, error) {
	c := &citizen{}
	c.birth = g.today.AddDays(-g.between(18*365+5, 60*365))
	number, err := g.uniqueCPR(c.birth, usedCPR)
	if err != nil {
		return nil, err
	}
	c.muni = g.munis[0]
	if g.chance(0.4) {
		c.muni = g.munis[1]
	}
	c.town = pick(g, c.muni.spec.towns)
	c.theme = g.themeFor(n.tongue != "dansk", data.Age(c.birth.In(time.UTC), g.today) < 30)
	c.Citizen = data.Citizen{
		Name:         n.name,
		CPR:          number.Formatted(),
		Address:      g.address(),
		Postcode:     c.town.postcode,
		City:         c.town.name,
		Phone:        g.mobileNumber(),
		Email:        g.emailFor(n.name),
		MotherTongue: n.tongue,
		TargetGroup:  g.targetGroupFor(c.theme, data.Age(c.birth.In(time.UTC), g.today)),
		Consents: data.Consents{
			VolunteerMentor: g.chance(0.3),
			SMS:             g.chance(0.85),
			Email:           g.chance(0.6),
		},
		Profile: g.profileFor(c.theme),
		// What the support is about, for matching against the mentors'
		// competences (no random draw, so the rest of the demo is unchanged).
		Needs: []string{c.theme.competence},
	}
	c.InterpreterNeeded = n.tongue != "dansk" && g.chance(0.4)
	if g.chance(0.1) {
		c.Email = "" // not everybody has (or wants to give) an e-mail address
	}
	return c, nil
}

// uniqueCPR draws serials until the number is new in this demo.
func (g *generator) uniqueCPR(birth data.Date, used map[string]bool) (cpr.Number, error) {
	for attempts := 0; attempts < 100; attempts++ {
		n, err := cpr.Generate(birth.In(time.UTC), g.rng.IntN(10000))
		if err != nil {
			return "", fmt.Errorf("demo: generate CPR: %w", err)
		}
		if !used[string(n)] {
			used[string(n)] = true
			return n, nil
		}
	}
	return "", fmt.Errorf("demo: no free CPR number for a birth date")
}

// themeFor picks what the course will be about, fitted to age and background.
func (g *generator) themeFor(foreign, young bool) *theme {
	var fitting []*theme
	for _, t := range themes {
		if t.foreignOnly && !foreign || young && !t.young || !young && !t.adult {
			continue
		}
		fitting = append(fitting, t)
		if t.foreignOnly {
			// Language and the system are the main challenge for most
			// newcomers, so weigh the integration theme up.
			fitting = append(fitting, t, t, t)
		}
	}
	return pick(g, fitting)
}

func (g *generator) targetGroupFor(t *theme, age int) string {
	var fitting []string
	for _, code := range t.targetGroups {
		if age >= 30 && slices.Contains(youngOnly, code) {
			continue
		}
		fitting = append(fitting, code)
	}
	if len(fitting) == 0 {
		return tgActivity
	}
	return pick(g, fitting)
}

// profileFor writes the handover profile: two or three sentences per field.
func (g *generator) profileFor(t *theme) data.HandoverProfile {
	some := func(list []string) string { return strings.Join(pickSome(g, list, g.between(2, 3)), " ") }
	return data.HandoverProfile{
		Resources:   some(t.resources),
		Competences: some(t.competences),
		Limitations: some(t.limitations),
		Everyday:    some(t.everyday),
		WhatWorks:   some(t.whatWorks),
	}
}

func (g *generator) address() string {
	a := fmt.Sprintf("%s %d", pick(g, streets), g.between(1, 84))
	if g.chance(0.45) {
		a += ", " + pick(g, floors)
	}
	return a
}

// mobileNumber gives "+45 12 34 56 78"; Danish mobile numbers start with 2–9.
func (g *generator) mobileNumber() string {
	return fmt.Sprintf("+45 %d%d %02d %02d %02d", g.between(2, 9), g.between(0, 9), g.rng.IntN(100), g.rng.IntN(100), g.rng.IntN(100))
}

func (g *generator) emailFor(name string) string {
	local := strings.Join(strings.Fields(asciiFold(strings.ToLower(name))), ".")
	if g.chance(0.5) {
		local += fmt.Sprint(g.between(1, 99))
	}
	return local + "@" + pick(g, mailDomains)
}

// asciiFold writes a name the way Danes write it in e-mail addresses
// (æ → ae, ø → oe, å → aa) and drops other accents.
func asciiFold(s string) string {
	replacer := strings.NewReplacer(
		"æ", "ae", "ø", "oe", "å", "aa", "ı", "i", "ş", "s", "ğ", "g", "ç", "c", "ö", "o", "ü", "u",
		"ń", "n", "ś", "s", "ł", "l", "ż", "z", "ź", "z", "ą", "a", "ę", "e", "ó", "o", "ć", "c", "'", "",
	)
	return replacer.Replace(s)
}
