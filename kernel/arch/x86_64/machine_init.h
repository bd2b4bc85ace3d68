/*
 * machine_init.h — the x86_64 machine layer's boot-time set-up, called by kmain.
 */
#ifndef ARCH_X86_64_MACHINE_INIT_H
#define ARCH_X86_64_MACHINE_INIT_H

#include <stdint.h>

/* Consoles, before anything else prints. */
void machine_early_init(void);
/* GDT, TSS, IDT, syscall MSRs, FPU, timer; needs the page allocator. */
void machine_init(void);

void timer_init(void);
void timer_interrupt(void);
void machine_backtrace_from(uint64_t rbp);
uint64_t copy_fixup_lookup(uint64_t rip);

#endif
