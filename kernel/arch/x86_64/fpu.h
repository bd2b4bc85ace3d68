/*
 * fpu.h — user FPU/SSE/AVX state: loaded at the switch for threads that use it, lazily
 * for the others.
 *
 * Only one thread's state is in the FPU registers at a time (the owner). A thread
 * gets a state area at its first FPU instruction, which traps (#NM, CR0.TS set): the
 * trap saves the owner's state into its area and loads the current thread's. From then
 * on, switching to it saves the owner's state and loads its own at once (RPC partners
 * both use SSE, and a trap per switch costs more than the load). Switching to a thread
 * without an area sets CR0.TS, so threads that never touch the FPU cost nothing. XSAVE is used when the CPU has it (x87, SSE
 * and AVX state), FXSAVE otherwise. The kernel itself never uses the FPU.
 */
#ifndef ARCH_X86_64_FPU_H
#define ARCH_X86_64_FPU_H

#include <stddef.h>
#include <stdbool.h>

struct thread;

void fpu_init(void);
void fpu_switch(struct thread *next);
/* #NM from user mode: make the FPU the current thread's. false if out of memory. */
bool fpu_trap(void);
void fpu_thread_exit(struct thread *th);
/* Bytes of state (what i386_get_xstate_size reports). */
size_t fpu_state_size(void);
/* Whether the state is an XSAVE image (else FXSAVE). */
bool fpu_uses_xsave(void);
/* Copies th's state (fpu_state_size() bytes) into dst: its saved area, its live
 * registers if it owns the FPU, or the initial state if it never used the FPU. */
void fpu_export(struct thread *th, void *dst);
/* Replaces th's state with src (fpu_state_size() bytes), made safe to restore: MXCSR
 * reserved bits cleared, XSAVE header limited to the enabled components. false if no
 * memory for the area. */
bool fpu_import(struct thread *th, const void *src);

#endif
