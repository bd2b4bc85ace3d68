/*
 * sched.c — run queues, blocking, waking, yielding, the clock tick and the idle thread
 * (see sched.h).
 *
 * Run queues: one FIFO list per priority and a bitmap of the non-empty ones (NRQS <= 64),
 * so picking the best thread is one count-trailing-zeros. The running thread is on no
 * queue. Locking: interrupts are off in the whole kernel and there is one CPU; every
 * function here would take the scheduler lock on a multiprocessor.
 */
#include <kern/sched.h>
#include <kern/task.h>
#include <kern/machine.h>
#include <kern/console.h>
#include <kern/options.h>
#include <kern/panic.h>
#include <kern/timeout.h>
#include <kern/leakcheck.h>

_Static_assert(NRQS <= 64, "the run-queue bitmap is one 64-bit word");

static struct list runq[NRQS];
uint64_t sched_runq_bits;             /* read inline by sched_handoff_direct */
/* The running thread. Per CPU once there are several (one CPU now). */
struct thread *sched_current_thread;
static struct thread *idle_thread;
/* A better thread became runnable, or the quantum ran out: yield on the way out. */
bool sched_resched_pending;
int sched_user_tasks;

static void runq_insert(struct thread *th, bool at_head)
{
	assert(th->priority >= 0 && th->priority < NRQS);
	if (at_head)
		list_insert_head(&runq[th->priority], &th->sched_link);
	else
		list_insert_tail(&runq[th->priority], &th->sched_link);
	sched_runq_bits |= 1ull << th->priority;
}

static struct thread *runq_take_best(void)
{
	if (!sched_runq_bits)
		return NULL;
	int pri = __builtin_ctzll(sched_runq_bits);
	struct list *first = list_first(&runq[pri]);
	list_remove(first);
	if (list_empty(&runq[pri]))
		sched_runq_bits &= ~(1ull << pri);
	return list_entry(first, struct thread, sched_link);
}

static void runq_remove(struct thread *th)
{
	list_remove(&th->sched_link);
	if (list_empty(&runq[th->priority]))
		sched_runq_bits &= ~(1ull << th->priority);
}

void thread_setrun(struct thread *th)
{
	assert(th->state != THREAD_RUNNING && th->state != THREAD_DEAD);
	/* THREAD_HANDOFF comes here when its waker did not block after all. */
	if (th->state == THREAD_RUNNABLE)
		return;
	th->state = THREAD_RUNNABLE;
	runq_insert(th, false);
	struct thread *cur = sched_current_thread;
	if (cur && (cur == idle_thread || th->priority < cur->priority))
		sched_resched_pending = true;
}

/* Switches from the running thread to next; returns when the caller runs again. */
static void switch_to(struct thread *next)
{
	struct thread *prev = sched_current_thread;
	if (next == prev) {
		prev->state = THREAD_RUNNING;
		return;
	}
	sched_switch_other(prev, next);
}

void thread_block(void)
{
	struct thread *next = runq_take_best();
	if (!next) {
		assert(sched_current_thread->state != THREAD_RUNNABLE || sched_current_thread == idle_thread);
		next = idle_thread;
	}
	switch_to(next);
}

void thread_handoff(struct thread *next)
{
	assert(next->state == THREAD_RUNNABLE || next->state == THREAD_WAITING ||
	       next->state == THREAD_HANDOFF);
	if (next->state == THREAD_RUNNABLE)
		runq_remove(next);
	thread_handoff_woken(next);
}

void thread_handoff_woken(struct thread *next)
{
	if (!sched_handoff_direct(next)) {
		next->state = THREAD_WAITING;      /* so thread_setrun queues it */
		thread_setrun(next);
		thread_block();
		return;
	}
	switch_to(next);
}

void sched_yield(void)
{
	struct thread *th = sched_current_thread;
	sched_resched_pending = false;
	if (th == idle_thread)
		return;
	if (!sched_runq_bits) {
		th->quantum = SCHED_QUANTUM;
		return;
	}
	th->state = THREAD_RUNNABLE;
	th->quantum = SCHED_QUANTUM;
	runq_insert(th, false);
	thread_block();
}

void sched_yield_to(struct thread *next)
{
	struct thread *th = sched_current_thread;
	th->state = THREAD_RUNNABLE;
	th->quantum = SCHED_QUANTUM;
	runq_insert(th, false);
	thread_handoff(next);
}

void sched_set_priority(struct thread *th, int priority)
{
	if (th->state == THREAD_RUNNABLE) {
		runq_remove(th);
		th->priority = priority;
		runq_insert(th, false);
	} else {
		th->priority = priority;
	}
}

void sched_tick(bool user)
{
	timeout_tick(machine_ticks());
	struct thread *th = sched_current_thread;
	if (!th || th == idle_thread)
		return;
	if (user)
		th->user_ticks++;
	else
		th->system_ticks++;
	if (--th->quantum <= 0 && sched_runq_bits &&
	    (unsigned)__builtin_ctzll(sched_runq_bits) <= (unsigned)th->priority)
		sched_resched_pending = true;
}

static void wait_timed_out(void *arg)
{
	struct thread *th = arg;
	if (th->state == THREAD_WAITING)
		thread_wakeup(th, THREAD_TIMED_OUT);
}

int waitq_sleep(struct waitq *wq, uint64_t ticks, bool interruptible)
{
	return waitq_sleep_handoff(wq, ticks, interruptible, NULL);
}

int waitq_sleep_handoff(struct waitq *wq, uint64_t ticks, bool interruptible,
			struct thread *next)
{
	struct thread *th = sched_current_thread;
	if (interruptible && th->terminating) {
		if (next)
			thread_setrun(next);
		return THREAD_INTERRUPTED;
	}
	th->state = THREAD_WAITING;
	th->waitq = wq;
	th->interruptible = interruptible;
	th->wait_result = THREAD_AWAKENED;
	if (wq)
		list_insert_tail(&wq->waiters, &th->sched_link);
	if (ticks)
		timeout_set(&th->timeout, machine_ticks() + ticks, wait_timed_out, th);
	if (next)
		thread_handoff(next);
	else
		thread_block();
	if (ticks)
		timeout_cancel(&th->timeout);
	return th->wait_result;
}

void thread_wakeup(struct thread *th, int result)
{
	if (th->state != THREAD_WAITING)
		return;
	thread_unwait(th, result);
	thread_setrun(th);
}

struct thread *waitq_wakeup_one(struct waitq *wq, int result)
{
	struct list *first = list_first(&wq->waiters);
	if (!first)
		return NULL;
	struct thread *th = list_entry(first, struct thread, sched_link);
	thread_wakeup(th, result);
	return th;
}

void waitq_wakeup_all_waiters(struct waitq *wq, int result)
{
	while (waitq_wakeup_one(wq, result))
		;
}

/* The idle thread: halts between interrupts while nothing is runnable. When every user
 * task has ended it says so once; under the test harness it then ends the run after a
 * few ticks, showing the kernel still takes interrupts. */
/* Under the test harness: every remaining thread has been blocked (or suspended) with
 * nothing pending that could wake it for STALL_TICKS — a deadlock or a forgotten
 * suspended task. Say so and end the run rather than wait for the harness's limit. */
#define STALL_TICKS HZ

static void check_stall(uint64_t *stalled_since)
{
	if (!kernel_options.test || sched_user_tasks == 0 || timeout_any_pending()) {
		*stalled_since = 0;
		return;
	}
	if (!*stalled_since)
		*stalled_since = machine_ticks();
	else if (machine_ticks() - *stalled_since >= STALL_TICKS) {
		kprintf("kernel: %d user task%s left but no thread can run (all blocked or "
			"suspended, nothing pending); ending the test run\n",
			sched_user_tasks, sched_user_tasks == 1 ? "" : "s");
		machine_halt(EXIT_IDLE);
	}
}

static void idle_loop(void)
{
	bool reported = false;
	uint64_t since = 0, stalled_since = 0;
	for (;;) {
		if (sched_runq_bits) {
			stalled_since = 0;
			thread_block();
			continue;
		}
		check_stall(&stalled_since);
		if (sched_user_tasks == 0 && !reported) {
			kprintf("kernel: no user task left; idle\n");
			reported = true;
			since = machine_ticks();
			if (kernel_options.test)
				leakcheck_report();
		}
		if (sched_user_tasks > 0)
			reported = false;
		if (reported && kernel_options.test && tasks_exited_ok > 0 && tasks_killed_by_fault == 0) {
			kprintf("kernel: every task exited with status 0; the test run passed\n");
			machine_halt(EXIT_TEST_PASS);
		}
		if (reported && kernel_options.test && machine_ticks() - since >= 3) {
			kprintf("kernel: still running, %lu timer ticks later; ending the test run\n",
				(unsigned long)(machine_ticks() - since));
			machine_halt(EXIT_IDLE);
		}
		machine_idle_wait();
	}
}

void sched_init(void)
{
	for (int i = 0; i < NRQS; i++)
		list_init(&runq[i]);
	idle_thread = thread_create_kernel(idle_loop, IDLE_PRIORITY - 1);
	if (!idle_thread)
		panic("sched: no memory for the idle thread");
	/* The boot flow becomes the idle thread's first run when it first blocks: it
	 * switches away from a stand-in for the boot stack that is never resumed. */
	static struct thread boot_stand_in;
	boot_stand_in.state = THREAD_DEAD;
	boot_stand_in.id = -1;
	sched_current_thread = &boot_stand_in;
}
