/*
 * thread.c — thread life cycle (see thread.h for the ownership and locking rules).
 */
#include <kern/thread.h>
#include <kern/sched.h>
#include <kern/task.h>
#include <kern/zalloc.h>
#include <kern/string.h>
#include <kern/machine.h>
#include <kern/host.h>
#include <kern/panic.h>
#include <vm/kmem.h>
#include <vm/page_alloc.h>
#include <arch/x86_64/layout.h>
#include <arch/x86_64/trap.h>
#include <kern/ipc_tt.h>
#include <ipc/port.h>

static struct zone thread_zone;
static int next_thread_id = 1;

void thread_init(void)
{
	zone_init(&thread_zone, "thread", sizeof(struct thread), &kernel_zone_source);
}

static struct thread *thread_alloc(int priority)
{
	struct thread *th = zalloc(&thread_zone);
	struct vm_page *stack = vm_page_alloc(&kernel_page_pool, KERNEL_STACK_ORDER);
	if (!th || !stack) {
		if (th)
			zfree(&thread_zone, th);
		if (stack)
			vm_page_free(&kernel_page_pool, stack, KERNEL_STACK_ORDER);
		return NULL;
	}
	memset(th, 0, sizeof(*th));
	list_init(&th->task_link);
	list_init(&th->pset_link);
	list_init(&th->sched_link);
	timeout_init(&th->timeout);
	timeout_init(&th->depress_timeout);
	th->id = next_thread_id++;
	th->kstack = phys_to_virt(vm_page_to_phys(&kernel_page_pool, stack));
	th->priority = th->base_priority = priority;
	th->max_priority = MAXPRI_USER;
	th->refs = 1;                 /* the "alive" reference, dropped when reaped */
	th->creation_tick = machine_ticks();
	th->state = THREAD_STOPPED;
	return th;
}

struct thread *thread_create_kernel(void (*fn)(void), int priority)
{
	struct thread *th = thread_alloc(priority);
	if (!th)
		return NULL;
	machine_thread_setup(th, fn);
	return th;
}

struct thread *thread_create_user(struct task *t, bool run)
{
	struct thread *th = thread_alloc(BASEPRI_USER);
	if (!th)
		return NULL;
	th->frame = (struct trap_frame *)((char *)th->kstack + KERNEL_STACK_SIZE) - 1;
	memset(th->frame, 0, sizeof(*th->frame));
	th->frame->cs = SEL_UCODE;
	th->frame->ss = SEL_UDATA;
	th->frame->rflags = 0x202;
	machine_thread_setup(th, NULL);
	if (ipc_thread_init(th) != KERN_SUCCESS) {
		th->state = THREAD_DEAD;
		vm_page_free(&kernel_page_pool, vm_page_from_phys(&kernel_page_pool,
				virt_to_phys(th->kstack)), KERNEL_STACK_ORDER);
		th->kstack = NULL;
		thread_deallocate(th);
		return NULL;
	}
	th->task = t;
	task_reference(t);
	list_insert_tail(&t->threads, &th->task_link);
	list_insert_tail(&pset_threads, &th->pset_link);
	t->nthreads++;
	th->suspend_count = run ? 0 : 1;
	thread_update_return_work(th);
	if (run && t->suspend_count == 0)
		thread_setrun(th);
	return th;
}

void thread_set_user_entry(struct thread *th, uint64_t entry, uint64_t rsp)
{
	th->frame->rip = entry;
	th->frame->rsp = rsp;
	frame_mark_changed(th->frame);
}

void thread_reference(struct thread *th)
{
	th->refs++;
}

void thread_deallocate(struct thread *th)
{
	if (!th)
		return;                 /* as GNU Mach: MIG destructors see failed conversions */
	assert(th->refs > 0);
	if (--th->refs == 0) {
		assert(th->state == THREAD_DEAD && !th->kstack);
		zfree(&thread_zone, th);
	}
}

/* Frees what a dead thread needs no more; runs on another thread's stack. */
static void thread_reap(struct thread *th)
{
	machine_thread_exit(th);
	ipc_thread_terminate(th);
	struct vm_page *pg = vm_page_from_phys(&kernel_page_pool, virt_to_phys(th->kstack));
	vm_page_free(&kernel_page_pool, pg, KERNEL_STACK_ORDER);
	th->kstack = NULL;
	th->frame = NULL;
	struct task *t = th->task;
	th->task = NULL;
	if (t) {
		t->dead_user_ticks += th->user_ticks;
		t->dead_system_ticks += th->system_ticks;
	}
	if (th->exception_port) {
		ipc_port_release_send(th->exception_port);
		th->exception_port = NULL;
	}
	thread_deallocate(th);
	if (t)
		task_deallocate(t);
}

void thread_terminate_self(void)
{
	struct thread *th = current_thread();
	struct task *t = th->task;
	th->state = THREAD_DEAD;
	if (t) {
		list_remove(&th->task_link);
		list_remove(&th->pset_link);
		t->nthreads--;
	}
	thread_block();
	panic("a dead thread ran again");
}

void thread_kill(struct thread *th)
{
	if (th == current_thread())
		thread_terminate_self();
	if (th->state == THREAD_DEAD || th->terminating)
		return;
	th->terminating = true;
	thread_update_return_work(th);
	if (th->state == THREAD_WAITING && th->interruptible)
		thread_wakeup(th, THREAD_INTERRUPTED);
	else if (th->state == THREAD_STOPPED)
		thread_setrun(th);
}

void thread_hold(struct thread *th)
{
	/* It stops on its way back to user mode (thread_return_to_user), before running
	 * another user instruction; a thread waiting in the kernel goes on waiting. */
	th->suspend_count++;
	thread_update_return_work(th);
}

void thread_update_return_work(struct thread *th)
{
	th->return_work = th->terminating || th->suspend_count > 0 ||
			  (th->task && th->task->suspend_count > 0);
}

bool thread_release(struct thread *th)
{
	if (th->suspend_count == 0)
		return false;
	--th->suspend_count;
	thread_update_return_work(th);
	if (th->suspend_count == 0 && th->state == THREAD_STOPPED &&
	    (!th->task || th->task->suspend_count == 0))
		thread_setrun(th);
	return true;
}

void thread_interrupt_wait(struct thread *th)
{
	if (th->state == THREAD_WAITING && th->interruptible)
		thread_wakeup(th, THREAD_INTERRUPTED);
}

void thread_return_to_user(void)
{
	for (;;) {
		struct thread *th = current_thread();
		if (th->terminating)
			thread_terminate_self();
		if (th->suspend_count > 0 || th->task->suspend_count > 0) {
			th->state = THREAD_STOPPED;
			thread_block();
			continue;
		}
		if (sched_resched_due()) {
			sched_yield();
			continue;
		}
		return;
	}
}

void thread_first_run(struct thread *prev)
{
	sched_after_switch(prev);
	thread_return_to_user();
}

void sched_after_switch(struct thread *prev)
{
	if (prev && prev->state == THREAD_DEAD && prev->kstack)
		thread_reap(prev);
}
