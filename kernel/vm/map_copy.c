/*
 * map_copy.c — memory in transit between maps (see map_copy.h).
 */
#include <vm/map_copy.h>
#include <vm/map.h>
#include <vm/object.h>
#include <vm/kmem.h>
#include <kern/zalloc.h>
#include <kern/string.h>
#include <kern/panic.h>
#include <arch/x86_64/layout.h>

static struct zone copy_zone;
/* The last copy freed, kept for the next: a message carrying memory is received (its
 * copy freed) just before the next one is sent, as with ipc_kmsg_cache_small. One CPU
 * and interrupts off in the kernel: no lock. */
static struct vm_map_copy *copy_cache;

void vm_map_copy_init(void)
{
	zone_init(&copy_zone, "vm_map_copy", sizeof(struct vm_map_copy), &kernel_zone_source);
}

static struct vm_map_copy *copy_alloc(uint64_t offset, uint64_t size)
{
	struct vm_map_copy *c = copy_cache;
	if (c)
		copy_cache = NULL;
	else if (!(c = zalloc(&copy_zone)))
		return NULL;
	c->entries = NULL;
	c->offset = offset;
	c->size = size;
	return c;
}

static void copy_free(struct vm_map_copy *c)
{
	if (!copy_cache)
		copy_cache = c;
	else
		zfree(&copy_zone, c);
}

void vm_map_copy_cache_drain(void)
{
	if (copy_cache)
		zfree(&copy_zone, copy_cache);
	copy_cache = NULL;
}

void vm_map_copy_discard(struct vm_map_copy *copy)
{
	if (!copy)
		return;
	struct vm_map_entry *e = copy->entries;
	while (e) {
		struct vm_map_entry *next = e->next;
		if (e->object)
			vm_object_deallocate(e->object);
		vm_map_entry_free(e);
		e = next;
	}
	copy_free(copy);
}

/* Why [start, end) of m cannot be copied, or KERN_SUCCESS, in one walk of its entries:
 * a hole anywhere is KERN_INVALID_ADDRESS even after an unreadable entry. *first gets
 * the entry holding start; *movable whether no entry is shared writable or wired (then
 * a deallocating copy can take the entries themselves). */
static kern_return_t check_source(struct vm_map *m, uint64_t start, uint64_t end,
				  struct vm_map_entry **first, bool *movable)
{
	kern_return_t kr = KERN_SUCCESS;
	struct vm_map_entry *e = *first = vm_map_lookup_entry(m, start);
	*movable = true;
	for (uint64_t at = start;; e = vm_map_entry_next(e)) {
		if (!e || e->start > at)
			return KERN_INVALID_ADDRESS;
		if (!(e->protection & VM_PROT_READ))
			kr = KERN_PROTECTION_FAILURE;
		if (e->is_shared || e->wired_count)
			*movable = false;
		at = e->end;
		if (at >= end)
			return kr;
	}
}

/* Clips the entries covering [start, end) (first holds start; no holes) to the range;
 * returns the first. */
static struct vm_map_entry *clip_source(struct vm_map *m, struct vm_map_entry *first,
					uint64_t start, uint64_t end)
{
	if (first->start < start)
		vm_map_clip_start(m, first, start);   /* first keeps the upper part */
	struct vm_map_entry *last = first;
	while (last->end < end)
		last = vm_map_entry_next(last);
	if (last->end > end)
		vm_map_clip_end(m, last, end);        /* last keeps the lower part */
	return first;
}

/* A deallocating copy of entries none of which is shared or wired: the entries leave
 * the map and become the copy's, with their objects and references (nothing to
 * allocate, nothing to fail). Their pages stay with their objects. */
static void move_entries(struct vm_map *m, struct vm_map_entry *e, uint64_t start,
			 uint64_t end, struct vm_map_copy *copy)
{
	struct vm_map_entry **tail = &copy->entries;
	for (;;) {
		bool last = e->end >= end;
		struct vm_map_entry *next = last ? NULL : vm_map_entry_next(e);
		if (e->pmapped)
			pmap_remove(&m->pmap, e->start, e->end);
		vm_map_entry_unlink(m, e);
		e->start -= start;
		e->end -= start;
		e->next = NULL;
		*tail = e;
		tail = &e->next;
		if (last)
			return;
		e = next;
	}
}

/* The copy entry for e (already clipped to the range), addresses relative to base.
 * Moves e's object when e goes away and nobody else writes it; otherwise shares it
 * copy-on-write, or copies it at once when it is shared writable or wired. */
static struct vm_map_entry *copy_entry(struct vm_map *m, struct vm_map_entry *e, uint64_t base,
				       bool destroy)
{
	struct vm_map_entry *c = vm_map_entry_alloc();
	if (!c)
		return NULL;
	*c = *e;
	c->start -= base;
	c->end -= base;
	c->next = NULL;
	c->wired_count = 0;
	c->is_shared = false;
	if (!e->object || (destroy && !e->is_shared && !e->wired_count)) {
		if (e->object)
			vm_object_reference(e->object);   /* e's reference goes with e below */
	} else if (e->is_shared || e->wired_count) {
		c->object = vm_object_copy_now(e->object, e->offset, e->end - e->start);
		c->offset = 0;
		c->needs_copy = false;
		if (!c->object)
			goto fail;
	} else {
		if (vm_map_entry_prepare_copy(m, e) != KERN_SUCCESS)
			goto fail;
		vm_object_reference(e->object);
		c->object = e->object;
		c->offset = e->offset;
		c->needs_copy = true;
	}
	return c;
fail:
	vm_map_entry_free(c);
	return NULL;
}

kern_return_t vm_map_copyin(struct vm_map *m, uint64_t addr, uint64_t len, bool destroy,
			    struct vm_map_copy **out)
{
	if (len == 0) {
		*out = copy_alloc(0, 0);
		return *out ? KERN_SUCCESS : KERN_RESOURCE_SHORTAGE;
	}
	if (!user_range_ok(addr, len))
		return KERN_INVALID_ADDRESS;
	uint64_t start = trunc_page(addr), end = round_page(addr + len);
	struct vm_map_entry *first;
	bool movable;
	kern_return_t kr = check_source(m, start, end, &first, &movable);
	if (kr != KERN_SUCCESS)
		return kr;
	struct vm_map_copy *copy = copy_alloc(addr - start, len);
	if (!copy)
		return KERN_RESOURCE_SHORTAGE;
	first = clip_source(m, first, start, end);
	if (destroy && movable) {
		move_entries(m, first, start, end, copy);
		*out = copy;
		return KERN_SUCCESS;
	}
	struct vm_map_entry **tail = &copy->entries;
	for (struct vm_map_entry *e = first; e && e->start < end; e = vm_map_entry_next(e)) {
		struct vm_map_entry *c = copy_entry(m, e, start, destroy);
		if (!c) {
			vm_map_copy_discard(copy);
			return KERN_RESOURCE_SHORTAGE;
		}
		*tail = c;
		tail = &c->next;
	}
	if (destroy)
		vm_map_remove(m, start, end);
	*out = copy;
	return KERN_SUCCESS;
}

kern_return_t vm_map_copyout(struct vm_map *m, uint64_t *addr, struct vm_map_copy *copy)
{
	if (copy->size == 0) {
		*addr = 0;
		vm_map_copy_discard(copy);
		return KERN_SUCCESS;
	}
	uint64_t total = round_page(copy->offset + copy->size);
	if (m->size + total > m->size_limit)
		return KERN_NO_SPACE;
	uint64_t base = vm_map_find_space(m, m->min, total, PAGE_MASK);
	if (!base)
		return KERN_NO_SPACE;
	struct vm_map_entry *e = copy->entries;
	while (e) {
		struct vm_map_entry *next = e->next;
		e->start += base;
		e->end += base;
		e->next = NULL;
		e->protection = VM_PROT_READ | VM_PROT_WRITE;
		e->max_protection = VM_PROT_ALL;
		e->inheritance = VM_INHERIT_COPY;
		e->pmapped = false;            /* fresh in m: no page of it is in m's pmap */
		vm_map_entry_link(m, e);
		e = next;
	}
	*addr = base + copy->offset;
	copy_free(copy);                        /* its entries are m's now */
	return KERN_SUCCESS;
}

/* The page of the copy at relative page address rel, or NULL (zeros). */
static struct vm_page *copy_page(const struct vm_map_copy *copy, uint64_t rel)
{
	for (struct vm_map_entry *e = copy->entries; e; e = e->next)
		if (rel >= e->start && rel < e->end)
			return e->object ? vm_object_chain_lookup(e->object,
								  e->offset + rel - e->start) : NULL;
	return NULL;
}

/* Writes the copy's bytes into the range through the kernel (a destination whose object
 * others share writable must be written in place, for them to see it). */
static kern_return_t overwrite_bytes(struct vm_map *m, uint64_t addr, struct vm_map_copy *copy)
{
	static uint8_t zeros[PAGE_SIZE];
	for (uint64_t done = 0; done < copy->size; done += PAGE_SIZE) {
		uint64_t n = copy->size - done < PAGE_SIZE ? copy->size - done : PAGE_SIZE;
		struct vm_page *pg = copy_page(copy, done);
		const uint8_t *from = pg ? (uint8_t *)vm_page_kva(pg) : zeros;
		kern_return_t kr = vm_map_write_kernel(m, addr + done, from, n, false);
		if (kr != KERN_SUCCESS)
			return kr;
	}
	return KERN_SUCCESS;
}

/* Points the (clipped) destination entry d at the copy entry c's memory, copy-on-write:
 * its old pages go, nothing is copied. */
static void overwrite_entry(struct vm_map *m, struct vm_map_entry *d, uint64_t base,
			    const struct vm_map_entry *c, const struct vm_map_copy *copy)
{
	unsigned extra = 0;
	for (const struct vm_map_entry *o = copy->entries; o; o = o->next)
		if (o->object == d->object && (o->offset + o->end - o->start <= d->offset ||
					       o->offset >= d->offset + (d->end - d->start)))
			extra++;
	if (d->pmapped)
		pmap_remove(&m->pmap, d->start, d->end);
	d->pmapped = false;
	vm_map_entry_release_pages(m, d, extra);
	if (d->object)
		vm_object_deallocate(d->object);
	d->object = c->object;
	d->offset = c->offset + (d->start - base - c->start);
	d->needs_copy = c->object != NULL;    /* the copy's entry may still share it */
	if (d->object)
		vm_object_reference(d->object);
}

static bool range_shared(struct vm_map *m, uint64_t start, uint64_t end)
{
	for (struct vm_map_entry *e = vm_map_lookup_entry(m, start); e && e->start < end;
	     e = vm_map_entry_next(e))
		if (e->is_shared || e->wired_count)
			return true;
	return false;
}

kern_return_t vm_map_copy_overwrite(struct vm_map *m, uint64_t addr, struct vm_map_copy *copy)
{
	/* As GNU Mach: whole pages only. */
	if ((addr & PAGE_MASK) || (copy->offset & PAGE_MASK) || (copy->size & PAGE_MASK))
		return KERN_INVALID_ARGUMENT;
	if (copy->size == 0) {
		vm_map_copy_discard(copy);
		return KERN_SUCCESS;
	}
	if (!user_range_ok(addr, copy->size))
		return KERN_INVALID_ADDRESS;
	uint64_t end = addr + copy->size;
	if (!vm_map_range_allows(m, addr, end, VM_PROT_NONE))
		return KERN_INVALID_ADDRESS;
	if (!vm_map_range_allows(m, addr, end, VM_PROT_WRITE))
		return KERN_PROTECTION_FAILURE;
	if (range_shared(m, addr, end)) {
		kern_return_t kr = overwrite_bytes(m, addr, copy);
		if (kr == KERN_SUCCESS)
			vm_map_copy_discard(copy);
		return kr;
	}
	for (struct vm_map_entry *c = copy->entries; c; c = c->next) {
		uint64_t cs = addr + c->start, ce = addr + c->end;
		for (struct vm_map_entry *d = vm_map_clip_range(m, cs, ce); d && d->start < ce;
		     d = vm_map_entry_next(d))
			overwrite_entry(m, d, addr, c, copy);
	}
	vm_map_copy_discard(copy);
	return KERN_SUCCESS;
}

/* A copy of len bytes made of one entry over a fresh, empty object of whole pages: for
 * memory the kernel fills itself. NULL if out of memory (nothing left allocated). */
static struct vm_map_copy *copy_fresh_object(uint64_t len)
{
	uint64_t size = round_page(len);
	struct vm_map_copy *copy = copy_alloc(0, len);
	struct vm_map_entry *e = vm_map_entry_alloc();
	struct vm_object *o = vm_object_create(size);
	if (!copy || !e || !o) {
		if (o)
			vm_object_deallocate(o);
		if (e)
			vm_map_entry_free(e);
		if (copy)
			copy_free(copy);
		return NULL;
	}
	e->start = 0;
	e->end = size;
	e->object = o;
	copy->entries = e;
	return copy;
}

struct vm_map_copy *vm_map_copy_from_kernel(const void *data, uint64_t len)
{
	if (len == 0)
		return copy_alloc(0, 0);
	struct vm_map_copy *copy = copy_fresh_object(len);
	if (!copy)
		return NULL;
	struct vm_object *o = copy->entries->object;
	for (uint64_t off = 0; off < len; off += PAGE_SIZE) {
		struct vm_page *pg = vm_page_grab(true);
		if (!pg) {
			vm_map_copy_discard(copy);
			return NULL;
		}
		uint64_t n = len - off < PAGE_SIZE ? len - off : PAGE_SIZE;
		memcpy(vm_page_kva(pg), (const uint8_t *)data + off, n);
		pg->flags |= VM_PAGE_DIRTY;
		vm_object_page_insert(o, pg, off);
	}
	return copy;
}

struct vm_map_copy *vm_map_copy_from_object_page(struct vm_page *pg)
{
	struct vm_map_copy *copy = copy_fresh_object(PAGE_SIZE);
	if (copy)
		vm_object_page_rename(pg, copy->entries->object, 0);
	return copy;
}

/* Moves len bytes between kernel memory and the copy's data at `at`: into the copy
 * (`into`: its pages must be there, see vm_map_copy_write) or out of it (pages it lacks
 * read as zeros). */
static void copy_bytes(const struct vm_map_copy *copy, uint64_t at, void *kbuf, uint64_t len,
		       bool into)
{
	assert(at + len <= copy->size);
	for (uint64_t done = 0; done < len;) {
		uint64_t rel = copy->offset + at + done, in_page = rel & PAGE_MASK;
		uint64_t n = PAGE_SIZE - in_page < len - done ? PAGE_SIZE - in_page : len - done;
		struct vm_page *pg = copy_page(copy, rel - in_page);
		uint8_t *k = (uint8_t *)kbuf + done;
		if (into) {
			assert(pg);
			memcpy((uint8_t *)vm_page_kva(pg) + in_page, k, n);
		} else if (pg) {
			memcpy(k, (uint8_t *)vm_page_kva(pg) + in_page, n);
		} else {
			memset(k, 0, n);
		}
		done += n;
	}
}

void vm_map_copy_write(struct vm_map_copy *copy, uint64_t at, const void *data, uint64_t len)
{
	copy_bytes(copy, at, (void *)data, len, true);
}

void vm_map_copy_read(const struct vm_map_copy *copy, uint64_t at, void *buf, uint64_t len)
{
	copy_bytes(copy, at, buf, len, false);
}
