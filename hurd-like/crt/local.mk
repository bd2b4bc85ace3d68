# The minimal C runtime for Portico programs: program entry, trap stubs, the memory
# functions gcc may call. Programs link crt0 first and libcrt.a last.

USER_CFLAGS = -std=gnu11 -Wall -Wextra -Werror -O2 -g -ffreestanding -fno-pie -fno-pic \
	-fno-stack-protector -fcf-protection=none -fno-asynchronous-unwind-tables \
	-fno-tree-loop-distribute-patterns
USER_CPPFLAGS = -I$(srcdir)/hurd-like/crt -I$(srcdir)/hurd-like/libmach -Ihurd-like/libmach \
	-I$(srcdir)/kernel/include
USER_LINKFLAGS = -static -nostdlib -no-pie -Wl,--build-id=none -Wl,-z,noexecstack \
	-Wl,-z,max-page-size=0x1000 -Wl,-u,_start
# libmach before libcrt: its stubs use the traps.
USER_LIBS = hurd-like/libmach/libmach.a hurd-like/crt/libcrt.a

noinst_LIBRARIES += hurd-like/crt/libcrt.a
hurd_like_crt_libcrt_a_SOURCES = hurd-like/crt/crt0.S hurd-like/crt/start.c \
	hurd-like/crt/traps.S hurd-like/crt/string.c hurd-like/crt/portico_traps.h
hurd_like_crt_libcrt_a_CFLAGS = $(USER_CFLAGS)
hurd_like_crt_libcrt_a_CPPFLAGS = $(USER_CPPFLAGS)
hurd_like_crt_libcrt_a_CCASFLAGS = $(USER_CPPFLAGS)

# A user program from one C file (and the test library for tests): one line each in
# the folders that build them, e.g.  hello.elf: hello.c $(USER_LIBS)
USER_LINK = $(CC) $(USER_CFLAGS) $(USER_CPPFLAGS) $(USER_LINKFLAGS) -o $@

# The first program `make run` boots: greets, shows its arguments, exits.
noinst_DATA += hurd-like/hello/hello.elf
hurd-like/hello/hello.elf: hurd-like/hello/hello.c $(USER_LIBS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CCLD)$(USER_LINK) $(srcdir)/hurd-like/hello/hello.c $(USER_LIBS)
EXTRA_DIST += hurd-like/hello/hello.c
CLEANFILES += hurd-like/hello/hello.elf
