/*
 * machine_init.h — the x86_64 machine layer's boot-time set-up, called by kmain.
 */
#ifndef ARCH_X86_64_MACHINE_INIT_H
#define ARCH_X86_64_MACHINE_INIT_H

#include <stdint.h>
#include <stdbool.h>

/* Consoles, before anything else prints. */
void machine_early_init(void);
/* GDT, TSS, IDT, syscall MSRs, FPU, timer; needs the page allocator. */
void machine_init(void);

/* For the tests of the fault paths: a kernel-mode page fault, or (broken_stack) a fault
 * with an unusable stack, which the CPU turns into a double fault. */
void machine_test_fault(bool broken_stack);

void timer_init(void);
void rtc_init(void);
void timer_interrupt(void);
void machine_backtrace_from(uint64_t rbp);
uint64_t copy_fixup_lookup(uint64_t rip);

#endif
