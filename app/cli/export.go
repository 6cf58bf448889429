package cli

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// exportKinds routes `mentorbog export KIND ...` to the command for that
// kind of file. Each export adds one entry here and lives in its own file
// (export_ics.go, ...).
func exportKinds() map[string]func(ctx context.Context, env Env, args []string) int {
	return map[string]func(ctx context.Context, env Env, args []string) int{
		"ics": runExportICS,
		"csv": exportCSV,
	}
}

// runExport dispatches to an export kind; an unknown or missing kind is a
// usage error.
func runExport(ctx context.Context, env Env, args []string) int {
	kinds := exportKinds()
	// `mentorbog --db x export ics` arrives as [--db x ics ...]: find the kind.
	for i, a := range args {
		if strings.HasPrefix(a, "-") {
			continue
		}
		if i > 0 && args[i-1] == "--db" {
			continue
		}
		run, ok := kinds[a]
		if !ok {
			break
		}
		rest := append(append([]string{}, args[:i]...), args[i+1:]...)
		return run(ctx, env, rest)
	}
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	fmt.Fprintf(env.Stderr, "export kræver en filtype: %s\n", strings.Join(names, ", "))
	return ExitUsage
}
