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

/* A switch between two user tasks (an RPC's): address space, segment bases (the user's
 * %gs base lives in KERNEL_GS_BASE while in the kernel: swapgs), I/O bitmap. */
static inline void switch_user_task(struct thread *prev, struct thread *next, struct task *t)
{
	pmap_activate(&t->map->pmap);
	if (prev->fs_base != next->fs_base)
		wrmsr(MSR_FS_BASE, next->fs_base);
	if (prev->gs_base != next->gs_base)
		wrmsr(MSR_KERNEL_GS_BASE, next->gs_base);
	tss_switch_io_bitmap(t->io_bitmap);
}

/* To or from a kernel thread (no task): a kernel thread keeps the address space it
 * finds (the kernel half is in every one) and has no I/O ports. */
static void switch_kernel_side(struct thread *prev, struct thread *next)
{
	if (next->task) {
		pmap_activate(&next->task->map->pmap);
		machine_load_segment_bases(next);
	}
	(void)prev;
	tss_switch_io_bitmap(next->task ? next->task->io_bitmap : NULL);
}

/* Runs on prev's stack and returns on next's (switch_stacks), with the thread that ran
 * last before this one resumed. The FPU: see fpu_switch. */
struct thread *machine_switch(struct thread *prev, struct thread *next)
{
	uint64_t top = (uint64_t)next->kstack + KERNEL_STACK_SIZE;
	cpu0.kernel_rsp = top;
	cpu0.thread = next;
	tss_set_kernel_stack(top);
	struct task *t = next->task;
	if (__builtin_expect(t != prev->task, 0)) {
		if (__builtin_expect(t && prev->task, 1))
			switch_user_task(prev, next, t);
		else
			switch_kernel_side(prev, next);
	} else if (__builtin_expect(!t, 0)) {
		tss_switch_io_bitmap(NULL);
	} else if (__builtin_expect(prev->fs_base != next->fs_base ||
				  prev->gs_base != next->gs_base, 0)) {
		machine_load_segment_bases(next);
	}
	fpu_switch(prev, next);
	/* Breakpoints: only threads that use them pay for loading the registers. */
	if (__builtin_expect((prev->debug_regs[7] | next->debug_regs[7]) & 0xff, 0))
		debug_load(next);
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
