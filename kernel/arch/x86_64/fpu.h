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

#include <kern/thread.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

struct thread;

void fpu_init(void);

/* The owner's state, and the CPU's state of it (fpu.c). An owner always has an area. */
extern struct thread *fpu_owner;
extern bool fpu_ts_on, fpu_use_xsave;
extern uint64_t fpu_xcr0;

static inline void fpu_xsave(void *area)
{
	__asm__ volatile("xsave64 (%0)" :: "r"(area), "a"((uint32_t)fpu_xcr0),
			 "d"((uint32_t)(fpu_xcr0 >> 32)) : "memory");
}
static inline void fpu_xrstor(const void *area)
{
	__asm__ volatile("xrstor64 (%0)" :: "r"(area), "a"((uint32_t)fpu_xcr0),
			 "d"((uint32_t)(fpu_xcr0 >> 32)) : "memory");
}
static inline void fpu_fxsave(void *area)
{
	__asm__ volatile("fxsave64 (%0)" :: "r"(area) : "memory");
}
static inline void fpu_fxrstor(const void *area)
{
	__asm__ volatile("fxrstor64 (%0)" :: "r"(area) : "memory");
}
static inline void fpu_save(void *area)
{
	if (fpu_use_xsave)
		fpu_xsave(area);
	else
		fpu_fxsave(area);
}
static inline void fpu_restore(const void *area)
{
	if (fpu_use_xsave)
		fpu_xrstor(area);
	else
		fpu_fxrstor(area);
}

void fpu_switch_slow(struct thread *next);
/* The switch from prev, the owner, to next, which has an area: prev's registers saved,
 * next's loaded. */
static inline void fpu_handover(struct thread *prev, struct thread *next, void *area)
{
	if (fpu_use_xsave) {
		fpu_xsave(prev->fpu);
		fpu_xrstor(area);
	} else {
		fpu_fxsave(prev->fpu);
		fpu_fxrstor(area);
	}
	fpu_owner = next;
}
/* At the switch from prev (running) to next: a thread that has used the FPU almost
 * surely uses it again soon (compilers copy structures with SSE), so its state is
 * loaded now, which costs less than the #NM trap that would otherwise come first; a
 * thread without an area gets CR0.TS set. The handover relies on this invariant of
 * fpu.c: while CR0.TS is clear, the running thread owns the FPU (every path that
 * gives up ownership, or switches to a thread that does not take it, sets TS), so prev
 * is the owner and has an area. */
static inline void fpu_switch(struct thread *prev, struct thread *next)
{
	void *area = next->fpu;
	if (__builtin_expect(area && !fpu_ts_on, 1))
		fpu_handover(prev, next, area);
	else
		fpu_switch_slow(next);
}
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
