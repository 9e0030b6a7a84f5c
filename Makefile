# Switchboard task runner. `make run` and `make test` set up everything they
# need on a fresh Debian/Ubuntu machine (apt packages, npm ci, Go modules).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

APP      := switchboard
# One version number, from git tags (build/version.sh): the binary, the Windows
# resources and installer, Info.plist, the .desktop entry and the packages.
# (computed once: `make VERSION=… VERSION_NUM=…` overrides both)
ifeq ($(origin VERSION),undefined)
VERSION := $(shell build/version.sh)
endif
ifeq ($(origin VERSION_NUM),undefined)
VERSION_NUM := $(shell build/version.sh --numeric)
endif
LDFLAGS  := -w -s -X switchboard/backend/about.Version=$(VERSION)
TAGS     := desktop,production,webkit2_41
BIN      := build/bin
SQLC     := go tool -modfile=$(CURDIR)/tools/sqlc/go.mod sqlc
NFPM     := go tool -modfile=$(CURDIR)/tools/nfpm/go.mod nfpm
WINRES   := go tool -modfile=$(CURDIR)/tools/winres/go.mod go-winres
ACTIONLINT := go tool -modfile=$(CURDIR)/tools/actionlint/go.mod actionlint
DIST     := build/dist
WAILS    := $(BIN)/wails
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PKGS := libgtk-3-dev libwebkit2gtk-4.1-dev pkg-config build-essential xvfb xauth \
            chromium imagemagick dbus gnome-keyring libsecret-tools \
            nsis rpm desktop-file-utils
GO_SRC   := $(shell find . -name '*.go' -not -path './frontend/*' -not -path './tools/*') go.mod go.sum firstscreen/screen.html
FE_SRC   := $(shell find frontend/src frontend/public frontend/wailsjs -type f 2>/dev/null) \
            frontend/index.html frontend/package.json frontend/vite.config.ts

.PHONY: dist test-dist test-package test-upgrade FORCE
.PHONY: run test build bench fuzz torture test-torture gen lint deps apt npm gomod check-gen test-go test-frontend test-e2e test-smoke clean

## run: set up, build and start the app on its embedded database
run: deps $(BIN)/$(APP)
	./$(BIN)/$(APP) $(ARGS)

## test: set up, then run every test (Go, frontend unit, browser end-to-end, real window)
test: deps check-gen lint test-go test-frontend test-e2e test-torture test-smoke test-dist test-package test-upgrade
	@echo "make test: all suites passed"

# ---- set-up -----------------------------------------------------------------
deps: apt npm gomod

apt:
	@missing=$$(for p in $(APT_PKGS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:" $$missing; \
	  $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

npm: frontend/node_modules/.stamp tests/e2e/node_modules/.stamp
frontend/node_modules/.stamp: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@
tests/e2e/node_modules/.stamp: tests/e2e/package-lock.json
	cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error
	touch $@

gomod:
	go mod download

# ---- build ------------------------------------------------------------------
frontend/dist/index.html: frontend/node_modules/.stamp $(FE_SRC)
	cd frontend && npm run build

# The version stamp changes when VERSION does, so release binaries are rebuilt with it.
VERSION_STAMP := $(BIN)/.version
$(shell mkdir -p $(BIN); [ "$$(cat $(VERSION_STAMP) 2>/dev/null)" = "$(VERSION)" ] || echo "$(VERSION)" > $(VERSION_STAMP))

$(BIN)/$(APP): frontend/dist/index.html $(GO_SRC) $(VERSION_STAMP)
	go build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o $@ .

$(BIN)/$(APP)-dev: frontend/dist/index.html $(GO_SRC)
	go build -tags dev,webkit2_41 -o $@ .

$(BIN)/$(APP).exe: frontend/dist/index.html $(GO_SRC) $(VERSION_STAMP) rsrc_windows_amd64.syso
	CGO_ENABLED=0 GOOS=windows GOARCH=amd64 go build -tags desktop,production \
	  -ldflags "$(LDFLAGS) -H windowsgui" -o $@ .

## build: Linux binary and cross-compiled Windows .exe in build/bin
build: deps $(BIN)/$(APP) $(BIN)/$(APP).exe
	@ls -l $(BIN)/$(APP) $(BIN)/$(APP).exe

# ---- release packages (make dist) -------------------------------------------------
# Files under build/ with @VERSION@ / @VERSION_NUMERIC@ are rendered into build/bin.
render = sed -e 's/@VERSION@/$(VERSION)/g' -e 's/@VERSION_NUMERIC@/$(VERSION_NUM)/g' $< > $@
$(BIN)/windows/%: build/windows/% $(VERSION_STAMP)
	@mkdir -p $(@D)
	$(render)
$(BIN)/linux/%: build/linux/% $(VERSION_STAMP)
	@mkdir -p $(@D)
	$(render)
$(BIN)/darwin/%: build/darwin/% $(VERSION_STAMP)
	@mkdir -p $(@D)
	$(render)

# The Windows resources (icon, manifest with DPI awareness, version info) as a
# .syso that go build links into the .exe (go-winres; see README).
rsrc_windows_amd64.syso: $(BIN)/windows/winres.json $(BIN)/windows/wails.exe.manifest build/windows/icon.ico
	cp build/windows/icon.ico $(BIN)/windows/icon.ico
	$(WINRES) make --in $(BIN)/windows/winres.json --arch amd64 --out rsrc

WIN_INSTALLER := $(DIST)/$(APP)-$(VERSION)-windows-amd64-installer.exe
DEB           := $(DIST)/$(APP)_$(VERSION)_amd64.deb
RPM           := $(DIST)/$(APP)-$(VERSION)-1.x86_64.rpm
TARBALL       := $(DIST)/$(APP)-$(VERSION)-linux-amd64.tar.gz
# The WebView2 bootstrapper that Wails' installer runs ships inside the Wails module.
WEBVIEW2_SETUP = $(shell go list -m -f '{{.Dir}}' github.com/wailsapp/wails/v2)/internal/webview2runtime/MicrosoftEdgeWebview2Setup.exe

$(WIN_INSTALLER): $(BIN)/$(APP).exe build/windows/installer/project.nsi build/windows/installer/wails_tools.nsh build/windows/icon.ico
	@mkdir -p $(@D)
	makensis -V2 -DARG_WAILS_AMD64_BINARY=$(CURDIR)/$(BIN)/$(APP).exe -DINFO_PRODUCTVERSION=$(VERSION_NUM) \
	  -DWEBVIEW2_BOOTSTRAPPER=$(WEBVIEW2_SETUP) -DARG_OUTFILE=$(CURDIR)/$@ build/windows/installer/project.nsi

LINUX_FILES := $(BIN)/$(APP) $(BIN)/linux/switchboard.desktop build/linux/nfpm.yaml build/linux/postinstall.sh LICENSE
$(DEB): $(LINUX_FILES)
	@mkdir -p $(@D)
	desktop-file-validate $(BIN)/linux/switchboard.desktop
	VERSION=$(VERSION) ARCH=amd64 $(NFPM) package --config build/linux/nfpm.yaml --packager deb --target $@
$(RPM): $(LINUX_FILES)
	@mkdir -p $(@D)
	VERSION=$(VERSION) ARCH=amd64 $(NFPM) package --config build/linux/nfpm.yaml --packager rpm --target $@
$(TARBALL): $(LINUX_FILES)
	@mkdir -p $(@D)
	d=$$(mktemp -d) && t=$$d/$(APP)-$(VERSION) && mkdir -p $$t/share/applications && \
	  install -m 0755 $(BIN)/$(APP) $$t/$(APP) && install -m 0644 LICENSE $$t/LICENSE && \
	  install -m 0644 $(BIN)/linux/switchboard.desktop $$t/share/applications/switchboard.desktop && \
	  cp -r build/linux/icons $$t/share/icons && \
	  tar -C $$d --owner=0 --group=0 --sort=name -czf $@ $(APP)-$(VERSION) && rm -rf $$d

## dist: the Windows installer, the .deb, the .rpm and the .tar.gz in build/dist
dist: deps
	rm -rf $(DIST)
	$(MAKE) --no-print-directory VERSION=$(VERSION) VERSION_NUM=$(VERSION_NUM) $(WIN_INSTALLER) $(DEB) $(RPM) $(TARBALL) $(BIN)/darwin/Info.plist
	@ls -l $(DIST)

# The packages' contents: the .exe's resources read with debug/pe, the
# installer's, the .deb's and .rpm's metadata and files, the tarball, Info.plist.
test-dist: dist
	VERSION=$(VERSION) VERSION_NUM=$(VERSION_NUM) go test -count=1 -tags dist ./tests/dist

# The .deb installed with apt, the installed binary's smoke test, then removed.
test-package: test-dist
	$(SUDO) tests/keychain-session.sh tests/package.sh $(DEB)

# An older package (UPGRADE_FROM: a commit with fewer migrations) with demo
# data, upgraded to this one: every row and keychain item is still there.
# e23f253^ has migrations up to 13; once a release is tagged, the first one is used.
UPGRADE_FROM ?= $(or $(shell git tag -l 'v[0-9]*.[0-9]*.[0-9]*' --merged HEAD^ --sort=v:refname 2>/dev/null | head -n1),e23f253^)
test-upgrade: test-dist
	$(SUDO) tests/keychain-session.sh tests/upgrade.sh $(UPGRADE_FROM) $(DEB)

$(WAILS): tools/wails/go.mod tools/wails/go.sum
	cd tools/wails && go build -o ../../$@ github.com/wailsapp/wails/v2/cmd/wails

# ---- generated code -----------------------------------------------------------
## gen: regenerate sqlc queries (db/gen) and Wails bindings (frontend/wailsjs)
gen: $(WAILS) frontend/dist/index.html
	rm -rf db/gen && cd db && $(SQLC) generate
	# The generator runs the app to read its bindings: give it a throw-away data directory.
	d=$$(mktemp -d); SWITCHBOARD_DATA_DIR=$$d $(WAILS) generate module -tags webkit2_41 >/dev/null; rc=$$?; rm -rf $$d; exit $$rc
	# The generator writes enums in Go map order: put them in name order so the output is stable.
	go run ./tools/sortenums frontend/wailsjs/go/models.ts

# check-gen fails when the committed generated code differs from a fresh run.
check-gen: gen
	@if ! git diff --quiet -- db/gen frontend/wailsjs || [ -n "$$(git status --porcelain -- db/gen frontend/wailsjs)" ]; then \
	  git status --short -- db/gen frontend/wailsjs; \
	  echo "generated code is stale: run 'make gen' and commit db/gen and frontend/wailsjs"; exit 1; \
	fi
	@echo "check-gen: db/gen and frontend/wailsjs are up to date"

## lint: gofmt, go vet, actionlint (CI workflows), svelte-check
lint: frontend/node_modules/.stamp
	$(ACTIONLINT) .github/workflows/*.yml
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	go vet ./...
	cd frontend && npm run --silent check

# ---- tests ------------------------------------------------------------------
# Go tests run inside a private D-Bus session with an unlocked Secret Service,
# so keychain tests use the real thing.
test-go:
	tests/keychain-session.sh go test -count=1 ./...

test-frontend: frontend/node_modules/.stamp
	cd frontend && npm test

test-e2e: $(BIN)/$(APP)-dev $(BIN)/$(APP) tests/e2e/node_modules/.stamp
	go build -o $(BIN)/fakeproviders ./tests/fakeproviders
	cd tests/e2e && ../keychain-session.sh xvfb-run -a -s "-screen 0 1280x900x24" node --test --test-concurrency=1 *.test.mjs

test-smoke: $(BIN)/$(APP)
	tests/keychain-session.sh tests/smoke.sh $(BIN)/$(APP)

## bench: build a 100,000-sub-account database and measure the list queries
bench: deps $(BIN)/$(APP)
	tests/bench.sh $(BIN)/$(APP)

# The torture harness (tests/torture): kill -9 trials, the provider fault
# matrix and the canary-secret sweep, inside a private Secret Service.
$(BIN)/torture: $(GO_SRC)
	go build -o $@ ./tests/torture

## torture: 100 kill -9 trials of each kind, every provider fault, the canary sweep
TORTURE_TRIALS ?= 100
torture: deps $(BIN)/torture
	tests/keychain-session.sh $(BIN)/torture -trials $(TORTURE_TRIALS)

# make test runs a short torture: a few kill trials of each kind.
test-torture: $(BIN)/torture
	tests/keychain-session.sh $(BIN)/torture -trials 3

## fuzz: run every Go fuzz target for FUZZTIME (default 60s) each
fuzz: deps
	tests/fuzz.sh

clean:
	rm -rf $(BIN) $(DIST) frontend/dist rsrc_windows_amd64.syso
