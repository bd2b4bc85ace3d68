# Foreign binaries: guest programs compiled against the reference GNU Mach headers
# (Debian 13's gnumach-dev) with RPC stubs from the reference x86_64-gnu-mig — not our
# headers, not our mig — and booted on Portico. The C runtime and test library are
# recompiled against the reference headers too. Each is tests/guest/NAME.c, built as
# tests/guest/foreign-NAME.elf, judged by the same expectations.

FOREIGN_REF = $(REFERENCE_ABI)/usr/include/x86_64-linux-gnu
FOREIGN_MIG = $(REFERENCE_ABI)/usr/bin/x86_64-gnu-mig
FOREIGN_DIR = tests/guest/foreign
FOREIGN_CPPFLAGS = -I$(FOREIGN_DIR) -I$(FOREIGN_DIR)/mach -I$(FOREIGN_REF) \
	-I$(srcdir)/hurd-like/crt -I$(srcdir)/hurd-like/libmach -I$(srcdir)/tests/guest/lib
FOREIGN_RUNTIME_SRC = hurd-like/crt/crt0.S hurd-like/crt/start.c hurd-like/crt/traps.S \
	hurd-like/crt/string.c hurd-like/libmach/mig_support.c tests/guest/lib/guest.c \
	tests/guest/lib/guest_mach.c

$(FOREIGN_DIR)/machUser.c: $(FOREIGN_MIG)
	$(AM_V_GEN)$(MKDIR_P) $(FOREIGN_DIR)/mach && CPP='$(CC) -E -x c' $(FOREIGN_MIG) -I$(FOREIGN_REF) \
		-user $@ -header $(FOREIGN_DIR)/mach/mach_interface.h -server /dev/null \
		$(FOREIGN_REF)/mach/mach.defs
$(FOREIGN_DIR)/mach_portUser.c: $(FOREIGN_MIG)
	$(AM_V_GEN)$(MKDIR_P) $(FOREIGN_DIR)/mach && CPP='$(CC) -E -x c' $(FOREIGN_MIG) -I$(FOREIGN_REF) \
		-user $@ -header $(FOREIGN_DIR)/mach/mach_port.h -server /dev/null \
		$(FOREIGN_REF)/mach/mach_port.defs

$(FOREIGN_DIR)/gnumachUser.c: $(FOREIGN_MIG)
	$(AM_V_GEN)$(MKDIR_P) $(FOREIGN_DIR)/mach && CPP='$(CC) -E -x c' $(FOREIGN_MIG) -I$(FOREIGN_REF) \
		-user $@ -header $(FOREIGN_DIR)/mach/gnumach.h -server /dev/null \
		$(FOREIGN_REF)/mach/gnumach.defs
$(FOREIGN_DIR)/mach_hostUser.c: $(FOREIGN_MIG)
	$(AM_V_GEN)$(MKDIR_P) $(FOREIGN_DIR)/mach && CPP='$(CC) -E -x c' $(FOREIGN_MIG) -I$(FOREIGN_REF) \
		-user $@ -header $(FOREIGN_DIR)/mach/mach_host.h -server /dev/null \
		$(FOREIGN_REF)/mach/mach_host.defs

# One archive: runtime + GNU MIG stubs, all against the reference headers.
$(FOREIGN_DIR)/libforeign.a: $(FOREIGN_DIR)/machUser.c $(FOREIGN_DIR)/mach_portUser.c \
		$(FOREIGN_DIR)/gnumachUser.c $(FOREIGN_DIR)/mach_hostUser.c \
		$(FOREIGN_RUNTIME_SRC:%=$(srcdir)/%)
	@rm -f $@ $(FOREIGN_DIR)/*.o
	$(AM_V_CC)for f in $(FOREIGN_RUNTIME_SRC:%=$(srcdir)/%) $(FOREIGN_DIR)/machUser.c \
			$(FOREIGN_DIR)/mach_portUser.c $(FOREIGN_DIR)/gnumachUser.c \
			$(FOREIGN_DIR)/mach_hostUser.c; do \
		o=$(FOREIGN_DIR)/`basename $$f | sed 's/\.[cS]$$//'`.o; \
		$(CC) $(USER_CFLAGS) $(FOREIGN_CPPFLAGS) -c $$f -o $$o || exit 1; \
	done
	$(AM_V_AR)$(AR) cr $@ $(FOREIGN_DIR)/*.o && $(RANLIB) $@

# (Listed by name: automake must see each test.)
FOREIGN_ELFS = \
	tests/guest/foreign-rpc_mach_port.elf \
	tests/guest/foreign-ipc_messages.elf \
	tests/guest/foreign-ipc_two_tasks.elf \
	tests/guest/foreign-rpc_task_thread.elf \
	tests/guest/foreign-exceptions.elf \
	tests/guest/foreign-gsync.elf \
	tests/guest/foreign-rpc_ool_replies.elf \
	tests/guest/foreign-rpc_ool_shortage.elf \
	tests/guest/foreign-rpc_emulation_vector.elf

tests/guest/foreign-%.elf: $(srcdir)/tests/guest/%.c $(FOREIGN_DIR)/libforeign.a
	$(AM_V_CCLD)$(CC) $(USER_CFLAGS) $(FOREIGN_CPPFLAGS) $(USER_LINKFLAGS) -o $@ $< \
		$(FOREIGN_DIR)/libforeign.a

check_DATA += $(FOREIGN_ELFS)
TESTS += $(FOREIGN_ELFS)
CLEANFILES += $(FOREIGN_ELFS)
clean-local: clean-foreign
clean-foreign:
	rm -rf $(FOREIGN_DIR)
.PHONY: clean-foreign
