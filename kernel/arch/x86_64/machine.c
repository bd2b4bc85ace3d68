/*
 * machine.c — the x86_64 machine layer's entry points for portable code
 * (kern/machine.h, kern/console.h) and the CPU set-up done once at boot.
 */
#include <arch/x86_64/machine_init.h>
#include <arch/x86_64/console_hw.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/layout.h>
#include <arch/x86_64/trap.h>
#include <arch/x86_64/fpu.h>
#include <kern/machine.h>
#include <kern/console.h>
#include <kern/options.h>

#define DEBUG_EXIT_PORT 0xf4   /* QEMU's isa-debug-exit, as the test harness sets it up */

struct cpu_local cpu0 = { .self = &cpu0 };

void machine_console_putc(char c)
{
	if (c == '\n')
		serial_putc('\r');
	serial_putc(c);
	vga_putc(c);
}

void machine_halt(enum machine_exit_code code)
{
	cpu_cli();
	if (kernel_options.test)
		outl(DEBUG_EXIT_PORT, code);    /* QEMU exits with (code << 1) | 1 */
	for (;;)
		cpu_hlt();
}

void machine_poweroff(void)
{
	cpu_cli();
	/* ACPI soft-off (sleep type 5): QEMU's PIIX4 power-management block at 0x600, and
	 * the older Bochs/QEMU port. */
	outw(0x604, 0x2000);
	outw(0xb004, 0x2000);
	for (;;)
		cpu_hlt();
}

void machine_reboot(void)
{
	cpu_cli();
	outb(0xcf9, 0x06);              /* reset control register: full reset */
	for (int i = 0; i < 100000 && (inb(0x64) & 2); i++)
		cpu_pause();
	outb(0x64, 0xfe);               /* the keyboard controller's reset line */
	for (;;)
		cpu_hlt();
}

void machine_idle_wait(void)
{
	cpu_sti_hlt();
	cpu_cli();
}

static int kernel_address(uint64_t a)
{
	return a >= PHYS_MAP_BASE;
}

void machine_backtrace_from(uint64_t rbp)
{
	kprintf("backtrace (addr2line -e kernel/portico ADDRESS...):\n");
	for (int depth = 0; depth < 24 && rbp; depth++) {
		if (!kernel_address(rbp) || (rbp & 7)) {
			kprintf("  (frame pointer %#lx is not a kernel address; stop)\n",
				(unsigned long)rbp);
			return;
		}
		uint64_t *frame = (uint64_t *)rbp;
		uint64_t ret = frame[1];
		if (!ret)
			break;
		kprintf("  #%d %#lx\n", depth, (unsigned long)ret);
		if (frame[0] <= rbp)     /* frames grow upwards; anything else is corrupt */
			break;
		rbp = frame[0];
	}
}

void machine_dump_state(void)
{
	uint64_t rsp, rbp;
	__asm__ volatile("movq %%rsp, %0; movq %%rbp, %1" : "=r"(rsp), "=r"(rbp));
	kprintf("  rsp %016lx rbp %016lx rflags %08lx\n", rsp, rbp, read_rflags());
	kprintf("  cr0 %016lx cr2 %016lx cr3 %016lx cr4 %016lx\n", read_cr0(), read_cr2(),
		read_cr3(), read_cr4());
	struct thread *th = cpu0.thread;
	kprintf("  running: %s\n", th ? "a thread's kernel stack" : "the boot stack");
}

void machine_backtrace(void)
{
	machine_backtrace_from((uint64_t)__builtin_frame_address(0));
}

void machine_early_init(void)
{
	serial_init();
	vga_init();
}

void machine_init(void)
{
	wrmsr(MSR_GS_BASE, (uint64_t)&cpu0);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	gdt_init();
	/* Loading the data selectors in gdt_init clears no base, but be explicit: %gs base
	 * must be the per-CPU block from here on. */
	wrmsr(MSR_GS_BASE, (uint64_t)&cpu0);
	idt_init();
	syscall_init();
	fpu_init();
	rtc_init();
	timer_init();
}

void machine_test_fault(bool broken_stack)
{
	if (broken_stack)
		/* No stack to push the #PF frame on: the CPU raises #DF, taken on IST1. */
		__asm__ volatile("movq $0xffffc00000001000, %%rsp; pushq %%rax" ::: "memory");
	*(volatile int *)0xffffc00000000000ul = 1;   /* nothing is mapped there */
}
