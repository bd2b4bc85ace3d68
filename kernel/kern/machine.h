/*
 * machine.h — what portable kernel code (kern/, vm/, ipc/) asks of the machine layer.
 * Implemented in arch/x86_64/; host unit tests provide their own versions.
 */
#ifndef KERN_MACHINE_H
#define KERN_MACHINE_H

#include <stdint.h>
#include <stdbool.h>

/* How the machine ends when Portico runs under the test harness (kernel option `test`).
 * The harness tells the outcomes apart by QEMU's exit status (see tests/guest/run-guest). */
enum machine_exit_code {
	EXIT_TEST_PASS = 0x10,  /* a test program reported success */
	EXIT_TEST_FAIL = 0x11,  /* a test program reported failure */
	EXIT_IDLE = 0x12,       /* every user task ended; the kernel was still running */
	EXIT_PANIC = 0x13,      /* kernel panic */
	EXIT_BOOT_FAILED = 0x14 /* bad boot input: no or bad module, bad command line */
};

/* Stops the machine for good: under the harness QEMU exits with `code`, otherwise the
 * CPU halts with interrupts off. */
__attribute__((noreturn)) void machine_halt(enum machine_exit_code code);

/* host_reboot: turn the machine off (ACPI soft-off) or reset it. */
__attribute__((noreturn)) void machine_poweroff(void);
__attribute__((noreturn)) void machine_reboot(void);

/* Prints the current call chain (frame pointers) to the console. */
void machine_backtrace(void);

/* Prints the CPU's state at the call (stack and frame pointers, flags, control
 * registers), for panic. */
void machine_dump_state(void);

struct thread;
/* Prepares a new thread's kernel stack so that the first switch into it starts it:
 * user threads in thread_first_run then user mode (registers from th->frame), kernel
 * threads in kernel_fn. */
void machine_thread_setup(struct thread *th, void (*kernel_fn)(void));
/* Switches CPU state and stacks from prev to next; returns, on prev's stack when prev
 * runs again, the thread that ran just before. */
struct thread *machine_switch(struct thread *prev, struct thread *next);
struct task;
/* A task's machine state goes away (its I/O permission bitmap on x86). */
void machine_task_exit(struct task *t);

/* Loads the thread's user segment bases into the CPU (after they changed). */
void machine_load_segment_bases(struct thread *th);
/* A thread's machine state goes away (FPU ownership, ...). */
void machine_thread_exit(struct thread *th);
/* Halts until the next interrupt, with interrupts enabled only while halted. */
void machine_idle_wait(void);

/* Seconds since 1970 at boot, from the machine's clock. */
uint64_t machine_boot_time(void);

/* Timer ticks since boot (HZ per second). */
uint64_t machine_ticks(void);
#define HZ 100

#endif
