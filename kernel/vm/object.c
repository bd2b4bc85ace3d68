/*
 * object.c — VM objects and their resident pages (see object.h for the rules).
 */
#include <vm/object.h>
#include <vm/kmem.h>
#include <vm/pager.h>
#include <kern/zalloc.h>
#include <kern/string.h>
#include <kern/panic.h>
#include <arch/x86_64/layout.h>
#include <arch/x86_64/pmap.h>
#include <mach/vm_prot.h>

struct vm_counts vm_counts;
static struct zone object_zone;

void vm_object_init(void)
{
	zone_init(&object_zone, "vm_object", sizeof(struct vm_object), &kernel_zone_source);
}

uint64_t vm_page_phys(const struct vm_page *pg)
{
	return vm_page_to_phys(&kernel_page_pool, pg);
}

void *vm_page_kva(const struct vm_page *pg)
{
	return phys_to_virt(vm_page_phys(pg));
}

struct vm_page *vm_page_grab(bool zero)
{
	struct vm_page *pg = vm_page_alloc(&kernel_page_pool, 0);
	if (!pg)
		return NULL;
	pg->flags = 0;
	pg->wire_count = 0;
	pg->object = NULL;
	pg->offset = 0;
	if (zero)
		memset(vm_page_kva(pg), 0, PAGE_SIZE);
	return pg;
}

struct vm_object *vm_object_create(uint64_t size)
{
	struct vm_object *o = zalloc(&object_zone);
	if (!o)
		return NULL;
	memset(o, 0, sizeof(*o));
	o->refs = 1;
	o->size = size;
	o->internal = true;
	return o;
}

void vm_object_reference(struct vm_object *o)
{
	assert(o->refs > 0);
	o->refs++;
}

static struct vm_page *page_of(struct rb_node *n)
{
	return n ? rb_entry(n, struct vm_page, link) : NULL;
}

/* The first resident page at or after offset, or NULL. */
static struct vm_page *page_ceiling(const struct vm_object *o, uint64_t offset)
{
	struct rb_node *n = o->pages.root, *best = NULL;
	while (n) {
		struct vm_page *pg = page_of(n);
		if (pg->offset >= offset) {
			best = n;
			n = n->left;
		} else {
			n = n->right;
		}
	}
	return page_of(best);
}

struct vm_page *vm_object_page_lookup(const struct vm_object *o, uint64_t offset)
{
	struct rb_node *n = o->pages.root;
	while (n) {
		struct vm_page *pg = page_of(n);
		if (offset == pg->offset)
			return pg;
		n = offset < pg->offset ? n->left : n->right;
	}
	return NULL;
}

void vm_object_page_insert(struct vm_object *o, struct vm_page *pg, uint64_t offset)
{
	assert(!pg->object && !(offset & PAGE_MASK));
	struct rb_node **link = &o->pages.root, *parent = NULL;
	while (*link) {
		parent = *link;
		struct vm_page *other = page_of(parent);
		assert(other->offset != offset);
		link = offset < other->offset ? &parent->left : &parent->right;
	}
	pg->object = o;
	pg->offset = offset;
	rb_link(&o->pages, &pg->link, parent, link);
	o->resident++;
	vm_counts.object_pages++;
}

/* Takes pg out of its object without freeing it. */
static void page_unlink(struct vm_page *pg)
{
	struct vm_object *o = pg->object;
	rb_erase(&o->pages, &pg->link);
	o->resident--;
	vm_counts.object_pages--;
	pg->object = NULL;
}

void vm_object_page_rename(struct vm_page *pg, struct vm_object *o, uint64_t offset)
{
	page_unlink(pg);
	vm_object_page_insert(o, pg, offset);
}

struct vm_page *vm_object_page_next(const struct vm_object *o, uint64_t offset)
{
	return page_ceiling(o, offset);
}

void vm_object_page_free(struct vm_page *pg)
{
	assert(pg->wire_count == 0);
	page_unlink(pg);
	vm_page_free(&kernel_page_pool, pg, 0);
}

void vm_object_page_remove(struct vm_object *o, uint64_t start, uint64_t end)
{
	struct vm_page *pg = page_ceiling(o, start);
	while (pg && pg->offset < end) {
		struct vm_page *next = page_of(rb_next(&pg->link));
		if (pg->wire_count == 0) {
			pmap_page_protect(pg, VM_PROT_NONE);     /* wherever it is mapped */
			vm_object_page_free(pg);
		}
		pg = next;
	}
}

/* Frees an object with no references left; returns its shadow, whose reference the
 * caller now holds and must drop (iteratively: chains can be long). */
static struct vm_object *object_destroy(struct vm_object *o)
{
	if (o->pager)
		vm_pager_terminate(o);         /* data back to the pager first */
	struct rb_node *n;
	while ((n = rb_first(&o->pages))) {
		struct vm_page *pg = page_of(n);
		if (pg->wire_count) {          /* a wiring outlived its mapping: drop it */
			vm_counts.wired--;
			pg->wire_count = 0;
		}
		vm_object_page_free(pg);
	}
	struct vm_object *shadow = o->shadow;
	if (shadow)
		shadow->shadowed--;
	zfree(&object_zone, o);
	return shadow;
}

void vm_object_deallocate(struct vm_object *o)
{
	while (o) {
		assert(o->refs > 0);
		if (--o->refs > 0)
			return;
		o = object_destroy(o);
	}
}

struct vm_object *vm_object_shadow(struct vm_object *src, uint64_t offset, uint64_t size)
{
	struct vm_object *o = vm_object_create(size);
	if (!o)
		return NULL;
	o->shadow = src;
	o->shadow_offset = offset;
	src->shadowed++;
	return o;
}

/* Moves every page of `below` that `o` can see and lacks into `o`; frees the rest. */
static void absorb_pages(struct vm_object *o, struct vm_object *below)
{
	struct rb_node *n;
	while ((n = rb_first(&below->pages))) {
		struct vm_page *pg = page_of(n);
		uint64_t off = pg->offset;
		bool visible = off >= o->shadow_offset && off - o->shadow_offset < o->size;
		if (!visible || vm_object_page_lookup(o, off - o->shadow_offset)) {
			if (pg->wire_count) {    /* unreachable now: its wiring goes with it */
				vm_counts.wired--;
				pg->wire_count = 0;
			}
			vm_object_page_free(pg);
			continue;
		}
		page_unlink(pg);
		vm_object_page_insert(o, pg, off - o->shadow_offset);
	}
}

void vm_object_collapse(struct vm_object *o)
{
	for (;;) {
		struct vm_object *below = o->shadow;
		/* Only an internal object seen by o alone can fold into it: anyone else holding
		 * it (a map entry, another shadow, a copy in flight) still needs its pages. */
		if (!below || below->refs != 1 || !below->internal || below->shadowed != 1)
			return;
		absorb_pages(o, below);
		o->shadow = below->shadow;
		o->shadow_offset += below->shadow_offset;
		below->shadow = NULL;            /* its reference on the next moves to o */
		below->shadowed = 0;
		below->refs = 0;
		object_destroy(below);
		vm_counts.collapses++;
	}
}

/* The page at offset of o's chain, or NULL when no object of the chain has it. */
struct vm_page *vm_object_chain_lookup(struct vm_object *o, uint64_t offset)
{
	for (; o; o = o->shadow) {
		if (offset >= o->size)
			return NULL;
		struct vm_page *pg = vm_object_page_lookup(o, offset);
		if (pg)
			return pg;
		offset += o->shadow_offset;
	}
	return NULL;
}

/* Whether o's chain ends in an external object (missing pages come from a pager). */
static bool chain_is_external(const struct vm_object *o)
{
	for (; o; o = o->shadow)
		if (o->pager)
			return true;
	return false;
}

struct vm_object *vm_object_copy_now(struct vm_object *src, uint64_t offset, uint64_t size)
{
	/* Over a pager's object the copy shadows the source, so that pages nobody has
	 * yet are still asked of the pager: resident ones are copied now, missing ones
	 * come through the shadow when first touched (see docs/vm.md). */
	bool external = chain_is_external(src);
	struct vm_object *o;
	if (external) {
		vm_object_reference(src);
		o = vm_object_shadow(src, offset, size);
		if (!o)
			vm_object_deallocate(src);
	} else {
		o = vm_object_create(size);
	}
	if (!o)
		return NULL;
	for (uint64_t off = 0; off < size; off += PAGE_SIZE) {
		struct vm_page *from = vm_object_chain_lookup(src, offset + off);
		if (!from)
			continue;
		struct vm_page *pg = vm_page_grab(false);
		if (!pg) {
			vm_object_deallocate(o);
			return NULL;
		}
		memcpy(vm_page_kva(pg), vm_page_kva(from), PAGE_SIZE);
		pg->flags = VM_PAGE_DIRTY;
		vm_object_page_insert(o, pg, off);
	}
	return o;
}
