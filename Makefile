# Mentorbog. The two commands a newcomer needs: `make run` and `make test`.
GO      ?= go
BIN     ?= bin/mentorbog
DB      ?=
SHOTS   ?= shots

# Fyne's bundled colour-emoji font (4 MB) is left out of every build: Fyne
# parsed it for each text style, ~15 MB of the GUI's heap (BENCHMARKS.md).
# An emoji in a note is drawn with the system's emoji font (Segoe UI Emoji on
# Windows) through Fyne's system-font fallback, as a PDF report leaves it out.
# The release scripts (build/windows, build/linux) name the tag with "release".
export GOFLAGS := $(strip $(GOFLAGS) -tags=no_emoji)

.PHONY: run build test deps vet fmt-check demo screenshot clean bench

## run: build and start Mentorbog (the database lives in the user's data folder; DB=path overrides)
run: deps
	$(GO) run . $(if $(DB),--db $(DB),)

## build: build the binary into bin/
build: deps
	$(GO) build -trimpath -o $(BIN) .

## test: gofmt, go vet and every test on SQLite; then the store's suite and the
## commands again on a throwaway PostgreSQL cluster (MENTORBOG_TEST_PG=postgres://... uses yours)
PG_TEST_PACKAGES ?= ./data/... ./app/cli/...
test: deps fmt-check vet
	env -u MENTORBOG_TEST_PG $(GO) test -count=1 -timeout 30m ./...
	cd app/reports/third_party/fpdf && $(GO) test -count=1 -race .  # the patched fpdf: a module of its own, not in ./...
	./.ci/with-pg $(GO) test -count=1 -timeout 30m $(PG_TEST_PACKAGES)

deps:
	@./.ci/install-deps

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

## demo: create demo.db with the fictional demo organisation
demo: build
	rm -f demo.db demo.db-wal demo.db-shm
	./$(BIN) demo --db demo.db

## screenshot: start the real app under Xvfb on the demo data and capture it
screenshot: build
	@./.ci/install-deps xvfb imagemagick xdotool
	./.ci/screenshot $(BIN) $(SHOTS)

## bench: benchmarks at three sizes (lille, mellem, stor) against the budgets, with the
## LibreOffice baseline; one table at the end (not part of make test; stor is generated once and cached)
bench: deps
	@./.ci/install-deps libreoffice-writer-nogui || echo "LibreOffice missing: the baseline is skipped"
	@./.ci/install-deps xvfb xdotool x11-utils imagemagick || echo "Xvfb/xdotool missing: the whole-process start is skipped"
	GO=$(GO) ./build/bench/run.sh

.PHONY: bench windows windows-test linux-package

## windows: cross-build dist/windows/Mentorbog.exe, mentorbog-cli.exe and Mentorbog.msi
## (SIGN_PFX=file.pfx SIGN_PASS=... signs all three with osslsigncode)
WINDOWS_DIST ?= dist/windows
export SIGN_PFX SIGN_PASS SIGN_TIMESTAMP
windows: deps
	@./.ci/install-deps gcc-mingw-w64-x86-64 wixl osslsigncode
	OUT=$(WINDOWS_DIST) ./build/windows/build.sh

## windows-test: the MSI tables, the exe resources, signing, and the Windows build under
## Wine (silent install, upgrade, commands, window under Xvfb, uninstall); screenshots in $(SHOTS)/windows
windows-test: windows
	@./.ci/install-deps msitools osslsigncode openssl wine wine64 xvfb x11-utils imagemagick xdotool
	SKIP_EXE=1 OUT=$(WINDOWS_DIST) MSI_VERSION=0.0.1 MSI_NAME=Mentorbog-old.msi SIGN_PFX= ./build/windows/build.sh
	./build/windows/package-test.sh $(WINDOWS_DIST)
	./build/windows/wine-test.sh $(WINDOWS_DIST) $(SHOTS)/windows

## linux-package: dist/linux/Mentorbog-VERSION-linux-amd64.tar.xz with a desktop entry and the icon
linux-package: deps
	./build/linux/package.sh

clean:
	rm -rf bin dist $(SHOTS)
