/*
 * timeout.c — the pending time-outs, one list sorted by deadline (few are pending at
 * once: one per thread at most). Locking: the kernel runs with interrupts off, and this
 * list is touched from the clock interrupt and from threads; one CPU. A second CPU
 * needs a lock here.
 */
#include <kern/timeout.h>
#include <kern/machine.h>

static struct list pending = LIST_INIT(pending);

void timeout_init(struct timeout *t)
{
	list_init(&t->link);
}

void timeout_set(struct timeout *t, uint64_t deadline, void (*fn)(void *), void *arg)
{
	if (timeout_pending(t))
		list_remove(&t->link);
	t->deadline = deadline;
	t->fn = fn;
	t->arg = arg;
	struct list *pos;
	list_for_each(pos, &pending)
		if (list_entry(pos, struct timeout, link)->deadline > deadline)
			break;
	list_insert_before(pos, &t->link);
}


void timeout_tick(uint64_t now)
{
	struct list *first;
	while ((first = list_first(&pending))) {
		struct timeout *t = list_entry(first, struct timeout, link);
		if (t->deadline > now)
			break;
		list_remove(&t->link);
		t->fn(t->arg);
	}
}

int timeout_any_pending(void)
{
	return !list_empty(&pending);
}

uint64_t ms_to_ticks(uint64_t ms)
{
	return (ms * HZ + 999) / 1000;
}
