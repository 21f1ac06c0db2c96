# libairops: build, test, demo.
#   make          the self-contained release library (build/lib) and the C examples
#   make test     every test suite: Swift, library/ABI checks, C, Python, against the release build
#   make demo     the dev server plus the examples against it: C, Python, and Go, Rust, Node.js
#                 and Java where their toolchains are installed
#   make install  the header, the library with its SONAME links and airops.pc under PREFIX
#   make soak, make fuzz   longer reliability runs than make test
#   make wheel    the Python package with the release library bundled, a manylinux wheel in build/wheel
#   make release, make dist   the portable library and CLI (build/release), the tarball for C users
#   make abi-baseline         records the built library's ABI in abi/libairops.abi
#   make clean    removes every build folder that these make, the bindings' too
#   make bench    the benchmarks of issue 6: a table, bench/results.json and bench/results.png

SWIFT        ?= swift
CC           ?= cc
# The Swift toolchain's clang: it has libFuzzer and the TSan runtime the Swift side uses.
SWIFT_CC     ?= $(dir $(shell command -v $(SWIFT)))clang
PYTHON       ?= python3
PREFIX       ?= /usr/local
# The header is the one place that names the version.
VERSION      := $(shell sed -n 's/^\#define AIROPS_VERSION_STRING "\(.*\)"/\1/p' include/airops.h)
SOMAJOR      := $(firstword $(subst ., ,$(VERSION)))
RELEASE_DIR  := .build-release
BUILD        := build
LIB          := $(BUILD)/lib/libairops.so
DEV_SERVER   := .build/debug/airops-dev-server
# SwiftPM names the executable airops-cli (the library product is already "airops");
# it is installed as `airops`.
CLI          := $(BUILD)/bin/airops
DEBUG_CLI    := .build/debug/airops-cli
CFLAGS       += -std=c11 -Wall -Wextra -Werror -pedantic -g -Iinclude
LDFLAGS      += -L$(BUILD)/lib -Wl,-rpath,$(abspath $(BUILD)/lib)
WITH_SERVER  := $(PYTHON) tests/with_dev_server.py --server $(DEV_SERVER) --
C_EXAMPLES   := $(patsubst examples/c/%.c,$(BUILD)/examples/%,$(wildcard examples/c/*.c))
C_TESTS      := $(patsubst tests/c/%.c,$(BUILD)/tests/%,$(wildcard tests/c/*.c))
SWIFT_SOURCES := Package.swift $(shell find Sources -type f) include/airops.h

export PYTHONPATH := $(CURDIR)/bindings/python
export AIROPS_LIBRARY := $(CURDIR)/$(LIB)

.PHONY: all lib cli dev-server examples install wheel test test-deps test-swift test-abi test-c test-python test-wheel test-cli test-bindings test-bench bench demo clean

all: lib cli examples

# Release builds link the Swift runtime statically, so that the library loads where Swift is
# not installed, and optimise for size: most of the library is its dependencies. The dynamic
# exclusivity checks stay in the debug builds that the Swift tests run: in a release build
# they cost a tenth of a blocking call's instructions.
RELEASE_BUILD := $(SWIFT) build -c release --scratch-path $(RELEASE_DIR) -Xswiftc -static-stdlib -Xswiftc -Osize \
                 -Xswiftc -enforce-exclusivity=unchecked -Xswiftc -use-ld=lld
# The C library exports only `airops_*` symbols (version script) and carries a SONAME with the
# ABI major version, so that the loader can tell incompatible releases apart. lld keeps hidden
# symbols out of .dynsym (gold lists them there as LOCAL). These are build flags and not
# Package.swift's: SwiftPM refuses unsafeFlags in a package that others depend on by version.
LIB_LINK      := -Xlinker --version-script=$(CURDIR)/Sources/AirOpsC/exports.map -Xlinker -soname=libairops.so.$(SOMAJOR)
# Packed relative relocations (DT_RELR) take 1.8 MB off the library. The glibc that loads
# them must know them (2.36, Debian 12); a library built on such a system needs it anyway.
RELR         := $(shell ldd --version 2>/dev/null | sed -n '1s/.* \([0-9]*\)\.\([0-9]*\)$$/\1 \2/p' | \
                  awk '$$1 > 2 || ($$1 == 2 && $$2 >= 36) { print "-Xlinker -z -Xlinker pack-relative-relocs" }')

# make test sets LIB_SOURCE=portable: build/lib and build/bin then hold the library and command
# that ship (make release, at the end of this file), and no second release build is made.
ifneq ($(LIB_SOURCE),portable)
$(LIB): $(SWIFT_SOURCES)
	$(RELEASE_BUILD) $(RELR) $(LIB_LINK) --product airops
	mkdir -p $(BUILD)/lib
	cp $(RELEASE_DIR)/release/libairops.so $(BUILD)/lib/libairops.so.$(VERSION)
	ln -sf libairops.so.$(VERSION) $(BUILD)/lib/libairops.so.$(SOMAJOR)
	ln -sf libairops.so.$(VERSION) $(LIB)

$(CLI): $(SWIFT_SOURCES)
	$(RELEASE_BUILD) --product airops-cli
	mkdir -p $(BUILD)/bin
	cp $(RELEASE_DIR)/release/airops-cli $(CLI)
endif

lib: $(LIB)

cli: $(CLI)

# One debug build for the dev server and the Swift tests: building the product alone would
# compile every module again without -enable-testing.
dev-server:
	$(SWIFT) build --build-tests

examples: $(C_EXAMPLES)

$(BUILD)/examples/%: examples/c/%.c include/airops.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $< -o $@ $(LDFLAGS) -lairops

# The C tests run under AddressSanitizer (with its leak check) and UBSan.
$(BUILD)/tests/%: tests/*/%.c tests/c/check.h tests/c/dev_server.h tests/c/test_client.h include/airops.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fsanitize=address,undefined -fno-omit-frame-pointer $< -o $@ $(LDFLAGS) -lairops -lpthread

test-deps:
	scripts/install-test-deps.sh

test: export LIB_SOURCE := portable
test: test-deps
	$(MAKE) test-swift
	$(MAKE) test-abi
	$(MAKE) test-c
	$(MAKE) test-leaks
	$(MAKE) test-tsan
	$(MAKE) test-fuzz
	$(MAKE) test-python
	$(MAKE) test-cli
	$(MAKE) test-bindings
	$(MAKE) test-bench
	$(MAKE) test-release
	$(MAKE) test-dist
	$(MAKE) test-abi-baseline
	$(MAKE) test-wheel-manylinux
	$(MAKE) test-swift-dependent

test-swift: dev-server
	$(SWIFT) test --skip-build

install: lib cli
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 755 -s $(CLI) $(DESTDIR)$(PREFIX)/bin/airops
	install -m 644 include/airops.h $(DESTDIR)$(PREFIX)/include/airops.h
	install -m 755 $(BUILD)/lib/libairops.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libairops.so.$(VERSION)
	strip --strip-unneeded $(DESTDIR)$(PREFIX)/lib/libairops.so.$(VERSION)
	ln -sf libairops.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libairops.so.$(SOMAJOR)
	ln -sf libairops.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libairops.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' packaging/airops.pc.in \
	  > $(DESTDIR)$(PREFIX)/lib/pkgconfig/airops.pc

# The Python package as a wheel that carries a stripped copy of the portable library (make
# release) next to __init__.py, tagged py3-none-manylinux_2_XX_x86_64 by auditwheel repair
# (which has nothing to graft: the library needs only what the manylinux policy allows). It is built from a copy of bindings/python in build/wheel-stage, so the
# source tree never holds a libairops.so. Offline with an installed setuptools that can build
# wheels (>= 70.1, or with the `wheel` package); otherwise pip fetches setuptools from PyPI
# into an isolated build environment.
WHEEL_STAGE  := $(BUILD)/wheel-stage
WHEEL_DIR    := $(BUILD)/wheel

wheel: release
	rm -rf $(WHEEL_STAGE) $(WHEEL_DIR) $(WHEEL_DIR)-linux
	mkdir -p $(WHEEL_STAGE) $(WHEEL_DIR)
	cp bindings/python/pyproject.toml bindings/python/setup.py bindings/python/README.md $(WHEEL_STAGE)/
	cp -R bindings/python/airops $(WHEEL_STAGE)/airops
	find $(WHEEL_STAGE) -name __pycache__ -prune -exec rm -rf {} +
	rm -f $(WHEEL_STAGE)/airops/libairops.so
	cp -L $(PORTABLE_LIB) $(WHEEL_STAGE)/airops/libairops.so
	cp $(NOTICES_LIB) $(WHEEL_STAGE)/airops/THIRD_PARTY_NOTICES.txt
	strip --strip-unneeded $(WHEEL_STAGE)/airops/libairops.so
	cd $(WHEEL_STAGE) && if env -u PYTHONPATH $(PYTHON) -c 'import setuptools.command.bdist_wheel' 2>/dev/null \
	    || env -u PYTHONPATH $(PYTHON) -c 'import wheel.bdist_wheel' 2>/dev/null; then isolation=--no-build-isolation; \
	  else isolation=; fi; \
	  env -u PYTHONPATH -u AIROPS_LIBRARY $(PYTHON) -m pip wheel --quiet --no-deps $$isolation --wheel-dir $(CURDIR)/$(WHEEL_DIR)-linux .
	auditwheel repair --wheel-dir $(WHEEL_DIR) $(WHEEL_DIR)-linux/*.whl
	rm -rf $(WHEEL_DIR)-linux
	@ls $(WHEEL_DIR)/*.whl

# The Python suite against the installed wheel: a fresh venv (it sees the system's pytest), the
# wheel installed offline, run from outside the source tree without PYTHONPATH, AIROPS_LIBRARY or
# LD_LIBRARY_PATH; AIROPS_TEST_INSTALLED makes test_library check that the venv's package and
# its bundled library are the ones in use.
test-wheel: wheel dev-server
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(PYTHON) -m venv --system-site-packages "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install --quiet --no-index --no-deps $(CURDIR)/$(WHEEL_DIR)/*.whl; \
	cd "$$tmp"; \
	env -u PYTHONPATH -u AIROPS_LIBRARY -u LD_LIBRARY_PATH AIROPS_TEST_INSTALLED="$$tmp/venv" \
	  "$$tmp/venv/bin/python" $(CURDIR)/tests/with_dev_server.py --server $(CURDIR)/$(DEV_SERVER) --net-tools -- \
	  "$$tmp/venv/bin/python" -m pytest -q -p no:cacheprovider $(CURDIR)/bindings/python/tests; \
	env -u PYTHONPATH -u AIROPS_LIBRARY -u LD_LIBRARY_PATH AIROPS_TEST_INSTALLED="$$tmp/venv" \
	  "$$tmp/venv/bin/python" $(CURDIR)/tests/with_dev_server.py --server $(CURDIR)/$(DEV_SERVER) --tls --net-tools -- \
	  "$$tmp/venv/bin/python" -m pytest -q -p no:cacheprovider $(CURDIR)/bindings/python/tests/test_network_tls.py

test-abi: lib dev-server
	tests/abi/check_library.sh $(LIB)
	$(WITH_SERVER) tests/abi/check_install.sh

# test_flood measures its memory: ASan's quarantine of freed blocks (256 MB) would hide it.
test-c: export LSAN_OPTIONS := suppressions=$(CURDIR)/tests/c/lsan.supp
test-c: dev-server $(C_TESTS) $(C_EXAMPLES) $(BUILD)/tests/test_tls $(BUILD)/tests/test_network $(BUILD)/tests/test_flood
	@set -e; for t in $(C_TESTS); do echo "== $$t"; $(WITH_SERVER) $$t; done
	ASAN_OPTIONS=quarantine_size_mb=1 $(PYTHON) tests/with_dev_server.py --server $(DEV_SERVER) --config bench/config.json -- $(BUILD)/tests/test_flood
	$(PYTHON) tests/with_dev_server.py --server $(DEV_SERVER) --tls -- $(BUILD)/tests/test_tls
	$(PYTHON) tests/with_dev_server.py --server $(DEV_SERVER) --tls -- $(BUILD)/tests/test_fork
	$(PYTHON) tests/with_dev_server.py --server $(DEV_SERVER) --net-tools -- $(BUILD)/tests/test_network
	$(PYTHON) tests/with_dev_server.py --server $(DEV_SERVER) --tls --net-tools -- $(BUILD)/tests/test_network
	@set -e; for e in $(C_EXAMPLES); do echo "== $$e"; $(WITH_SERVER) $$e; done

# The concurrency test under ThreadSanitizer, with the Swift side built -sanitize=thread (a
# debug build in its own folder) and the test compiled by the Swift toolchain's clang, so that
# both use the same TSan runtime.
TSAN_DIR     := .build-tsan
TSAN_LIB     := $(TSAN_DIR)/debug/libairops.so
SWIFT_LIBDIR := $(dir $(shell command -v $(SWIFT)))../lib/swift/linux

$(TSAN_LIB): $(SWIFT_SOURCES)
	$(SWIFT) build --scratch-path $(TSAN_DIR) -Xswiftc -sanitize=thread -Xswiftc -use-ld=lld $(LIB_LINK) --product airops
	ln -sf libairops.so $(TSAN_DIR)/debug/libairops.so.$(SOMAJOR)

$(BUILD)/tsan/test_stream: tests/c/test_stream.c tests/c/check.h tests/c/dev_server.h include/airops.h $(TSAN_LIB)
	@mkdir -p $(dir $@)
	$(SWIFT_CC) -std=c11 -g -fsanitize=thread -Iinclude $< -o $@ -L$(TSAN_DIR)/debug -Wl,-rpath,$(abspath $(TSAN_DIR)/debug) \
	  -L$(SWIFT_LIBDIR) -Wl,-rpath,$(abspath $(SWIFT_LIBDIR)) -ldispatch -lBlocksRuntime -lairops -lpthread

test-tsan: dev-server $(BUILD)/tsan/test_stream
	TSAN_OPTIONS="suppressions=$(CURDIR)/tests/c/tsan.supp halt_on_error=1 exitcode=66" $(WITH_SERVER) $(BUILD)/tsan/test_stream

SOAK_EXECUTIONS ?= 1000

# libFuzzer, from the Swift toolchain: one target over the C ABI entry points (fuzz_abi.c
# against the release library, with ASan and UBSan), one over the decoders of server answers
# (a Swift target on AirOpsWire alone, built --sanitize=fuzzer in its own folder, so that it
# compiles none of NIO or BoringSSL; Swift 6.3 drops the coverage
# instrumentation when --sanitize=address is added, so that one runs without ASan). A short
# run of each in make test, a long one in make fuzz; FUZZ_SECONDS sets the long run's length
# per target.
FUZZ_SECONDS ?= 600
FUZZ_DIR     := .build-fuzz
DECODER_FUZZ := $(FUZZ_DIR)/debug/AirOpsDecoderFuzz

$(BUILD)/fuzz/fuzz_abi: tests/fuzz/fuzz_abi.c include/airops.h $(LIB)
	@mkdir -p $(dir $@)
	$(SWIFT_CC) -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude $< -o $@ $(LDFLAGS) -lairops 2>&1 | grep -v 'Cannot export local symbol' || true

$(DECODER_FUZZ): $(SWIFT_SOURCES) tests/fuzz/decoders/main.swift
	$(SWIFT) build --scratch-path $(FUZZ_DIR) --sanitize=fuzzer --product AirOpsDecoderFuzz

test-fuzz: $(BUILD)/fuzz/fuzz_abi $(DECODER_FUZZ)
	@mkdir -p $(BUILD)/fuzz/corpus $(BUILD)/fuzz/decoder-corpus
	$(BUILD)/fuzz/fuzz_abi -runs=20000 -max_len=4096 -seed=1 -artifact_prefix=$(BUILD)/fuzz/ $(BUILD)/fuzz/corpus tests/fuzz/seeds
	$(DECODER_FUZZ) -runs=50000 -max_len=4096 -seed=1 -artifact_prefix=$(BUILD)/fuzz/ $(BUILD)/fuzz/decoder-corpus tests/fuzz/decoder-seeds

fuzz: $(BUILD)/fuzz/fuzz_abi $(DECODER_FUZZ)
	@mkdir -p $(BUILD)/fuzz/corpus $(BUILD)/fuzz/decoder-corpus
	$(BUILD)/fuzz/fuzz_abi -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -artifact_prefix=$(BUILD)/fuzz/ $(BUILD)/fuzz/corpus tests/fuzz/seeds
	$(DECODER_FUZZ) -max_total_time=$(FUZZ_SECONDS) -max_len=1048576 -artifact_prefix=$(BUILD)/fuzz/ $(BUILD)/fuzz/decoder-corpus tests/fuzz/decoder-seeds

# valgrind memcheck over 1000 executions: 0 bytes definitely lost. valgrind cannot read the
# library's DWARF 5 debug info, so it runs a copy without it.
test-leaks: dev-server lib
	@mkdir -p $(BUILD)/leaks
	strip --strip-debug -o $(BUILD)/leaks/libairops.so.$(SOMAJOR) $(BUILD)/lib/libairops.so.$(VERSION)
	$(CC) $(CFLAGS) tests/soak/executions.c -o $(BUILD)/leaks/executions -L$(BUILD)/leaks -l:libairops.so.$(SOMAJOR)
	LD_LIBRARY_PATH=$(BUILD)/leaks $(WITH_SERVER) valgrind --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
	  --suppressions=tests/soak/valgrind.supp --error-exitcode=3 $(BUILD)/leaks/executions $(SOAK_EXECUTIONS)

# The Python suite runs against the installed wheel (test-wheel), as users meet the package.
# Longer runs than make test: 20000 executions under memcheck and the fault suite three times.
soak: dev-server lib $(BUILD)/tests/test_faults
	$(MAKE) test-leaks SOAK_EXECUTIONS=20000
	@set -e; for round in 1 2 3; do echo "== faults, round $$round"; $(WITH_SERVER) $(BUILD)/tests/test_faults; done

test-python: dev-server lib test-wheel
	$(WITH_SERVER) $(PYTHON) -m pytest -q tests/conformance

test-cli: dev-server
	$(PYTHON) -m pytest -q -p no:cacheprovider tests/net
	AIROPS_CLI=$(DEBUG_CLI) $(PYTHON) tests/with_dev_server.py --server $(DEV_SERVER) --net-tools -- $(PYTHON) -m pytest -q tests/cli
	@set -e; for e in examples/python/*.py; do echo "== $$e"; $(WITH_SERVER) $(PYTHON) $$e; done

# The bindings for other languages (bindings/<lang>): each suite runs the shared scenarios of
# tests/bindings/SCENARIOS.md against the dev server, plus a race or leak check of its own
# (go test -race, valgrind memcheck for Rust, a forced-GC run for Node, -Xcheck:jni for Java).
BINDING_ENV := AIROPS_LIBRARY=$(CURDIR)/$(LIB) AIROPS_DEV_SERVER=$(CURDIR)/$(DEV_SERVER)

test-bindings: dev-server lib
	$(BINDING_ENV) bindings/go/run-tests.sh
	$(BINDING_ENV) bindings/rust/run-tests.sh
	$(BINDING_ENV) bindings/node/run-tests.sh
	$(BINDING_ENV) bindings/java/run-tests.sh

# The benchmarks: the programs under bench/c at -O2 without sanitizers against the release
# library, and a release dev server, so that the server is not what is measured. It shares
# the library's build folder and flags, so the two builds share every common module.
# make test-bench runs a few seconds of the same code paths against the debug server.
BENCH_SERVER   := $(RELEASE_DIR)/release/airops-dev-server
BENCH_CFLAGS   := -std=c11 -Wall -Wextra -Werror -pedantic -O2 -Iinclude
BENCH_PROGRAMS := $(patsubst bench/c/%.c,$(BUILD)/bench/%,$(wildcard bench/c/*.c))

$(BENCH_SERVER): $(SWIFT_SOURCES)
	$(RELEASE_BUILD) --product airops-dev-server

$(BUILD)/bench/%: bench/c/%.c bench/c/*.h tests/c/dev_server.h include/airops.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) $< -o $@ $(LDFLAGS) -lairops -lpthread $(BENCH_LIBS)

# libcurl is a contender of the per-call overhead: only this program links it, not the library.
$(BUILD)/bench/overhead: BENCH_LIBS := -lcurl

# Not linked with the library: it times loading it.
$(BUILD)/bench/footprint: bench/c/footprint.c bench/c/bench.h include/airops.h
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) $< -o $@ -ldl

bench: test-deps $(LIB) $(BENCH_PROGRAMS) $(BENCH_SERVER)
	$(PYTHON) bench/run.py --server $(BENCH_SERVER)

test-bench: dev-server $(LIB) $(BENCH_PROGRAMS)
	$(PYTHON) bench/run.py --quick --server $(DEV_SERVER)

# The demo builds only what it runs: the library, the C examples, and a dev server from the
# library's release build (it shares every common module), not the debug build with its tests.
demo: DEV_SERVER := $(BENCH_SERVER)
demo: WITH_SERVER := $(PYTHON) tests/with_dev_server.py --server $(BENCH_SERVER) --
demo: BINDING_ENV := AIROPS_LIBRARY=$(CURDIR)/$(LIB) AIROPS_DEV_SERVER=$(CURDIR)/$(BENCH_SERVER)
demo: $(BENCH_SERVER) lib examples
	$(WITH_SERVER) sh -c 'set -e; \
	  echo "== C: execute"; $(BUILD)/examples/execute hello-world Ada; \
	  echo "== C: stream"; $(BUILD)/examples/stream Ada; \
	  echo "== C: chat"; $(BUILD)/examples/chat; \
	  for e in examples/python/*.py; do echo "== Python: $$e"; $(PYTHON) $$e; done'
	@if command -v go >/dev/null; then echo "== Go"; $(BINDING_ENV) examples/go/run-demo.sh; fi
	@if command -v cargo >/dev/null; then echo "== Rust"; \
	  $(BINDING_ENV) $(PYTHON) tests/with_dev_server.py --server $(DEV_SERVER) -- \
	  cargo run --quiet --offline --manifest-path bindings/rust/Cargo.toml --example demo; fi
	@if command -v node >/dev/null; then echo "== Node.js"; bindings/node/build-addon.sh >/dev/null && \
	  $(BINDING_ENV) $(WITH_SERVER) node examples/node/demo.js; fi
	@if command -v javac >/dev/null && [ -e /usr/share/java/jna.jar ]; then echo "== Java"; \
	  $(BINDING_ENV) bindings/java/build-jar.sh && \
	  $(BINDING_ENV) $(WITH_SERVER) java -cp bindings/java/build/airops.jar:/usr/share/java/jna.jar examples/java/Demo.java; fi

clean:
	rm -rf $(BUILD) $(RELEASE_DIR) $(PORTABLE_DIR) $(TSAN_DIR) $(FUZZ_DIR) .build \
	  bindings/java/build bindings/node/build bindings/python/build bindings/rust/target \
	  bindings/rust/Cargo.lock bench/results.json bench/results.png

# ---- Distribution (issue 13) ----
# make release  the library and the CLI in build/release, linked against a Debian bullseye root
#               (glibc 2.31, libstdc++ of GCC 10) without packed relocations, so that they load
#               on glibc 2.29 and later; test-release checks their symbol versions and runs
#               them inside a bullseye chroot.
# make dist     build/libairops-VERSION-linux-x86_64.tar.gz for C users; test-dist builds a C
#               consumer from it with pkg-config, CMake and plain -I/-L.
# Both roots come from Debian's mirror through debootstrap, once; a missing one is made again.
RELEASE_SUITE    := bullseye
SYSROOT          := $(BUILD)/sysroot-$(RELEASE_SUITE)
SYSROOT_PACKAGES := libc6-dev,libstdc++-10-dev,libgcc-10-dev,zlib1g-dev
CHROOT           := $(BUILD)/chroot-$(RELEASE_SUITE)
PORTABLE_DIR     := .build-portable
PORTABLE         := $(BUILD)/release
PORTABLE_LIB     := $(PORTABLE)/lib/libairops.so.$(VERSION)
PORTABLE_CLI     := $(PORTABLE)/bin/airops
# -z defs: a symbol that the sysroot's libraries lack fails the link instead of the first call.
PORTABLE_COMPAT  := $(BUILD)/release-compat/libstdcxx_compat.o
# The release build's flags, in its own folder, against the sysroot.
PORTABLE_BUILD   := $(subst --scratch-path $(RELEASE_DIR),--scratch-path $(PORTABLE_DIR),$(RELEASE_BUILD)) \
                    -Xswiftc -sdk -Xswiftc $(abspath $(SYSROOT)) -Xcc --sysroot=$(abspath $(SYSROOT)) \
                    -Xlinker $(abspath $(PORTABLE_COMPAT)) -Xlinker -z -Xlinker defs
DIST_NAME        := libairops-$(VERSION)-linux-x86_64
DIST_TARBALL     := $(BUILD)/$(DIST_NAME).tar.gz

.PHONY: release sysroot chroot test-release dist test-dist test-wheel-manylinux test-swift-dependent

# swiftc links the Swift runtime from the SDK (-sdk): the sysroot gets the toolchain's static one.
sysroot:
	scripts/make-debian-root.sh $(SYSROOT) $(RELEASE_SUITE) $(SYSROOT_PACKAGES)
	ln -sfn $(realpath $(dir $(shell command -v $(SWIFT)))../lib/swift_static) $(SYSROOT)/usr/lib/swift_static

chroot:
	scripts/make-debian-root.sh $(CHROOT) $(RELEASE_SUITE) python3,python3-pytest

$(PORTABLE_COMPAT): packaging/compat/libstdcxx_compat.cpp | sysroot
	@mkdir -p $(dir $@)
	$(SWIFT_CC) -x c++ -std=c++17 -O2 -fPIC --sysroot=$(SYSROOT) -c $< -o $@

$(PORTABLE_LIB): $(SWIFT_SOURCES) $(PORTABLE_COMPAT) | sysroot
	$(PORTABLE_BUILD) $(LIB_LINK) --product airops
	mkdir -p $(PORTABLE)/lib
	cp $(PORTABLE_DIR)/release/libairops.so $@
	ln -sf libairops.so.$(VERSION) $(PORTABLE)/lib/libairops.so.$(SOMAJOR)
	ln -sf libairops.so.$(VERSION) $(PORTABLE)/lib/libairops.so

$(PORTABLE_CLI): $(SWIFT_SOURCES) $(PORTABLE_COMPAT) | sysroot
	$(PORTABLE_BUILD) --product airops-cli
	mkdir -p $(PORTABLE)/bin
	cp $(PORTABLE_DIR)/release/airops-cli $@

release: $(PORTABLE_LIB) $(PORTABLE_CLI)

ifeq ($(LIB_SOURCE),portable)
$(LIB): $(PORTABLE_LIB)
	mkdir -p $(BUILD)/lib
	cp $(PORTABLE_LIB) $(BUILD)/lib/libairops.so.$(VERSION)
	ln -sf libairops.so.$(VERSION) $(BUILD)/lib/libairops.so.$(SOMAJOR)
	ln -sf libairops.so.$(VERSION) $(LIB)

$(CLI): $(PORTABLE_CLI)
	mkdir -p $(BUILD)/bin
	cp $(PORTABLE_CLI) $(CLI)
endif

# The licenses of what the portable library (and, for the tarball, the CLI) link in.
PORTABLE_LINKS   := $(PORTABLE_DIR)/release
NOTICES_LIB      := $(PORTABLE)/lib/THIRD_PARTY_NOTICES.txt
NOTICES_DIST     := $(PORTABLE)/THIRD_PARTY_NOTICES.txt

$(NOTICES_LIB): $(PORTABLE_LIB) scripts/third_party_notices.py
	$(PYTHON) scripts/third_party_notices.py $(PORTABLE_DIR) $(PORTABLE_LINKS)/airops.product/Objects.LinkFileList > $@

wheel: $(NOTICES_LIB)

$(NOTICES_DIST): $(PORTABLE_LIB) $(PORTABLE_CLI) scripts/third_party_notices.py
	$(PYTHON) scripts/third_party_notices.py $(PORTABLE_DIR) $(PORTABLE_LINKS)/airops.product/Objects.LinkFileList \
	  $(PORTABLE_LINKS)/airops-cli.product/Objects.LinkFileList > $@

# The floor make release reaches against bullseye: libm's pow, exp, log, exp2 and log2 bind
# to their GLIBC_2.29 versions, libstdc++'s std::string to GLIBCXX_3.4.21 (GCC 5).
RELEASE_GLIBC    := 2.29
RELEASE_GLIBCXX  := 3.4.21

test-release: release wheel dev-server chroot
	tests/dist/check_portable.sh $(PORTABLE_LIB) $(RELEASE_GLIBC) $(RELEASE_GLIBCXX)
	tests/dist/check_portable.sh $(PORTABLE_CLI) $(RELEASE_GLIBC) $(RELEASE_GLIBCXX)
	CHROOT_CC=$(SWIFT_CC) $(WITH_SERVER) tests/dist/run_in_chroot.sh $(CHROOT) $(SYSROOT) $(PORTABLE)/lib $(wildcard $(WHEEL_DIR)/*.whl)
	@set -e; for e in examples/python/*.py; do echo "== $$e on build/release"; \
	  AIROPS_LIBRARY=$(abspath $(PORTABLE_LIB)) $(WITH_SERVER) $(PYTHON) $$e; done

# The tarball: stripped copies, airops.pc with a prefix relative to its own folder, the CMake
# package, the README and the third-party notices (the repository has no license of its own yet).
DIST_ROOT        := $(BUILD)/dist/$(DIST_NAME)

$(DIST_TARBALL): $(PORTABLE_LIB) $(PORTABLE_CLI) $(NOTICES_DIST) include/airops.h packaging/airops.pc.in packaging/cmake/*.in README.md
	rm -rf $(BUILD)/dist
	install -d $(DIST_ROOT)/bin $(DIST_ROOT)/include $(DIST_ROOT)/lib/pkgconfig $(DIST_ROOT)/lib/cmake/airops
	install -m 755 -s $(PORTABLE_CLI) $(DIST_ROOT)/bin/airops
	install -m 644 include/airops.h $(DIST_ROOT)/include/airops.h
	install -m 644 README.md $(DIST_ROOT)/README.md
	install -m 644 $(NOTICES_DIST) $(DIST_ROOT)/THIRD_PARTY_NOTICES.txt
	install -m 755 $(PORTABLE_LIB) $(DIST_ROOT)/lib/
	strip --strip-unneeded $(DIST_ROOT)/lib/libairops.so.$(VERSION)
	ln -sf libairops.so.$(VERSION) $(DIST_ROOT)/lib/libairops.so.$(SOMAJOR)
	ln -sf libairops.so.$(VERSION) $(DIST_ROOT)/lib/libairops.so
	sed -e 's|@PREFIX@|$${pcfiledir}/../..|' -e 's|@VERSION@|$(VERSION)|' packaging/airops.pc.in > $(DIST_ROOT)/lib/pkgconfig/airops.pc
	for f in airopsConfig airopsConfigVersion; do \
	  sed -e 's|@VERSION@|$(VERSION)|' -e 's|@SOMAJOR@|$(SOMAJOR)|' packaging/cmake/$$f.cmake.in > $(DIST_ROOT)/lib/cmake/airops/$$f.cmake; done
	tar -C $(BUILD)/dist --owner=0 --group=0 --numeric-owner -czf $@ $(DIST_NAME)
	@ls -l $@

dist: $(DIST_TARBALL)

test-dist: dist dev-server
	$(WITH_SERVER) tests/dist/test_tarball.sh $(DIST_TARBALL) $(VERSION)

# A package outside the tree that depends on this one by git URL and version tag, imports
# AirOps and links the airops product (a debug build of the core's dependencies in
# build/swift-dependent, kept between runs).
test-swift-dependent: dev-server
	SWIFT=$(SWIFT) $(WITH_SERVER) tests/dist/test_swift_dependent.sh $(VERSION) $(BUILD)/swift-dependent

# auditwheel's verdict on the wheel, and the wheel beside Python's ssl over TLS.
test-wheel-manylinux: wheel dev-server
	tests/dist/test_wheel.sh $(WHEEL_DIR) $(DEV_SERVER)

# The ABI against the committed baseline (abi/libairops.abi): an incompatible change fails
# unless the SONAME changes; additions are reported. make abi-baseline records the built one.
ABI_BASELINE     := abi/libairops.abi
ABI_DUMP         := $(BUILD)/abi/libairops.abi

.PHONY: test-abi-baseline abi-baseline

$(ABI_DUMP): $(LIB) include/airops.h scripts/abi_dump.py
	@mkdir -p $(dir $@)
	CLANG=$(SWIFT_CC) $(PYTHON) scripts/abi_dump.py $(LIB) include/airops.h > $@

test-abi-baseline: $(ABI_DUMP)
	$(PYTHON) -m pytest -q -p no:cacheprovider tests/dist/test_abi_compare.py
	$(PYTHON) tests/dist/abi_compare.py $(ABI_BASELINE) $(ABI_DUMP)

abi-baseline: $(ABI_DUMP)
	cp $(ABI_DUMP) $(ABI_BASELINE)
