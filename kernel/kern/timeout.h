/*
 * timeout.h — callbacks run from the clock interrupt at a given tick (mach_msg and
 * thread_switch time-outs, sleeping).
 *
 * A struct timeout is embedded in its owner (a thread, say); the owner keeps it alive
 * while it is pending. Callbacks run in interrupt context with interrupts off: they may
 * wake threads, nothing that blocks.
 */
#ifndef KERN_TIMEOUT_H
#define KERN_TIMEOUT_H

#include <kern/list.h>
#include <stdint.h>

struct timeout {
	struct list link;          /* on the pending list, sorted by deadline */
	uint64_t deadline;         /* tick at which fn runs */
	void (*fn)(void *arg);
	void *arg;
};

void timeout_init(struct timeout *t);
/* Runs fn(arg) at tick `deadline` (or at the next tick if that is past). A pending
 * timeout is moved. */
void timeout_set(struct timeout *t, uint64_t deadline, void (*fn)(void *), void *arg);
static inline int timeout_pending(const struct timeout *t) { return !list_unlinked(&t->link); }
/* Inline: every wake-up cancels, and usually nothing is pending. */
static inline void timeout_cancel(struct timeout *t)
{
	if (timeout_pending(t))
		list_remove(&t->link);
}

/* Whether any time-out is pending (something will wake up by itself). */
int timeout_any_pending(void);

/* Called every tick by the clock: runs what is due. */
void timeout_tick(uint64_t now);

/* Milliseconds to ticks, rounded up so a wait is never shorter than asked. */
uint64_t ms_to_ticks(uint64_t ms);

#endif
