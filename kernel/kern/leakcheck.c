/*
 * leakcheck.c — see leakcheck.h.
 */
#include <kern/leakcheck.h>
#include <ipc/kmsg.h>
#include <vm/map_copy.h>
#include <kern/zalloc.h>
#include <kern/console.h>
#include <kern/string.h>
#include <vm/page_alloc.h>
#include <stdbool.h>

#define MAX_ZONES 64

static struct {
	const struct zone *zone;
	size_t in_use;
} baseline[MAX_ZONES];
static int nbaseline;
static size_t baseline_pages;
static bool taken;

/* Pages allocated from the pool and not held by a zone. */
static size_t pages_outside_zones(void)
{
	struct vm_page_pool_stats ps;
	vm_page_pool_stats(&kernel_page_pool, &ps);
	size_t used = ps.managed - ps.free;
	for (struct zone *z = zone_first(); z; z = zone_next(z))
		used -= z->stats.pages;
	return used;
}

void leakcheck_baseline(void)
{
	ipc_kmsg_cache_drain();
	vm_map_copy_cache_drain();
	nbaseline = 0;
	for (struct zone *z = zone_first(); z && nbaseline < MAX_ZONES; z = zone_next(z)) {
		baseline[nbaseline].zone = z;
		baseline[nbaseline].in_use = z->stats.in_use;
		nbaseline++;
	}
	baseline_pages = pages_outside_zones();
	taken = true;
}

static size_t baseline_of(const struct zone *z)
{
	for (int i = 0; i < nbaseline; i++)
		if (baseline[i].zone == z)
			return baseline[i].in_use;
	return 0;                     /* a zone made later started empty */
}

int leakcheck_report(void)
{
	if (!taken)
		return 0;
	ipc_kmsg_cache_drain();           /* kept for reuse, not leaked */
	vm_map_copy_cache_drain();
	int diffs = 0;
	for (struct zone *z = zone_first(); z; z = zone_next(z)) {
		size_t then = baseline_of(z);
		if (z->stats.in_use != then) {
			kprintf("kernel: leak: zone %s has %zu objects in use, %zu before the first task\n",
				z->name, z->stats.in_use, then);
			diffs++;
		}
	}
	size_t pages = pages_outside_zones();
	if (pages != baseline_pages) {
		kprintf("kernel: leak: %zu pages in use outside zones, %zu before the first task\n",
			pages, baseline_pages);
		diffs++;
	}
	if (!diffs)
		kprintf("kernel: allocator statistics are back to where they were before the first task\n");
	return diffs;
}
