#!/bin/sh
# make bench: every benchmark at the three sizes, the RSS probe per size and
# the LibreOffice baseline, then one table (build/bench/main.go). The
# benchmark databases are generated on first use and cached (see
# data/demo/benchdb); MENTORBOG_BENCH_SIZES=lille,mellem skips stor.
set -eu
GO=${GO:-go}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
sizes=${MENTORBOG_BENCH_SIZES:-lille,mellem,stor}
export MENTORBOG_BENCH_SIZES="$sizes"
# Make (or find) the cached databases first, so no benchmark times that.
$GO test -count=1 -run '^$' -bench 'BenchmarkLogin' -benchtime 1x ./data/sqlstore/ >/dev/null
$GO test -count=3 -run '^$' -bench '.' -benchtime 5x ./app/ui/ | tee -a "$out"
$GO test -count=3 -run '^$' -bench '.' -benchtime 10x ./data/sqlstore/ | tee -a "$out"
$GO test -count=3 -run '^$' -bench 'StatusReport' -benchtime 20x ./app/reports/ | tee -a "$out"
$GO test -count=3 -run '^$' -bench 'MonthEnd' -benchtime 1x ./app/reports/ | tee -a "$out"
for s in $(echo "$sizes" | tr ',' ' '); do
	MENTORBOG_RSS_SIZE=$s $GO test -count=1 -run '^TestRSSProbe$' -v ./app/ui/ | grep '^RSS' | tee -a "$out"
done
MENTORBOG_BASELINE=1 $GO test -count=1 -run '^TestLibreOfficeBaseline$' -v ./app/reports/ | grep '^BASELINE' | tee -a "$out" || true
echo
$GO run ./build/bench < "$out"
