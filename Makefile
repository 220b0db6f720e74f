# Factdesk build file. `make run` installs what is missing, builds and opens the app;
# `make test` runs go vet and every test. Nothing else is needed on Debian/Ubuntu.

SHELL      := /bin/bash
GO         ?= go
BIN        := bin/factdesk
TAGS       := sqlite_fts5,sqlite_omit_load_extension,migrated_fynedo
# SQLite hardening at compile time (the driver cannot set defensive mode at run time).
export CGO_ENABLED := 1
export CGO_CFLAGS  := -O2 -DSQLITE_DEFAULT_DEFENSIVE=1 -DSQLITE_TRUSTED_SCHEMA=0
export GOFLAGS     := -buildvcs=false -tags=$(TAGS)
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.6.1 # release 2025.1.1

# The version: FyneApp.toml's Version is its one source; the commit and build date come from
# git and the clock. They reach the program through -ldflags -X (factdesk --version, Help > About).
VERSION    := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
COMMIT     := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
BUILD_DATE := $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
LDFLAGS    := -X main.version=$(VERSION) -X main.commit=$(COMMIT) -X main.buildDate=$(BUILD_DATE)

# Debian packages: Fyne's C dependencies, poppler-utils (pdftotext, pdfinfo, pdftoppm: PDF import)
# Tesseract with its English and French packs (OCR of scanned PDFs), and the FreeDict
# English–French dictionaries the counterpart finder reads (annotate/counterpart).
DEPS := gcc pkg-config libgl1-mesa-dev xorg-dev libxkbcommon-dev libwayland-dev poppler-utils tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra dict-freedict-eng-fra dict-freedict-fra-eng
# For the screenshot and report-check scripts only.
GUI_DEPS := xvfb xdotool imagemagick chromium fonts-dejavu-core
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps gui-deps build run test acceptance race bench lint fmt fuzz check-report screenshot clean \
	dist-deps slim slim-check release windows linux-package deb dist dist-check

all: build

## deps: install the Debian packages that are missing (a no-op when all are there)
deps:
	@missing=""; for p in $(DEPS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; fi

gui-deps:
	@missing=""; for p in $(GUI_DEPS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; fi

## build: the factdesk binary in bin/
build: deps
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/factdesk

## run: build and open the app
run: build
	./$(BIN)

## test: go vet, then every test (the fuzz tests run their committed seed corpus)
test: deps
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 30m ./...

## acceptance: the tests on the real seed articles (SEEDS=DIR, default ../shared/seeds);
## their files carry the `acceptance` build tag and their names start with TestAcceptance
SEEDS ?= ../shared/seeds
acceptance: deps
	FACTDESK_SEEDS="$(abspath $(SEEDS))" $(GO) test -count=1 -timeout 30m -tags=$(TAGS),acceptance -run '^TestAcceptance' ./...

## race: the non-GUI packages under the race detector
race: deps
	$(GO) test -race -count=1 ./annotate/... ./corpus/... ./storage/...

## bench: every benchmark (figures go in docs/PERFORMANCE.md)
bench: deps
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m ./...

## bench-check: the text-view, import and search benchmarks; fails when a ratio to its same-run
## baseline falls more than 25% under the figure in docs/PERFORMANCE.md (a few minutes)
.PHONY: bench-check
bench-check: deps
	scripts/bench-check.sh

## lint: gofmt, go vet and staticcheck
lint: deps
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "run: gofmt -w ."; exit 1; }
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

## fuzz: run the import fuzzers for a minute each
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzImport -fuzztime 60s ./corpus/
	$(GO) test -run '^$$' -fuzz FuzzDocuments -fuzztime 60s ./corpus/

## check-report: render the HTML report in headless Chromium and the PDF with pdftoppm, to PNGs in out/
check-report: build gui-deps
	scripts/check-report.sh

## screenshot: the README screenshot, from the real app under Xvfb
screenshot: build gui-deps
	scripts/gui/side-by-side.sh

clean:
	rm -rf bin out build dist

# ---- Release packages (make dist, make dist-check) -------------------------------------------
# Linux .tar.xz (the Fyne packaging tool) and .deb, Windows zip (MinGW-w64), SHA256SUMS, in dist/.
# The release binaries embed only the lingua models of corpus.Languages (see scripts/dist).

DIST_DEPS := gcc-mingw-w64-x86-64 wine64 wine dpkg-dev desktop-file-utils xz-utils zip unzip jq
FYNE_TOOL := fyne.io/tools/cmd/fyne@v1.7.4
SLIM      := build/slim
LANGS      = $(shell sed -n 's/^var Languages = \[\]string{\(.*\)}/\1/p' corpus/lang.go | tr -d '",')
SLIMFLAGS := -modfile=$(SLIM)/go.mod
REL_LD    := -s -w $(LDFLAGS)
REL_BIN   := build/linux/factdesk
WIN_EXE   := build/windows/factdesk.exe
PKG       := factdesk_$(VERSION)
export VERSION

dist-deps:
	@missing=""; for p in $(DIST_DEPS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; fi

## slim: the copy of lingua-go with only our languages' models, and its go.mod, in build/slim
slim: $(SLIM)/go.mod
$(SLIM)/go.mod: go.mod go.sum corpus/lang.go scripts/dist/slim-lingua.sh
	GO=$(GO) scripts/dist/slim-lingua.sh $(SLIM) $(LANGS)

## slim-check: corpus's tests (language detection of every language in corpus.Languages, the
## test articles) pass on the trimmed build as they do on the full one in `make test`
slim-check: slim
	$(GO) test -count=1 $(SLIMFLAGS) ./corpus/...

## release: the stripped Linux binary built with the trimmed lingua (at most 50 MB)
release: deps slim
	$(GO) build $(SLIMFLAGS) -ldflags "$(REL_LD)" -o $(REL_BIN) ./cmd/factdesk
	@size=$$(stat -c %s $(REL_BIN)); echo "$(REL_BIN): $$((size / 1048576)) MB"; \
	  [ $$size -le 52428800 ] || { echo "the release binary is over 50 MB"; exit 1; }

## windows: factdesk.exe cross-compiled with MinGW-w64 (a cold build takes many minutes)
windows: dist-deps slim
	GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc $(GO) build $(SLIMFLAGS) \
	  -ldflags "$(REL_LD) -H windowsgui" -o $(WIN_EXE) ./cmd/factdesk

## dist: every release artifact and SHA256SUMS in dist/
dist: slim-check release windows dist-deps
	rm -rf dist && mkdir -p dist
	scripts/dist/linux-tar.sh $(REL_BIN) dist "$(FYNE_TOOL)"
	scripts/dist/deb.sh $(REL_BIN) dist
	scripts/dist/windows-zip.sh $(WIN_EXE) dist
	cd dist && sha256sum *.tar.xz *.deb *.zip > SHA256SUMS && cat SHA256SUMS

## dist-check: install the .deb in a scratch root and run it, run the Windows exe under Wine,
## validate the .tar.xz's desktop entry (needs make dist first)
dist-check: dist-deps
	scripts/dist/dist-check.sh dist
