# The kernel: a freestanding x86_64 ELF linked in the higher half (kernel.ld), loaded by
# GRUB as a multiboot kernel. Same gcc as the host tools, different flags.

KERNEL_CFLAGS = -std=gnu11 -Wall -Wextra -Werror \
	-ffreestanding -fno-pie -fno-pic -mcmodel=kernel -mno-red-zone \
	-mgeneral-regs-only -fno-stack-protector -fno-omit-frame-pointer \
	-fno-asynchronous-unwind-tables -fcf-protection=none \
	-fno-tree-loop-distribute-patterns
KERNEL_CPPFLAGS = -I$(srcdir)/kernel -I$(srcdir)/kernel/include -DPORTICO_KERNEL

# Portable kernel sources: no x86 instructions; host unit tests compile some of them.
KERNEL_PORTABLE_SOURCES = \
	kernel/kern/bootscript.c kernel/kern/bootscript.h \
	kernel/kern/bootstrap.c kernel/kern/bootstrap.h \
	kernel/kern/console.c kernel/kern/console.h \
	kernel/kern/copy.h \
	kernel/kern/elf.c kernel/kern/elf.h \
	kernel/kern/format.c kernel/kern/format.h \
	kernel/kern/host.c kernel/kern/host.h \
	kernel/kern/ipc_kobject.c \
	kernel/kern/ipc_traps.c \
	kernel/kern/ipc_tt.c kernel/kern/ipc_tt.h \
	kernel/kern/machine.h \
	kernel/kern/main.c \
	kernel/kern/multiboot.c kernel/kern/multiboot.h \
	kernel/kern/options.c kernel/kern/options.h \
	kernel/kern/panic.c kernel/kern/panic.h \
	kernel/kern/program.c kernel/kern/program.h \
	kernel/kern/list.h \
	kernel/kern/sched.c kernel/kern/sched.h \
	kernel/kern/sched_traps.c \
	kernel/kern/string.c kernel/kern/string.h \
	kernel/kern/task.c kernel/kern/task.h \
	kernel/kern/thread.c kernel/kern/thread.h \
	kernel/kern/timeout.c kernel/kern/timeout.h \
	kernel/kern/trap.c kernel/kern/trap.h \
	kernel/kern/zalloc.c kernel/kern/zalloc.h \
	kernel/ipc/kmsg.c kernel/ipc/kmsg.h \
	kernel/ipc/mach_msg.c \
	kernel/ipc/mqueue.c kernel/ipc/mqueue.h \
	kernel/ipc/notify.c kernel/ipc/notify.h \
	kernel/ipc/port.c kernel/ipc/port.h \
	kernel/ipc/port_ops.c kernel/ipc/port_ops.h \
	kernel/ipc/right.c kernel/ipc/right.h \
	kernel/ipc/space.c kernel/ipc/space.h \
	kernel/vm/kmem.c kernel/vm/kmem.h \
	kernel/vm/page_alloc.c kernel/vm/page_alloc.h \
	kernel/vm/page_boot.c kernel/vm/page_boot.h

KERNEL_ARCH_SOURCES = \
	kernel/arch/x86_64/boot.S \
	kernel/arch/x86_64/console_hw.h \
	kernel/arch/x86_64/copy_user.S kernel/arch/x86_64/copy.c \
	kernel/arch/x86_64/cpu.h \
	kernel/arch/x86_64/fpu.c kernel/arch/x86_64/fpu.h \
	kernel/arch/x86_64/gdt.c \
	kernel/arch/x86_64/idt.c \
	kernel/arch/x86_64/layout.h \
	kernel/arch/x86_64/machine.c kernel/arch/x86_64/machine_init.h \
	kernel/arch/x86_64/pmap.c kernel/arch/x86_64/pmap.h \
	kernel/arch/x86_64/serial.c \
	kernel/arch/x86_64/syscall_entry.S kernel/arch/x86_64/syscall.c \
	kernel/arch/x86_64/timer.c \
	kernel/arch/x86_64/trap.c kernel/arch/x86_64/trap.h \
	kernel/arch/x86_64/switch.S kernel/arch/x86_64/thread_machine.c \
	kernel/arch/x86_64/trap_entry.S \
	kernel/arch/x86_64/vga.c

noinst_PROGRAMS += kernel/portico
kernel_portico_SOURCES = $(KERNEL_PORTABLE_SOURCES) $(KERNEL_ARCH_SOURCES)
kernel_portico_CFLAGS = $(KERNEL_CFLAGS)
kernel_portico_CPPFLAGS = $(KERNEL_CPPFLAGS)
kernel_portico_CCASFLAGS = $(KERNEL_CPPFLAGS)
kernel_portico_LDFLAGS = -nostdlib -static -no-pie \
	-Wl,-T,$(srcdir)/kernel/arch/x86_64/kernel.ld -Wl,-z,max-page-size=0x1000 \
	-Wl,--build-id=none -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments
EXTRA_kernel_portico_DEPENDENCIES = kernel/arch/x86_64/kernel.ld
EXTRA_DIST += kernel/arch/x86_64/kernel.ld kernel/README.md
