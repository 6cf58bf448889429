package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"mentorbog/app/reports"
	"mentorbog/data"
	"mentorbog/data/sqlstore"
)

// reportUsage is the help of `mentorbog report`.
const reportUsage = `Brug:
  mentorbog report agreement --agreement ID --out FIL.pdf      mentoraftale
  mentorbog report start --course ID --out FIL.pdf             opstartsnotat
  mentorbog report status --course ID --from ÅÅÅÅ-MM-DD --to ÅÅÅÅ-MM-DD --out FIL.pdf
  mentorbog report status --report ID --out FIL.pdf            statusrapport
  mentorbog report final --course ID --out FIL.pdf             slutrapport
  mentorbog report hours --kommune ID --month ÅÅÅÅ-MM --out FIL.pdf
                                                               timeopgørelse for en kommune
  mentorbog report citizen --citizen ID --out FIL.pdf          borgerens data (indsigt)
  mentorbog report batch --month ÅÅÅÅ-MM --dir MAPPE [--kommune ID]
                                                               månedsafslutning: alle statusrapporter,
                                                               der forfalder, og timeopgørelserne
`

// reportKinds maps the subcommand to the document.
var reportKinds = map[string]data.ReportKind{
	"agreement": data.KindAgreement, "start": data.KindStart, "status": data.KindStatus,
	"final": data.KindFinal, "hours": data.KindHours, "citizen": data.KindCitizenData,
}

// runReport makes one report (or the month-end batch) as PDF.
func runReport(ctx context.Context, env Env, args []string) int {
	sub, args, ok := splitSubcommand(args)
	if !ok {
		fmt.Fprint(env.Stderr, reportUsage)
		return ExitUsage
	}
	if sub == "batch" {
		return runReportBatch(ctx, env, args)
	}
	kind, ok := reportKinds[sub]
	if !ok {
		fmt.Fprintf(env.Stderr, "ukendt rapport %q\n\n%s", sub, reportUsage)
		return ExitUsage
	}
	flags := reportFlags(env, "report "+sub)
	dbPath := flags.String("db", "", "databasefil")
	out := flags.String("out", "", "PDF-filen der skrives")
	ids := map[string]*int64{}
	for _, name := range []string{"agreement", "course", "report", "kommune", "citizen"} {
		ids[name] = flags.Int64(name, 0, name+"-id")
	}
	from := flags.String("from", "", "periodens første dag (ÅÅÅÅ-MM-DD)")
	to := flags.String("to", "", "periodens sidste dag (ÅÅÅÅ-MM-DD)")
	month := flags.String("month", "", "måned (ÅÅÅÅ-MM)")
	if err := parseCommand(flags, args); err != nil {
		return ExitUsage
	}
	req := reports.Request{Kind: kind, AgreementID: *ids["agreement"], CourseID: *ids["course"], ReportID: *ids["report"],
		MunicipalityID: *ids["kommune"], CitizenID: *ids["citizen"], On: env.today()}
	var err error
	if req.From, err = parseDay(*from); err == nil {
		req.To, err = parseDay(*to)
	}
	if err == nil && *month != "" {
		req.From, err = parseMonth(*month)
	}
	if err == nil {
		err = checkReportFlags(kind, req, *out)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "%v\n\n%s", err, reportUsage)
		return ExitUsage
	}
	st, ok := openForReports(ctx, env, *dbPath)
	if !ok {
		return ExitError
	}
	defer st.Close()
	doc, err := reports.Produce(ctx, st, req)
	if err == nil {
		err = os.WriteFile(*out, doc.PDF, 0o600)
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, "Fejl:", reportError(err))
		return ExitError
	}
	reports.Audit(ctx, st, data.AuditReportExported, doc.Entry)
	if doc.Draft {
		fmt.Fprintln(env.Stderr, "Bemærk: rapporten er ikke godkendt og er mærket UDKAST.")
	}
	fmt.Fprintln(env.Stdout, *out)
	return ExitOK
}

// splitSubcommand takes the report kind out of args. The global --db is
// placed before it by Run (`report --db x.db status ...`), so it is moved
// behind the kind, where the kind's own flags parse it.
func splitSubcommand(args []string) (string, []string, bool) {
	var lead []string
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		if args[0] != "--db" && args[0] != "-db" {
			if !strings.HasPrefix(args[0], "--db=") && !strings.HasPrefix(args[0], "-db=") {
				return "", nil, false
			}
			lead, args = append(lead, args[0]), args[1:]
			continue
		}
		if len(args) < 2 {
			return "", nil, false
		}
		lead, args = append(lead, args[0], args[1]), args[2:]
	}
	if len(args) == 0 {
		return "", nil, false
	}
	return args[0], append(lead, args[1:]...), true
}

func reportFlags(env Env, name string) *flag.FlagSet {
	fs := newFlagSet(name, env)
	fs.Usage = func() { fmt.Fprint(env.Stderr, reportUsage) }
	return fs
}

// checkReportFlags names the flag each kind needs (a usage error, exit 2).
func checkReportFlags(kind data.ReportKind, req reports.Request, out string) error {
	if out == "" || !strings.EqualFold(filepath.Ext(out), ".pdf") {
		return errors.New("--out FIL.pdf skal angives")
	}
	switch kind {
	case data.KindAgreement:
		if req.AgreementID == 0 && req.CourseID == 0 {
			return errors.New("mentoraftalen kræver --agreement ID (eller --course ID)")
		}
	case data.KindStart, data.KindFinal:
		if req.CourseID == 0 && req.ReportID == 0 {
			return fmt.Errorf("%s kræver --course ID", strings.ToLower(kind.Label()))
		}
	case data.KindStatus:
		if req.ReportID == 0 && (req.CourseID == 0 || req.From.IsZero() || req.To.IsZero()) {
			return errors.New("statusrapporten kræver --report ID eller --course ID --from ÅÅÅÅ-MM-DD --to ÅÅÅÅ-MM-DD")
		}
	case data.KindHours:
		if req.MunicipalityID == 0 || req.From.IsZero() {
			return errors.New("timeopgørelsen kræver --kommune ID og --month ÅÅÅÅ-MM")
		}
	case data.KindCitizenData:
		if req.CitizenID == 0 {
			return errors.New("borgerens data kræver --citizen ID")
		}
	}
	return nil
}

// reportError explains a failure in Danish; a missing report element is
// already a Danish sentence.
func reportError(err error) string {
	switch {
	case reports.IsMissing(err):
		return err.Error()
	case errors.Is(err, data.ErrForbidden):
		return "du har ikke adgang til denne rapport"
	}
	return err.Error()
}

// openForReports opens the database and logs in. A database without
// users yet (no encryption) needs no login.
func openForReports(ctx context.Context, env Env, dbPath string) (*sqlstore.Store, bool) {
	st, _, ok := openExisting(env, dbPath)
	if !ok {
		return nil, false
	}
	need, err := st.SetupNeeded(ctx)
	if err == nil && !need {
		_, err = authenticate(ctx, env, st)
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, "Fejl:", err)
		st.Close()
		return nil, false
	}
	return st, true
}

func parseDay(s string) (data.Date, error) {
	if s == "" {
		return data.Date{}, nil
	}
	d, err := data.ParseISODate(s)
	if err != nil {
		return d, fmt.Errorf("datoen %q skal skrives ÅÅÅÅ-MM-DD", s)
	}
	return d, nil
}

func parseMonth(s string) (data.Date, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return data.Date{}, fmt.Errorf("måneden %q skal skrives ÅÅÅÅ-MM", s)
	}
	return data.DateOf(t), nil
}

func (e Env) today() data.Date {
	if e.Today != nil {
		return e.Today()
	}
	return data.DateOf(time.Now().In(data.Zone()))
}

// runReportBatch is the month-end run: one progress line per document; a
// failing one is listed with its reason and the rest go on. It exits 1
// when any document failed, so a script notices.
func runReportBatch(ctx context.Context, env Env, args []string) int {
	flags := reportFlags(env, "report batch")
	dbPath := flags.String("db", "", "databasefil")
	month := flags.String("month", "", "måned (ÅÅÅÅ-MM)")
	dir := flags.String("dir", "", "mappen PDF-filerne skrives i")
	kommune := flags.Int64("kommune", 0, "kun denne kommune")
	if err := parseCommand(flags, args); err != nil {
		return ExitUsage
	}
	first, err := parseMonth(*month)
	if err != nil || *dir == "" {
		if err == nil {
			err = errors.New("batch kræver --dir MAPPE")
		}
		fmt.Fprintf(env.Stderr, "%v\n\n%s", err, reportUsage)
		return ExitUsage
	}
	if err := os.MkdirAll(*dir, 0o700); err != nil {
		fmt.Fprintln(env.Stderr, "Fejl: opret mappen:", err)
		return ExitError
	}
	st, ok := openForReports(ctx, env, *dbPath)
	if !ok {
		return ExitError
	}
	defer st.Close()
	jobs, err := reports.PlanMonthEnd(ctx, st, first, *kommune, env.today())
	if err != nil {
		fmt.Fprintln(env.Stderr, "Fejl:", reportError(err))
		return ExitError
	}
	failed := 0
	reports.RunMonthEnd(ctx, st, jobs, *dir, func(done, total int, r reports.MonthEndResult) {
		if r.Err != nil {
			failed++
			fmt.Fprintf(env.Stdout, "[%d/%d] %s: FEJL: %s\n", done, total, r.Job.Label, reportError(r.Err))
			return
		}
		fmt.Fprintf(env.Stdout, "[%d/%d] %s: %s\n", done, total, r.Job.Label, filepath.Base(r.Path))
	})
	fmt.Fprintf(env.Stdout, "%d dokumenter dannet, %d fejlede.\n", len(jobs)-failed, failed)
	if failed > 0 {
		return ExitError
	}
	return ExitOK
}
