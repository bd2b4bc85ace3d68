/*
 * gsync.c — GNU Mach's gsync: futex-like waiting on a word of user memory, the basis of
 * glibc's locks on the Hurd (gnumach.defs: gsync_wait, gsync_wake, gsync_requeue).
 *
 * A waiter is keyed by (task, address), or with GSYNC_SHARED by the physical address of
 * the word, so tasks sharing the page meet. Waiters live on the waiting thread's stack,
 * in one of a fixed number of buckets hashed by key, each bucket a FIFO. Reading and
 * writing the word go through the task's page tables and the direct map, so another
 * task's memory can be used too and a fault is impossible: an unmapped word is
 * KERN_INVALID_ADDRESS. Codes follow GNU Mach: mismatching values and "no waiter" are
 * KERN_INVALID_ARGUMENT, a time-out KERN_TIMEDOUT, an interruption KERN_INTERRUPTED.
 *
 * Locking: one CPU, kernel not preemptive; the check of the value and the sleep happen
 * with nothing in between, so no wake-up is lost.
 */
#include <kern/mig_convert.h>
#include <kern/task.h>
#include <kern/sched.h>
#include <kern/machine.h>
#include <kern/timeout.h>
#include <arch/x86_64/layout.h>
#include <vm/fault.h>
#include <vm/object.h>
#include "gnumach_S.h"

#define GSYNC_SHARED    0x01
#define GSYNC_QUAD      0x02
#define GSYNC_TIMED     0x04
#define GSYNC_BROADCAST 0x08
#define GSYNC_MUTATE    0x10

#define BUCKETS 64

struct gsync_key {
	uint64_t a, b;               /* (task, address) or (0, physical address) */
};

struct gsync_waiter {
	struct list link;
	struct gsync_key key;
	struct waitq wq;             /* just this thread, so a wake is aimed */
};

static struct list buckets[BUCKETS];
static bool buckets_ready;

static struct list *bucket_of(const struct gsync_key *k)
{
	if (!buckets_ready) {
		for (int i = 0; i < BUCKETS; i++)
			list_init(&buckets[i]);
		buckets_ready = true;
	}
	uint64_t h = (k->a ^ (k->b >> 2)) * 0x9e3779b97f4a7c15ull;
	return &buckets[h >> 58];
}

/* The word at addr in t, faulted in from its map; NULL if not mapped (or, for a write,
 * not writable by the task). A write resolves copy-on-write first, so the word is the
 * task's own. */
static uint32_t *word(struct task *t, uint64_t addr, bool write)
{
	if (!t->map || addr < USER_MIN || addr >= USER_MAX)
		return NULL;
	struct vm_page *pg;
	if (vm_fault_page(t->map, trunc_page(addr), write ? VM_PROT_WRITE : VM_PROT_READ,
			  false, &pg) != KERN_SUCCESS)
		return NULL;
	return (uint32_t *)((char *)vm_page_kva(pg) + (addr & PAGE_MASK));
}

static kern_return_t make_key(struct task *t, uint64_t addr, int flags, struct gsync_key *k)
{
	if (!t)
		return KERN_INVALID_TASK;
	if (addr % 4)
		return KERN_INVALID_ADDRESS;
	uint32_t *w = word(t, addr, false);
	if (!w || ((flags & GSYNC_QUAD) && !word(t, addr + 4, false)))
		return KERN_INVALID_ADDRESS;
	if (flags & GSYNC_SHARED)
		*k = (struct gsync_key){ 0, virt_to_phys(w) };
	else
		*k = (struct gsync_key){ (uint64_t)t, addr };
	return KERN_SUCCESS;
}

static bool same(const struct gsync_key *x, const struct gsync_key *y)
{
	return x->a == y->a && x->b == y->b;
}

kern_return_t gsync_wait(task_t task, vm_address_t addr, unsigned val1, unsigned val2,
			 natural_t msec, int flags)
{
	struct task *t = (struct task *)task;
	struct gsync_waiter w;
	kern_return_t kr = make_key(t, addr, flags, &w.key);
	if (kr != KERN_SUCCESS)
		return kr;
	if (*word(t, addr, false) != val1 || ((flags & GSYNC_QUAD) && *word(t, addr + 4, false) != val2))
		return KERN_INVALID_ARGUMENT;
	waitq_init(&w.wq);
	list_insert_tail(bucket_of(&w.key), &w.link);
	uint64_t ticks = (flags & GSYNC_TIMED) ? (ms_to_ticks(msec) ? ms_to_ticks(msec) : 1) : 0;
	int r = waitq_sleep(&w.wq, ticks, true);
	if (!list_unlinked(&w.link))
		list_remove(&w.link);
	if (r == THREAD_TIMED_OUT)
		return KERN_TIMEDOUT;
	if (r == THREAD_INTERRUPTED)
		return KERN_INTERRUPTED;
	return KERN_SUCCESS;
}

/* Wakes up to `max` waiters with key k (0: all); returns how many. */
static int wake(const struct gsync_key *k, int max)
{
	struct list *b = bucket_of(k), *pos, *tmp;
	int n = 0;
	list_for_each_safe(pos, tmp, b) {
		struct gsync_waiter *w = list_entry(pos, struct gsync_waiter, link);
		if (!same(&w->key, k))
			continue;
		list_remove(&w->link);
		waitq_wakeup_one(&w->wq, THREAD_AWAKENED);
		if (++n == max)
			break;
	}
	return n;
}

kern_return_t gsync_wake(task_t task, vm_address_t addr, unsigned val, int flags)
{
	struct task *t = (struct task *)task;
	struct gsync_key k;
	kern_return_t kr = make_key(t, addr, flags, &k);
	if (kr != KERN_SUCCESS)
		return kr;
	if (flags & GSYNC_MUTATE) {
		uint32_t *w = word(t, addr, true);
		if (!w)
			return KERN_INVALID_ADDRESS;
		*w = val;                    /* even when nobody waits, as in GNU Mach */
	}
	return wake(&k, (flags & GSYNC_BROADCAST) ? 0 : 1) ? KERN_SUCCESS : KERN_INVALID_ARGUMENT;
}

kern_return_t gsync_requeue(task_t task, vm_address_t src, vm_address_t dst, boolean_t wake_one,
			    int flags)
{
	struct task *t = (struct task *)task;
	struct gsync_key sk, dk;
	kern_return_t kr = make_key(t, src, flags, &sk);
	if (kr == KERN_SUCCESS)
		kr = make_key(t, dst, flags, &dk);
	if (kr != KERN_SUCCESS)
		return kr;
	/* Up to 1 + wake_one waiters (all with GSYNC_BROADCAST) move from src to dst; with
	 * wake_one the first of them is woken instead of moved. */
	unsigned budget = (flags & GSYNC_BROADCAST) ? ~0u : 1u + (wake_one ? 1u : 0u);
	struct list *from = bucket_of(&sk), *pos, *tmp;
	bool found = false, woke = !wake_one;
	list_for_each_safe(pos, tmp, from) {
		struct gsync_waiter *w = list_entry(pos, struct gsync_waiter, link);
		if (!same(&w->key, &sk))
			continue;
		found = true;
		list_remove(&w->link);
		if (!woke) {
			waitq_wakeup_one(&w->wq, THREAD_AWAKENED);
			woke = true;
		} else {
			w->key = dk;
			list_insert_tail(bucket_of(&dk), &w->link);
		}
		if (--budget == 0)
			break;
	}
	return found ? KERN_SUCCESS : KERN_INVALID_ARGUMENT;
}
