# agentreport — the two commands of the README, and their helpers.
#   make report   install what is missing, build, run `agentreport build` on the example workspace
#   make test     install what is missing, run the whole test suite
SHELL := /bin/bash
SWIFT ?= swift
# The example workspace's data is from 2026-03-02; report it as of the next morning so the
# example report is the same on every machine and every day.
EXAMPLE_NOW ?= 2026-03-03T07:00:00Z

# `make demo-report`: a synthetic team with months of git and board history (see docs/demo.md).
DEMO_DIR ?= demo-workspace
DEMO_END ?= 2026-06-01T00:00:00Z

.PHONY: report demo-report test lint deps build release clean

deps:
	@./scripts/install-deps

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

report: build
	$$($(SWIFT) build --show-bin-path)/agentreport build --now $(EXAMPLE_NOW)
	@echo "Report written: $(CURDIR)/output/index.md and file://$(CURDIR)/output/index.html"

demo-report: build
	rm -rf $(DEMO_DIR)
	bin=$$($(SWIFT) build --show-bin-path); \
	  $$bin/agentreport demo $(DEMO_DIR) --agents 3 --days 30 --end $(DEMO_END) -q && \
	  cd $(DEMO_DIR) && $$bin/agentreport build --now $(DEMO_END)
	@echo "Demo report written: $(CURDIR)/$(DEMO_DIR)/output/index.md and file://$(CURDIR)/$(DEMO_DIR)/output/index.html"

test: deps
	$(SWIFT) build -Xswiftc -warnings-as-errors
	$(SWIFT) test

# Style warnings against the checked-in .swift-format (not yet clean; not part of `make test`).
lint:
	$(SWIFT) format lint --recursive Sources Tests Package.swift

clean:
	rm -rf .build output agentreport.sqlite agentreport.sqlite.lock $(DEMO_DIR)
