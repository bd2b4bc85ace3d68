/*
 * idle.h — what the CPU does when no user thread is left to run.
 */
#ifndef KERN_IDLE_H
#define KERN_IDLE_H

/* Halts the CPU between interrupts for ever. Under the test harness it waits a few timer
 * ticks (showing the kernel is alive and taking interrupts) and ends the run with
 * EXIT_IDLE. */
__attribute__((noreturn)) void kernel_idle(void);

#endif
