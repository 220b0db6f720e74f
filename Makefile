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
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@2025.1.1

# Debian packages: Fyne's C dependencies, poppler-utils (pdftotext, used by the PDF tests), and the
# FreeDict English–French dictionaries the counterpart finder reads (annotate/counterpart).
DEPS := gcc pkg-config libgl1-mesa-dev xorg-dev libxkbcommon-dev libwayland-dev poppler-utils dict-freedict-eng-fra dict-freedict-fra-eng
# For the screenshot and report-check scripts only.
GUI_DEPS := xvfb xdotool imagemagick chromium fonts-dejavu-core
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps gui-deps build run test acceptance race bench lint fmt fuzz check-report screenshot clean

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
	$(GO) build -o $(BIN) ./cmd/factdesk

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

## lint: gofmt, go vet and staticcheck
lint: deps
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "run: gofmt -w ."; exit 1; }
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

## fuzz: run the import fuzzer for a minute
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzImport -fuzztime 60s ./corpus/

## check-report: render the HTML report in headless Chromium and the PDF with pdftoppm, to PNGs in out/
check-report: build gui-deps
	scripts/check-report.sh

## screenshot: the README screenshot, from the real app under Xvfb
screenshot: build gui-deps
	scripts/gui/side-by-side.sh

clean:
	rm -rf bin out
