#!/bin/sh
# make bench: every benchmark at the three sizes, the RSS probe per size, the
# real app's start and memory under Xvfb (startprobe) and the LibreOffice
# baseline, then one table (build/bench/main.go). The
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
$GO test -count=3 -run '^$' -bench '.' -skip 'CitizenSearch' -benchtime 20x ./app/ui/ | tee -a "$out"
# Search is timed over its whole typing sequence (18 keystrokes, typed and
# deleted) twice: 5 iterations would time only "m" … "maria", the heaviest
# prefixes, and a collection in one of them.
$GO test -count=3 -run '^$' -bench 'CitizenSearch' -benchtime 36x ./app/ui/ | tee -a "$out"
$GO test -count=3 -run '^$' -bench '.' -benchtime 10x ./data/sqlstore/ | tee -a "$out"
$GO test -count=3 -run '^$' -bench 'StatusReport' -benchtime 100x ./app/reports/ | tee -a "$out"
$GO test -count=3 -run '^$' -bench 'MonthEnd' -benchtime 1x ./app/reports/ | tee -a "$out"
for s in $(echo "$sizes" | tr ',' ' '); do
	MENTORBOG_RSS_SIZE=$s $GO test -count=1 -run '^TestRSSProbe$' -v ./app/ui/ | grep '^RSS' | tee -a "$out"
done
# The whole GUI process (build/bench/startprobe): the real binary under
# Xvfb, logged in by typing with xdotool; start to Oversigt and peak RSS,
# 3 runs per size. Without Xvfb or xdotool the rows are left out.
if command -v Xvfb >/dev/null 2>&1 && command -v xdotool >/dev/null 2>&1; then
	$GO run ./build/bench/startprobe -runs 3 ${MENTORBOG_BENCH_SHOTS:+-shots "$MENTORBOG_BENCH_SHOTS"} | tee -a "$out"
else
	echo "Xvfb or xdotool missing: the whole-process start and GUI RSS rows are skipped (./.ci/install-deps xvfb xdotool x11-utils)" >&2
fi
MENTORBOG_BASELINE=1 $GO test -count=1 -run '^TestLibreOfficeBaseline$' -v ./app/reports/ | grep '^BASELINE' | tee -a "$out" || true
# The same benchmarks at mellem on PostgreSQL over loopback (a throwaway
# cluster with fsync on), named "...@pg" in the table.
if [ "${MENTORBOG_BENCH_NO_PG:-}" = "" ]; then
	PG_TEST_FSYNC=on ./.ci/with-pg sh -c '
		export MENTORBOG_BENCH_PG="$MENTORBOG_TEST_PG" MENTORBOG_BENCH_SIZES=mellem
		$0 test -count=1 -run "^\$" -bench "BenchmarkLogin" -benchtime 1x ./data/sqlstore/ >/dev/null
		{ $0 test -count=3 -run "^\$" -bench "." -skip "CitizenSearch" -benchtime 20x ./app/ui/
		  $0 test -count=3 -run "^\$" -bench "CitizenSearch" -benchtime 36x ./app/ui/
		  $0 test -count=3 -run "^\$" -bench "." -benchtime 10x ./data/sqlstore/
		  $0 test -count=3 -run "^\$" -bench "StatusReport" -benchtime 100x ./app/reports/
		  $0 test -count=3 -run "^\$" -bench "MonthEnd" -benchtime 1x ./app/reports/; } |
			perl -pe "s/^(Benchmark\S+?)(-\d+)?(\s)/\$1\@pg\$2\$3/"' "$GO" | tee -a "$out"
fi
echo
$GO run ./build/bench < "$out"
