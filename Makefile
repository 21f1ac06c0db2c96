# libairops: build, test, demo.
#   make          the self-contained release library (build/lib) and the C examples
#   make test     every test suite: Swift, library/ABI checks, C, Python
#   make demo     the dev server plus the C and Python examples against it

SWIFT        ?= swift
CC           ?= cc
PYTHON       ?= python3
VERSION      := 0.1.0
SOMAJOR      := 0
RELEASE_DIR  := .build-release
BUILD        := build
LIB          := $(BUILD)/lib/libairops.so
DEV_SERVER   := .build/debug/airops-dev-server
CFLAGS       += -std=c11 -Wall -Wextra -Werror -pedantic -g -Iinclude
LDFLAGS      += -L$(BUILD)/lib -Wl,-rpath,$(abspath $(BUILD)/lib)
WITH_SERVER  := $(PYTHON) tests/with_dev_server.py --server $(DEV_SERVER) --
C_EXAMPLES   := $(patsubst examples/c/%.c,$(BUILD)/examples/%,$(wildcard examples/c/*.c))
C_TESTS      := $(patsubst tests/c/%.c,$(BUILD)/tests/%,$(wildcard tests/c/*.c))
SWIFT_SOURCES := Package.swift $(shell find Sources -type f) include/airops.h

export PYTHONPATH := $(CURDIR)/bindings/python
export AIROPS_LIBRARY := $(CURDIR)/$(LIB)

.PHONY: all lib dev-server examples test test-deps test-swift test-abi test-c test-python demo clean

all: lib examples

# The Swift runtime is linked statically so that the library loads where Swift is not installed.
$(LIB): $(SWIFT_SOURCES)
	$(SWIFT) build -c release --scratch-path $(RELEASE_DIR) -Xswiftc -static-stdlib --product airops
	mkdir -p $(BUILD)/lib
	cp $(RELEASE_DIR)/release/libairops.so $(BUILD)/lib/libairops.so.$(VERSION)
	ln -sf libairops.so.$(VERSION) $(BUILD)/lib/libairops.so.$(SOMAJOR)
	ln -sf libairops.so.$(VERSION) $(LIB)

lib: $(LIB)

dev-server:
	$(SWIFT) build --product airops-dev-server

examples: $(C_EXAMPLES)

$(BUILD)/examples/%: examples/c/%.c include/airops.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $< -o $@ $(LDFLAGS) -lairops

$(BUILD)/tests/%: tests/c/%.c tests/c/check.h include/airops.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $< -o $@ $(LDFLAGS) -lairops

test-deps:
	scripts/install-test-deps.sh

test: test-deps
	$(MAKE) test-swift
	$(MAKE) test-abi
	$(MAKE) test-c
	$(MAKE) test-python

test-swift:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

test-abi: lib
	tests/abi/check_library.sh $(LIB)

test-c: dev-server $(C_TESTS) $(C_EXAMPLES)
	@set -e; for t in $(C_TESTS); do echo "== $$t"; $(WITH_SERVER) $$t; done
	$(WITH_SERVER) $(BUILD)/examples/execute

test-python: dev-server lib
	$(WITH_SERVER) $(PYTHON) -m pytest -q bindings/python/tests
	$(WITH_SERVER) $(PYTHON) examples/python/execute.py

demo: dev-server lib examples
	$(WITH_SERVER) sh -c 'echo "== C: examples/c/execute.c"; $(BUILD)/examples/execute hello-world Ada; \
	  echo "== Python: examples/python/execute.py"; $(PYTHON) examples/python/execute.py'

clean:
	rm -rf $(BUILD) $(RELEASE_DIR) .build
