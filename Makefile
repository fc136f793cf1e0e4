# netverify: build, test, benchmark, lint, demo.
GO      ?= go
BIN     ?= bin/netverify
PKGS    ?= ./...
BENCHTIME ?= 1x
FUZZTIME  ?= 60s

.PHONY: all build test bench lint demo labcheck race fuzz clean wasm report

all: lint test build

## build: bin/netverify, its version from git describe (netverify version, --version)
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/netverify

## test: every unit, corpus and CLI (testscript) test; cmd/netverify, with the report's browser tests,
## can pass go test's default 10 minutes on a busy 2-core machine
test:
	$(GO) test -timeout 30m $(PKGS)

## bench: the performance budget of ARCHITECTURE.md and issue 25 (synthetic estates up to 10,000
## VPCs), then every figure beside its budget (internal/benchreport). The estates are generated once
## and kept in BENCH_ESTATES (the user cache directory; delete it after changing synth); the 10,000-VPC
## one is 1.7 GB and takes minutes to write. `make bench BENCH=Synth1000` runs a subset.
BENCH_ESTATES ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/netverify/bench-estates
BENCH ?= .
bench:
	@mkdir -p $(BENCH_ESTATES)
	@{ NETVERIFY_BENCH_ESTATES=$(BENCH_ESTATES) $(GO) test -run '^$$' -bench '$(BENCH)' -benchmem \
		-benchtime=$(BENCHTIME) -timeout 90m $(PKGS); echo $$? > $(BENCH_ESTATES)/bench.rc; } | tee $(BENCH_ESTATES)/bench.out
	@echo; $(GO) run ./internal/benchreport < $(BENCH_ESTATES)/bench.out
	@exit $$(cat $(BENCH_ESTATES)/bench.rc)

## lint: gofmt and go vet
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

## demo: the built-in example, end to end
demo: build
	$(BIN) examples
	$(BIN) inspect

## race: the race detector over the solver (dns serve included), the importers (parallel decoding,
## live import) and the model; 3m10s cold on the 2-core machine, run by .ci/run
race:
	$(GO) test -race ./solver/... ./importers/... ./model/...

## fuzz: every fuzz target for $(FUZZTIME) each, one after the other (Go fuzzes one target per run);
## a crash leaves its input in the package's testdata/fuzz/ and stops here. Minimising a new input
## takes up to 60 s by default, which with templates as seeds eats the whole run: 5 s is enough.
## FUZZFLAGS adds flags, e.g. FUZZFLAGS=-parallel=1 to leave a core free; `make -k fuzz` goes on after a crash.
FUZZ = $(GO) test -vet=off -run '^$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s $(FUZZFLAGS)
fuzz:
	$(FUZZ) -fuzz '^FuzzLoad$$' ./scenarios
	$(FUZZ) -fuzz '^FuzzLoadFile$$' ./importers/awsjson
	$(FUZZ) -fuzz '^FuzzDecoderMatchesEncodingJSON$$' ./importers/awsjson
	$(FUZZ) -fuzz '^FuzzLoadYAML$$' ./importers/cfn
	$(FUZZ) -fuzz '^FuzzLoadJSON$$' ./importers/cfn
	$(FUZZ) -fuzz '^FuzzLoad$$' ./importers/terraform
	$(FUZZ) -fuzz '^FuzzAll$$' ./importers/load
	$(FUZZ) -fuzz '^FuzzZoneFile$$' ./solver/dns
	$(FUZZ) -fuzz '^FuzzParseEvaluate$$' ./solver/policy
	$(FUZZ) -fuzz '^FuzzFlowsCSV$$' ./cmd/netverify
	$(FUZZ) -fuzz '^FuzzEndpointName$$' ./cmd/netverify
	$(FUZZ) -fuzz '^FuzzEntry$$' ./internal/snapcache
	$(FUZZ) -fuzz '^FuzzSuricata$$' ./model
	$(FUZZ) -fuzz '^FuzzWAFStatement$$' ./model

clean:
	rm -rf bin

## wasm: the report's question box, bin/netverify-box.wasm (GOOS=js GOARCH=wasm; Go's build cache keeps it
## cheap); `netverify report` builds and caches its own, NETVERIFY_REPORT_WASM=bin/netverify-box.wasm uses this one
wasm:
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" -o bin/netverify-box.wasm ./cmd/netverify/internal/wasmask

## report: the design-review report of the built-in example, bin/review.html
report: build
	$(BIN) report --out bin/review.html

## labcheck: agreement of can-reach with the real-AWS probes of ../shared/corpus/batfish/lab-validation
labcheck:
	$(GO) test -count=1 -v -run Lab ./cmd/netverify/internal/labcheck
