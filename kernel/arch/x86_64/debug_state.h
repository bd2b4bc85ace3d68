/*
 * debug_state.h — hardware debug registers per thread (debug_state.c).
 *
 * A thread's DR0-DR3 and DR7 (struct thread's debug_regs, as i386_DEBUG_STATE gives
 * them) are loaded when it is switched to if it or the thread before it has any
 * breakpoint enabled; DR6 is read and cleared at each debug exception and kept there
 * for thread_get_state.
 */
#ifndef ARCH_X86_64_DEBUG_STATE_H
#define ARCH_X86_64_DEBUG_STATE_H

#include <stdbool.h>
#include <stdint.h>

struct thread;

/* thread_get_state / thread_set_state of i386_DEBUG_STATE (counts in 32-bit words):
 * KERN_SUCCESS, or KERN_INVALID_ARGUMENT for a short count or a state a user thread
 * may not use. */
int debug_get_state(struct thread *th, unsigned *state, unsigned *count);
int debug_set_state(struct thread *th, const unsigned *state, unsigned count);

/* Loads th's breakpoints into the debug registers (or disarms them). */
void debug_load(struct thread *th);

/* On a debug exception: DR6 (which breakpoint, or single step), cleared in the CPU
 * and kept in th's state. */
uint64_t debug_trap_status(struct thread *th);

#endif
