/*
 * thread_machine.c — the x86_64 side of threads: initial kernel stacks, the switch
 * (stacks, TSS rsp0, address space, FPU ownership, segment bases).
 */
#include <kern/machine.h>
#include <kern/thread.h>
#include <kern/task.h>
#include <arch/x86_64/trap.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/pmap.h>
#include <arch/x86_64/fpu.h>
#include <arch/x86_64/debug_state.h>

struct thread *switch_stacks(uint64_t *save_ksp, uint64_t load_ksp, struct thread *prev);
void thread_start_user(void);
void thread_start_kernel(void);

/* What switch_stacks pops: r15 r14 r13 r12 rbx rbp, then the return address. */
struct switch_frame {
	uint64_t r15, r14, r13, r12, rbx, rbp, rip;
};

void machine_thread_setup(struct thread *th, void (*kernel_fn)(void))
{
	char *top = (char *)th->kstack + KERNEL_STACK_SIZE;
	char *below = th->frame ? (char *)th->frame : top;
	struct switch_frame *sf = (struct switch_frame *)below - 1;
	*sf = (struct switch_frame){ 0 };
	if (kernel_fn) {
		sf->r12 = (uint64_t)kernel_fn;
		sf->rip = (uint64_t)thread_start_kernel;
	} else {
		sf->rip = (uint64_t)thread_start_user;
	}
	th->ksp = (uint64_t)sf;
}

/* The kernel stack the next interrupt or trap from user mode starts on. */
static inline void set_kernel_stack(struct thread *next)
{
	uint64_t top = (uint64_t)next->kstack + KERNEL_STACK_SIZE;
	cpu0.kernel_rsp = top;
	cpu0.thread = next;
	tss_set_kernel_stack(top);
}

/* The user's %gs base lives in KERNEL_GS_BASE while in the kernel (swapgs). */
static inline void switch_segment_bases(struct thread *prev, struct thread *next)
{
	if (prev->fs_base != next->fs_base)
		wrmsr(MSR_FS_BASE, next->fs_base);
	if (prev->gs_base != next->gs_base)
		wrmsr(MSR_KERNEL_GS_BASE, next->gs_base);
}

/* Every switch: the address space, segment bases and I/O bitmap between tasks (a
 * kernel thread, with no task, keeps the address space it finds: the kernel half is
 * in every one), the FPU (fpu_switch), the debug registers of threads that use them. */
static __attribute__((noinline)) struct thread *switch_general(struct thread *prev,
								struct thread *next)
{
	set_kernel_stack(next);
	struct task *t = next->task;
	if (t != prev->task || !t) {
		if (t) {
			pmap_activate(&t->map->pmap);
			if (prev->task)
				switch_segment_bases(prev, next);
			else
				machine_load_segment_bases(next);
		}
		tss_switch_io_bitmap(t ? t->io_bitmap : NULL);
	} else {
		switch_segment_bases(prev, next);
	}
	fpu_switch(prev, next);
	/* Breakpoints: only threads that use them pay for loading the registers. */
	if ((prev->debug_regs[7] | next->debug_regs[7]) & 0xff)
		debug_load(next);
	return switch_stacks(&prev->ksp, next->ksp, prev);
}

/* An RPC's switch, between two user threads that use the FPU (the handover of
 * fpu_switch applies), no I/O bitmap and no breakpoints in play, inline and with no
 * call before switch_stacks, so that it saves no register of its own; anything else
 * is switch_general's. Runs on prev's stack and returns on next's, with the thread
 * that ran last before this one resumed. */
struct thread *machine_switch(struct thread *prev, struct thread *next)
{
	struct task *t = next->task, *pt = prev->task;
	void *area = next->fpu;
	if (__builtin_expect(!t, 0) || __builtin_expect(!pt, 0) || __builtin_expect(!area, 0) ||
	    __builtin_expect(fpu_ts_on, 0) ||
	    __builtin_expect((prev->debug_regs[7] | next->debug_regs[7]) & 0xff, 0))
		return switch_general(prev, next);
	if (t != pt) {
		if (__builtin_expect(t->io_bitmap || tss_io_open, 0))
			return switch_general(prev, next);
		pmap_activate(&t->map->pmap);
	}
	set_kernel_stack(next);
	switch_segment_bases(prev, next);
	fpu_handover(prev, next, area);
	return switch_stacks(&prev->ksp, next->ksp, prev);
}

void machine_load_segment_bases(struct thread *th)
{
	wrmsr(MSR_FS_BASE, th->fs_base);
	wrmsr(MSR_KERNEL_GS_BASE, th->gs_base);   /* the user's, while in the kernel */
}

void machine_thread_exit(struct thread *th)
{
	fpu_thread_exit(th);
}
