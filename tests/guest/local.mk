# Guest tests: each tests/guest/NAME.c becomes a boot module NAME.elf, booted in QEMU by
# run-guest under TCG with a time-out; tests/guest/boot/*.case are boot-input cases
# (bad modules, bad command lines). See tests/guest/README.md.

GUEST_TESTPROGS = \
	tests/guest/mach_print \
	tests/guest/startup_args \
	tests/guest/trap_registers \
	tests/guest/exit_status \
	tests/guest/fault_ud \
	tests/guest/fault_gp \
	tests/guest/fault_privileged \
	tests/guest/fault_ioport \
	tests/guest/fault_de \
	tests/guest/fault_pf_null \
	tests/guest/fault_pf_text \
	tests/guest/fault_pf_kernel \
	tests/guest/fault_pf_nx \
	tests/guest/trap_unknown \
	tests/guest/trap_positive \
	tests/guest/ipc_messages \
	tests/guest/ipc_two_tasks \
	tests/guest/ipc_rpc_path \
	tests/guest/ipc_names \
	tests/guest/bootstrap_ports \
	tests/guest/rpc_mach_port \
	tests/guest/rpc_task_thread \
	tests/guest/exceptions \
	tests/guest/gsync \
	tests/guest/ipc_stress \
	tests/guest/rpc_host \
	tests/guest/rpc_ool_replies \
	tests/guest/rpc_ool_shortage \
	tests/guest/rpc_emulation_vector \
	tests/guest/io_perm \
	tests/guest/fpu_state \
	tests/guest/thread_flavors \
	tests/guest/vm_calls \
	tests/guest/vm_cow \
	tests/guest/ool_messages \
	tests/guest/ool_rpc_path \
	tests/guest/vm_exhaust

# External memory managers: the test is the pager of the objects it maps (through the
# server stubs our mig makes from memory_object.defs, linked into these programs only).
GUEST_PAGER_TESTS = tests/guest/vm_pager tests/guest/vm_pager_death tests/guest/vm_pager_proxy
GUEST_TESTPROGS += $(GUEST_PAGER_TESTS)
GUEST_PAGER_ELFS = $(GUEST_PAGER_TESTS:=.elf)
check_DATA += $(GUEST_PAGER_ELFS)

GUEST_CASES = \
	tests/guest/boot/no_module.case \
	tests/guest/boot/not_elf.case \
	tests/guest/boot/truncated_header.case \
	tests/guest/boot/truncated_phdrs.case \
	tests/guest/boot/truncated_segment.case \
	tests/guest/boot/overlap.case \
	tests/guest/boot/elf32.case \
	tests/guest/boot/wrong_machine.case \
	tests/guest/boot/shared_object.case \
	tests/guest/boot/kernel_segment.case \
	tests/guest/boot/bad_entry.case \
	tests/guest/boot/cmdline_too_long.case \
	tests/guest/boot/module_cmdline_too_long.case \
	tests/guest/boot/two_modules.case \
	tests/guest/boot/kernel_panic.case \
	tests/guest/boot/pmap_selftest.case \
	tests/guest/boot/kernel_fault.case \
	tests/guest/boot/double_fault.case \
	tests/guest/boot/script_undefined.case \
	tests/guest/boot/script_bad_function.case \
	tests/guest/boot/script_suspended.case

GUEST_LIB = tests/guest/lib/libguest.a
check_LIBRARIES += tests/guest/lib/libguest.a
tests_guest_lib_libguest_a_SOURCES = tests/guest/lib/guest.c tests/guest/lib/guest.h \
	tests/guest/lib/guest_mach.c tests/guest/lib/guest_mach.h
tests_guest_lib_libguest_a_CFLAGS = $(USER_CFLAGS)
tests_guest_lib_libguest_a_CPPFLAGS = $(USER_CPPFLAGS)

check_PROGRAMS += tests/guest/mkbadelf
tests_guest_mkbadelf_SOURCES = tests/guest/mkbadelf.c

GUEST_ELFS = $(GUEST_TESTPROGS:=.elf)
check_DATA += $(GUEST_ELFS) kernel/portico hurd-like/hello/hello.elf

tests/guest/%.elf: tests/guest/%.c $(GUEST_LIB) $(USER_LIBS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CCLD)$(USER_LINK) -I$(srcdir)/tests/guest/lib $< $(GUEST_LIB) $(USER_LIBS)

# (mig_stubs comes from mig/rules.mk, included by kernel/local.mk.)
$(eval $(call mig_stubs,tests/guest/gen/memory_object,$(top_srcdir)/kernel/include/mach/memory_object.defs,))
GUEST_PAGER_STUBS = tests/guest/gen/memory_objectServer.c tests/guest/gen/memory_object_S.h
$(GUEST_PAGER_ELFS): tests/guest/%.elf: tests/guest/%.c tests/guest/lib/guest_pager.h \
		$(GUEST_PAGER_STUBS) $(GUEST_LIB) $(USER_LIBS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CCLD)$(USER_LINK) -I$(srcdir)/tests/guest/lib -Itests/guest/gen $< \
		tests/guest/gen/memory_objectServer.c $(GUEST_LIB) $(USER_LIBS)

TESTS += $(GUEST_ELFS) $(GUEST_CASES)
TEST_EXTENSIONS += .elf .case
ELF_LOG_COMPILER = $(SHELL) $(srcdir)/tests/guest/run-guest
CASE_LOG_COMPILER = $(SHELL) $(srcdir)/tests/guest/run-guest
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)'; \
	QEMU='$(QEMU)'; GRUB_MKRESCUE='$(GRUB_MKRESCUE)'; \
	MKBADELF='$(abs_top_builddir)/tests/guest/mkbadelf'; \
	GOOD_ELF='$(abs_top_builddir)/hurd-like/hello/hello.elf'; \
	export top_srcdir top_builddir QEMU GRUB_MKRESCUE MKBADELF GOOD_ELF;

EXTRA_DIST += tests/guest/run-guest tests/guest/README.md $(GUEST_CASES) $(GUEST_TESTPROGS:=.c) \
	$(GUEST_PAGER_TESTS:=.c) tests/guest/lib/guest_pager.h
CLEANFILES += $(GUEST_ELFS) $(GUEST_PAGER_ELFS) $(GUEST_PAGER_STUBS)
clean-local: clean-guest-out
clean-guest-out:
	rm -rf tests/guest/out
.PHONY: clean-guest-out
