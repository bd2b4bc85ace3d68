# tests/bench: benchmarks (make bench-...); not part of make check.

# How long generating stubs for every reference .defs takes, ours beside GNU MIG's.
bench-mig: mig/mig
	$(top_srcdir)/tests/bench/mig-bench $(abs_top_builddir)/mig/mig $(REFERENCE_ABI)
.PHONY: bench-mig
EXTRA_DIST += tests/bench/mig-bench tests/bench/README.md
