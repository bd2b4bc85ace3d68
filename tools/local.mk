# Running Portico: `make run` boots the GRUB image in QEMU with the serial console on
# the terminal (quit with Ctrl-A X); `make debug` does the same halted, waiting for gdb.

RUN_MODULE_CMDLINE = /hurd/hello --from-make-run
QEMU_RUN_FLAGS = -M pc -m 256M -nographic -no-reboot

portico.iso: kernel/portico hurd-like/hello/hello.elf $(srcdir)/tools/mkimage
	$(AM_V_GEN)GRUB_MKRESCUE='$(GRUB_MKRESCUE)' $(SHELL) $(srcdir)/tools/mkimage $@ \
		kernel/portico "" hurd-like/hello/hello.elf "$(RUN_MODULE_CMDLINE)"

# Boots with `test`, so QEMU exits by itself: used to find out whether KVM works here.
tools/kvm-probe.iso: kernel/portico hurd-like/hello/hello.elf $(srcdir)/tools/mkimage
	@$(MKDIR_P) tools
	$(AM_V_GEN)GRUB_MKRESCUE='$(GRUB_MKRESCUE)' $(SHELL) $(srcdir)/tools/mkimage $@ \
		kernel/portico "test" hurd-like/hello/hello.elf "/hurd/hello probe"

run: portico.iso tools/kvm-probe.iso
	@accel=`QEMU='$(QEMU)' $(SHELL) $(srcdir)/tools/qemu-accel tools/kvm-probe.iso`; \
	cpu=; [ "$$accel" = kvm ] && cpu="-cpu host"; \
	echo "make run: QEMU with $$accel; the serial console follows (quit: Ctrl-A X)"; \
	$(QEMU) -accel $$accel $$cpu $(QEMU_RUN_FLAGS) -cdrom portico.iso

tools/portico.gdb: $(srcdir)/tools/portico.gdb.in
	@$(MKDIR_P) tools
	$(AM_V_GEN)sed 's|@KERNEL@|$(abs_top_builddir)/kernel/portico|' $(srcdir)/tools/portico.gdb.in >$@

debug: portico.iso tools/portico.gdb
	@echo "make debug: QEMU is halted with a gdb stub on localhost:1234."
	@echo "  In another terminal:  gdb -x $(abs_top_builddir)/tools/portico.gdb"
	@echo "  (quit QEMU: Ctrl-A X)"
	$(QEMU) -accel tcg $(QEMU_RUN_FLAGS) -s -S -cdrom portico.iso

.PHONY: run debug
CLEANFILES += portico.iso tools/kvm-probe.iso tools/portico.gdb
EXTRA_DIST += tools/trace-rpc tools/trace-rpc.py tools/mkimage tools/qemu-accel tools/install-deps tools/fetch-reference-abi \
	tools/test-totals tools/portico.gdb.in
