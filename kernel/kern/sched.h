/*
 * sched.h — the scheduler: priority run queues with round-robin time slices, blocking
 * and waking through wait queues, and yielding (swtch, swtch_pri, thread_switch).
 *
 * A thread runs until it blocks, yields, or its quantum ends at a clock tick while a
 * thread of equal or better priority is runnable (the switch then happens on its way
 * back to user mode: the kernel itself is not preempted). When nothing is runnable the
 * idle thread halts the CPU until an interrupt.
 */
#ifndef KERN_SCHED_H
#define KERN_SCHED_H

#include <kern/thread.h>
#include <kern/machine.h>
#include <kern/panic.h>
#include <kern/timeout.h>

#define SCHED_QUANTUM 5               /* ticks (50 ms at 100 Hz) */

struct waitq {
	struct list waiters;          /* threads, in arrival order */
};

void sched_init(void);

/* Makes th runnable (at the tail of its priority's queue). */
void thread_setrun(struct thread *th);

/* The current thread gives up the CPU; its state says why (WAITING, STOPPED, DEAD, or
 * RUNNABLE when yielding). Returns when it runs again. */
void thread_block(void);

/* Gives the CPU straight to `next` (runnable, waiting, or woken for handoff), bypassing
 * the run queues; the current thread's state is already set. The RPC path's switch. If
 * a thread of better priority than `next` is runnable, that one runs instead and
 * `next` goes on its run queue: a handoff never inverts priorities. */
void thread_handoff(struct thread *next);
/* The same for a thread known to be waiting or woken for handoff (on no run queue). */
void thread_handoff_woken(struct thread *next);

/* The run queues' bitmap (a bit per non-empty priority), for the inline handoff. */
extern uint64_t sched_runq_bits;
void sched_after_switch(struct thread *prev);

/* Whether next may run now: no runnable thread of better priority waits. */
static inline bool sched_handoff_direct(const struct thread *next)
{
	return __builtin_expect(sched_runq_bits == 0, 1) ||
	       (unsigned)__builtin_ctzll(sched_runq_bits) >= (unsigned)next->priority;
}

/* The switch itself, from prev (running) to another thread next. */
static inline void sched_switch_other(struct thread *prev, struct thread *next)
{
	next->state = THREAD_RUNNING;
	if (next->quantum <= 0)
		next->quantum = SCHED_QUANTUM;
	sched_current_thread = next;
	struct thread *last = machine_switch(prev, next);
	if (__builtin_expect(last && last->state == THREAD_DEAD, 0))
		sched_after_switch(last);        /* the dead thread's stack can go now */
}

/* thread_handoff_woken inline, for the RPC path. */
static inline void thread_handoff_woken_inline(struct thread *next)
{
	if (__builtin_expect(!sched_handoff_direct(next), 0))
		thread_handoff_woken(next);
	else
		sched_switch_other(sched_current_thread, next);
}

/* Puts the current thread at the back of its queue and runs the best runnable thread. */
void sched_yield(void);

/* Puts the current thread on its run queue and runs `next` (runnable) at once. */
void sched_yield_to(struct thread *next);

/* Changes th's current priority, moving it between run queues if it is queued. */
void sched_set_priority(struct thread *th, int priority);

/* Clock tick from the timer interrupt; `user` says whether it interrupted user mode
 * (for the thread's time accounting). */
void sched_tick(bool user);

/* Whether a reschedule is due at the next return to user mode. */
extern bool sched_resched_pending;
static inline bool sched_resched_due(void)
{
	return sched_resched_pending;
}

static inline void waitq_init(struct waitq *wq)
{
	list_init(&wq->waiters);
}
/* Blocks the current thread on wq until woken, for at most `ticks` (0: no limit).
 * Returns THREAD_AWAKENED (or the result the waker gave), THREAD_TIMED_OUT or
 * THREAD_INTERRUPTED (only when interruptible). */
int waitq_sleep(struct waitq *wq, uint64_t ticks, bool interruptible);
/* Wakes the first waiter with `result`; returns it, or NULL if none waited. */
struct thread *waitq_wakeup_one(struct waitq *wq, int result);
void waitq_wakeup_all_waiters(struct waitq *wq, int result);
/* Inline: a dying port wakes its (usually empty) queues. */
static inline void waitq_wakeup_all(struct waitq *wq, int result)
{
	if (!list_empty(&wq->waiters))
		waitq_wakeup_all_waiters(wq, result);
}
/* Takes th off its wait queue and makes it runnable with `result`. */
void thread_wakeup(struct thread *th, int result);
/* Takes th off its wait queue and its time-out, with the result it will see. */
static inline void thread_unwait(struct thread *th, int result)
{
	if (th->waitq) {
		list_remove(&th->sched_link);
		th->waitq = NULL;
	}
	timeout_cancel(&th->timeout);
	th->wait_result = result;
}
/* Takes a waiting th off its wait queue with `result` into THREAD_HANDOFF: on no queue,
 * to be run next by the caller. The caller must then pass it to thread_handoff (or
 * waitq_sleep_handoff) or, if it does not block after all, to thread_setrun, before
 * anything else can run. */
static inline void thread_wakeup_handoff(struct thread *th, int result)
{
	assert(th->state == THREAD_WAITING);
	thread_unwait(th, result);
	th->state = THREAD_HANDOFF;
}
/* The same for a th found on a wait queue (its waitq is set). */
static inline void thread_wakeup_handoff_queued(struct thread *th, int result)
{
	assert(th->state == THREAD_WAITING);
	list_remove(&th->sched_link);
	th->waitq = NULL;
	timeout_cancel(&th->timeout);
	th->wait_result = result;
	th->state = THREAD_HANDOFF;
}
/* The current thread becomes a waiter on wq (state WAITING, no time-out); the caller
 * then blocks (thread_block or thread_handoff) and reads th->wait_result. What
 * waitq_sleep does, for the RPC path to do inline. */
static inline void waitq_prepare_wait(struct thread *th, struct waitq *wq, bool interruptible)
{
	th->state = THREAD_WAITING;
	th->waitq = wq;
	th->interruptible = interruptible;
	th->wait_result = THREAD_AWAKENED;
	list_insert_tail(&wq->waiters, &th->sched_link);
}

/* waitq_sleep that hands the CPU to `next` (see thread_handoff) instead of picking
 * from the run queues; next may be NULL. */
int waitq_sleep_handoff(struct waitq *wq, uint64_t ticks, bool interruptible,
			struct thread *next);

/* Called by the machine layer right after every switch, on the new thread's stack. */
void sched_after_switch(struct thread *prev);

/* Number of user tasks alive (the idle loop reports when it reaches 0). */
extern int sched_user_tasks;

#endif
