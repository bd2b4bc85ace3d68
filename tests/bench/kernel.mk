# The kernel-core benchmarks: `make bench-kernel` (and `make bench`, with the mig one).
BENCH_KERNEL_SRC = $(srcdir)/tests/bench/bench_ipc.c $(srcdir)/tests/bench/bench_vm.c \
	$(srcdir)/tests/bench/bench.c
noinst_DATA += tests/bench/bench_ipc.elf
tests/bench/bench_ipc.elf: $(BENCH_KERNEL_SRC) $(srcdir)/tests/bench/bench.h $(USER_LIBS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CCLD)$(USER_LINK) $(BENCH_KERNEL_SRC) $(USER_LIBS)
CLEANFILES += tests/bench/bench_ipc.elf

bench-kernel: kernel/portico tests/bench/bench_ipc.elf
	@top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' QEMU='$(QEMU)' \
		GRUB_MKRESCUE='$(GRUB_MKRESCUE)' $(SHELL) $(srcdir)/tests/bench/run-bench

bench: bench-kernel bench-mig
.PHONY: bench bench-kernel
EXTRA_DIST += tests/bench/run-bench tests/bench/bench_ipc.c tests/bench/bench_vm.c \
	tests/bench/bench.c tests/bench/bench.h
