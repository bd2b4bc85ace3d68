/*
 * zalloc.c — fixed-size object zones (see zalloc.h).
 *
 * Page layout: [struct zone_page header][element 0][element 1]... Elements start at a
 * 16-byte boundary. A free element holds the free-list link and FREE_MARK; zalloc
 * clears the mark, zfree checks and sets it.
 */
#include <kern/zalloc.h>
#include <kern/panic.h>
#include <stdint.h>

#define ZONE_PAGE_MAGIC 0x5a4f4e45504147ull   /* "ZONEPAG" */
#define FREE_MARK ZONE_FREE_MARK

struct zone_page {
	uint64_t magic;
	struct zone *zone;
};

#define HEADER_SIZE ((sizeof(struct zone_page) + 15) & ~(size_t)15)

static struct zone *all_zones;

void zone_init(struct zone *z, const char *name, size_t size,
	       const struct zone_page_source *source)
{
	/* Checked before rounding: rounding a size near SIZE_MAX wraps it to 0. The bound
	 * is a multiple of 16, so a size that passes still fits once rounded. */
	if (size > ZONE_PAGE_SIZE - HEADER_SIZE)
		panic("zone %s: element size %zu does not fit a page", name, size);
	size = size < 16 ? 16 : (size + 15) & ~(size_t)15;
	*z = (struct zone){ .name = name, .elem_size = size, .source = source,
			    .per_page = (ZONE_PAGE_SIZE - HEADER_SIZE) / size };
	z->stats.elem_size = size;
	z->next = all_zones;
	all_zones = z;
}

static int zone_grow(struct zone *z)
{
	struct zone_page *page = z->source->alloc_page(z->source->ctx);
	if (!page)
		return 0;
	if ((uintptr_t)page & (ZONE_PAGE_SIZE - 1))
		panic("zone %s: page source gave unaligned page %p", z->name, (void *)page);
	page->magic = ZONE_PAGE_MAGIC;
	page->zone = z;
	char *base = (char *)page + HEADER_SIZE;
	for (size_t i = z->per_page; i-- > 0;) {
		struct zone_free *f = (struct zone_free *)(base + i * z->elem_size);
		f->next = z->free_list;
		f->mark = FREE_MARK;
		z->free_list = f;
	}
	z->stats.pages++;
	z->stats.free += z->per_page;
	return 1;
}

void *zalloc_slow(struct zone *z)
{
	if (!z->free_list && !zone_grow(z)) {
		z->stats.failures++;
		return NULL;
	}
	struct zone_free *f = z->free_list;
	if (f->mark != FREE_MARK)
		panic("zone %s: free element %p was written after free", z->name, (void *)f);
	return zalloc(z);               /* an intact element at hand: the inline path */
}

void zfree(struct zone *z, void *elem)
{
	struct zone_page *page = (struct zone_page *)((uintptr_t)elem & ~(uintptr_t)(ZONE_PAGE_SIZE - 1));
	uintptr_t off = (uintptr_t)elem - (uintptr_t)page;
	if (!elem || page->magic != ZONE_PAGE_MAGIC || page->zone != z)
		panic("zone %s: zfree of %p, which is not an element of this zone", z->name, elem);
	if (off < HEADER_SIZE || (off - HEADER_SIZE) % z->elem_size ||
	    (off - HEADER_SIZE) / z->elem_size >= z->per_page)
		panic("zone %s: zfree of %p, which is not the start of an element", z->name, elem);
	struct zone_free *f = elem;
	if (f->mark == FREE_MARK)
		panic("zone %s: double free of %p", z->name, elem);
	f->mark = FREE_MARK;
	f->next = z->free_list;
	z->free_list = f;
	z->stats.free++;
	z->stats.in_use--;
	z->stats.frees++;
}

void zone_get_stats(const struct zone *z, struct zone_stats *out)
{
	*out = z->stats;
}

struct zone *zone_first(void)
{
	return all_zones;
}

struct zone *zone_next(const struct zone *z)
{
	return z->next;
}
