/*
 * zalloc.h — zones: the kernel's allocator for fixed-size objects (tasks, threads,
 * ports, messages ...), in the manner of Mach's zalloc.
 *
 * Entry points: zone_init, zalloc, zfree, zone_get_stats, zone_first/zone_next (every
 * zone, for statistics and leak checks).
 *
 * A zone carves 4 KiB pages, taken from its page source, into elements. Each page
 * starts with a small header naming its zone, so zfree can tell a foreign or corrupt
 * pointer and panic instead of corrupting the free list; a freed element carries a
 * marker so a double free is caught too. Pages are kept by the zone once taken (like
 * Mach's zones); the statistics say how many.
 *
 * Locking: none yet (one CPU, no allocation in interrupt handlers).
 * Lifetime: a zone lives as long as the kernel; zone_init registers it.
 */
#ifndef KERN_ZALLOC_H
#define KERN_ZALLOC_H

#include <stddef.h>
#include <stdint.h>

#define ZONE_PAGE_SIZE 4096

struct zone_page_source {
	void *(*alloc_page)(void *ctx);     /* a ZONE_PAGE_SIZE-aligned page, or NULL */
	void *ctx;
};

struct zone_stats {
	size_t elem_size;
	size_t in_use;        /* elements allocated now */
	size_t max_in_use;
	size_t free;          /* elements on the free list */
	size_t pages;         /* pages taken from the source */
	size_t allocs, frees;
	size_t failures;      /* zalloc calls that returned NULL */
};

/* A free element: the free-list link and ZONE_FREE_MARK (zalloc clears the mark, zfree
 * checks and sets it). */
struct zone_free {
	struct zone_free *next;
	uint64_t mark;
};
#define ZONE_FREE_MARK 0xf4eef4eef4eef4eeull

struct zone {
	const char *name;
	size_t elem_size;
	size_t per_page;
	const struct zone_page_source *source;
	struct zone_free *free_list;
	struct zone_stats stats;
	struct zone *next;    /* registry of all zones */
};

/* size is rounded up to a multiple of 16 (and at least 16). */
void zone_init(struct zone *z, const char *name, size_t size,
	       const struct zone_page_source *source);
/* NULL when the page source is exhausted. Memory is not cleared. Inline while the free
 * list has an intact element; zalloc_slow grows the zone, or panics on a free element
 * written after free. */
void *zalloc_slow(struct zone *z);
static inline void *zalloc(struct zone *z)
{
	struct zone_free *f = z->free_list;
	if (__builtin_expect(!f || f->mark != ZONE_FREE_MARK, 0))
		return zalloc_slow(z);
	z->free_list = f->next;
	f->mark = 0;
	z->stats.free--;
	z->stats.allocs++;
	if (++z->stats.in_use > z->stats.max_in_use)
		z->stats.max_in_use = z->stats.in_use;
	return f;
}
void zfree(struct zone *z, void *elem);
void zone_get_stats(const struct zone *z, struct zone_stats *out);

struct zone *zone_first(void);
struct zone *zone_next(const struct zone *z);

#endif
