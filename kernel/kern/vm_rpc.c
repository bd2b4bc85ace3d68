/*
 * vm_rpc.c — the VM routines of mach.defs over address maps (vm/map.h) and map copies
 * (vm/map_copy.h). vm_machine_attribute and vm_set_default_memory_manager are not
 * served: they answer MIG_BAD_ID, the code of a routine the kernel does not serve, so a
 * caller fails at once and cleanly. The memory-object routines are in pager_rpc.c.
 */
#include <kern/mig_convert.h>
#include "mach_S.h"      /* the generated server header: prototypes checked */
#include "mach_host_S.h"
#include "gnumach_S.h"
#include <mach/vm_wire.h>
#include <vm/page_alloc.h>
#include <vm/fault.h>
#include <vm/kmem.h>
#include <mach/mig_errors.h>
#include <kern/task.h>
#include <ipc/port.h>
#include <ipc/right.h>
#include <kern/string.h>
#include <vm/map.h>
#include <vm/map_copy.h>
#include <vm/object.h>
#include <vm/pager.h>
#include <kern/pager_proxy.h>
#include <arch/x86_64/layout.h>

vm_map_t convert_port_to_map(ipc_port_t p)
{
	struct task *t = (struct task *)convert_port_to_task(p);
	if (!t)
		return 0;
	struct vm_map *m = t->map;
	if (m)
		vm_map_reference(m);
	task_deallocate(t);
	return (vm_map_t)m;
}

#define NOT_SERVED MIG_BAD_ID
#define MAP(m) ((struct vm_map *)(m))

/* [*start, *end) of [addr, addr+size) page-rounded and clamped to the map, as GNU Mach's
 * range check does; false when nothing of it is left. */
static bool clamp_range(struct vm_map *m, vm_address_t addr, vm_size_t size, uint64_t *start,
			uint64_t *end)
{
	uint64_t s = trunc_page(addr), e = addr + size < addr ? m->max : round_page(addr + size);
	if (s < m->min)
		s = m->min;
	if (e > m->max || e < s)
		e = m->max;
	*start = s;
	*end = e;
	return s < e;
}

kern_return_t vm_allocate(vm_map_t map, vm_address_t *addr, vm_size_t size, boolean_t anywhere)
{
	struct vm_map *m = MAP(map);
	if (!m)
		return KERN_INVALID_ARGUMENT;
	if (size == 0) {
		*addr = 0;
		return KERN_SUCCESS;
	}
	uint64_t at = anywhere ? m->min : trunc_page(*addr);
	uint64_t len = round_page(size);
	if (len < size)
		return KERN_NO_SPACE;
	kern_return_t kr = vm_map_enter(m, &at, len, 0, anywhere, NULL, 0, false,
					VM_PROT_READ | VM_PROT_WRITE, VM_PROT_ALL, VM_INHERIT_COPY);
	if (kr == KERN_SUCCESS)
		*addr = at;
	return kr;
}

kern_return_t vm_deallocate(vm_map_t map, vm_address_t addr, vm_size_t size)
{
	struct vm_map *m = MAP(map);
	uint64_t start, end;
	if (!m)
		return KERN_INVALID_ARGUMENT;
	if (size == 0 || !clamp_range(m, addr, size, &start, &end))
		return KERN_SUCCESS;
	return vm_map_remove(m, start, end);
}

kern_return_t vm_protect(vm_map_t map, vm_address_t addr, vm_size_t size, boolean_t set_max,
			 vm_prot_t prot)
{
	struct vm_map *m = MAP(map);
	uint64_t start, end;
	if (!m || (prot & ~VM_PROT_ALL))
		return KERN_INVALID_ARGUMENT;
	if (size == 0 || !clamp_range(m, addr, size, &start, &end))
		return KERN_SUCCESS;
	return vm_map_protect(m, start, end, prot, set_max);
}

kern_return_t vm_inherit(vm_map_t map, vm_address_t addr, vm_size_t size, vm_inherit_t inh)
{
	struct vm_map *m = MAP(map);
	uint64_t start, end;
	if (!m || (unsigned)inh > VM_INHERIT_NONE)
		return KERN_INVALID_ARGUMENT;
	if (size == 0 || !clamp_range(m, addr, size, &start, &end))
		return KERN_SUCCESS;
	return vm_map_inherit(m, start, end, inh);
}

kern_return_t vm_read(vm_map_t map, vm_address_t addr, vm_size_t size, vm_offset_t *data,
		      mach_msg_type_number_t *count)
{
	struct vm_map *m = MAP(map);
	if (!m)
		return KERN_INVALID_ARGUMENT;
	if (size > UINT32_MAX)
		return KERN_INVALID_ARGUMENT;   /* the count travels as 32 bits */
	struct vm_map_copy *copy;
	kern_return_t kr = vm_map_copyin(m, addr, size, false, &copy);
	if (kr != KERN_SUCCESS)
		return kr;
	*data = (vm_offset_t)copy;
	*count = (mach_msg_type_number_t)size;
	return KERN_SUCCESS;
}

kern_return_t vm_write(vm_map_t map, vm_address_t addr, vm_offset_t data,
		       mach_msg_type_number_t count)
{
	struct vm_map *m = MAP(map);
	(void)count;                    /* the copy knows its size */
	if (!m)
		return KERN_INVALID_ARGUMENT;
	return vm_map_copy_overwrite(m, addr, (struct vm_map_copy *)data);
}

kern_return_t vm_copy(vm_map_t map, vm_address_t src, vm_size_t size, vm_address_t dst)
{
	struct vm_map *m = MAP(map);
	if (!m)
		return KERN_INVALID_ARGUMENT;
	struct vm_map_copy *copy;
	kern_return_t kr = vm_map_copyin(m, src, size, false, &copy);
	if (kr != KERN_SUCCESS)
		return kr;
	kr = vm_map_copy_overwrite(m, dst, copy);
	if (kr != KERN_SUCCESS)
		vm_map_copy_discard(copy);
	return kr;
}

kern_return_t vm_region(vm_map_t map, vm_address_t *addr, vm_size_t *size, vm_prot_t *prot,
			vm_prot_t *max, vm_inherit_t *inh, boolean_t *shared, ipc_port_t *object,
			vm_offset_t *offset)
{
	struct vm_map *m = MAP(map);
	if (!m)
		return KERN_INVALID_ARGUMENT;
	uint64_t at = *addr, len;
	struct vm_map_entry e;
	kern_return_t kr = vm_map_region(m, &at, &len, &e);
	if (kr != KERN_SUCCESS)
		return kr;
	*addr = at;
	*size = len;
	*prot = e.protection;
	*max = e.max_protection;
	*inh = e.inheritance;
	*shared = e.is_shared;
	*object = IP_NULL;              /* object names are not handed out */
	*offset = e.offset;
	return KERN_SUCCESS;
}

kern_return_t vm_statistics(vm_map_t map, vm_statistics_data_t *st)
{
	if (!map)
		return KERN_INVALID_ARGUMENT;
	struct vm_page_pool_stats ps;
	vm_page_pool_stats(&kernel_page_pool, &ps);
	memset(st, 0, sizeof(*st));
	st->pagesize = PAGE_SIZE;
	st->free_count = (integer_t)ps.free;
	st->active_count = (integer_t)vm_counts.object_pages;
	st->wire_count = (integer_t)vm_counts.wired;
	st->zero_fill_count = (integer_t)vm_counts.zero_fills;
	st->pageins = (integer_t)vm_counts.pageins;
	st->faults = (integer_t)vm_counts.faults;
	st->cow_faults = (integer_t)vm_counts.cow_faults;
	st->lookups = (integer_t)vm_counts.lookups;
	st->hits = (integer_t)vm_counts.hits;
	return KERN_SUCCESS;
}

/* Enters [at, at+len) for vm_map; `shared`: the object is a pager's, written in place by
 * every mapping (copies of it are taken at once, map.h). */
static kern_return_t map_enter(struct vm_map *m, vm_address_t *addr, uint64_t at, uint64_t len,
			       vm_address_t mask, bool anywhere, struct vm_object *o, uint64_t off,
			       bool shared, vm_prot_t cur, vm_prot_t max, vm_inherit_t inh)
{
	kern_return_t kr = vm_map_enter(m, &at, len, mask | PAGE_MASK, anywhere, o, off, false,
					cur & max, max, inh);
	if (kr != KERN_SUCCESS)
		return kr;
	if (shared)
		vm_map_lookup_entry(m, at)->is_shared = true;
	*addr = at;
	return KERN_SUCCESS;
}

/* The object vm_map maps for a memory object: the pager's own (shared with every other
 * such mapping) or, with `copy`, a private copy-on-write view of it. */
static kern_return_t map_object(ipc_port_t mo, uint64_t off, uint64_t len, bool copy,
				struct vm_object **out)
{
	struct vm_object *o;
	kern_return_t kr = vm_pager_object(mo, &o);
	if (kr != KERN_SUCCESS)
		return kr;
	if (!copy) {
		*out = o;
		return KERN_SUCCESS;
	}
	*out = vm_object_copy_now(o, off, len);
	vm_object_deallocate(o);
	return *out ? KERN_SUCCESS : KERN_RESOURCE_SHORTAGE;
}

kern_return_t vm_map(vm_map_t map, vm_address_t *addr, vm_size_t size, vm_address_t mask,
		     boolean_t anywhere, ipc_port_t obj, vm_offset_t off, boolean_t copy,
		     vm_prot_t cur, vm_prot_t max, vm_inherit_t inh)
{
	struct vm_map *m = MAP(map);
	if (!m || (cur & ~VM_PROT_ALL) || (max & ~VM_PROT_ALL) || (unsigned)inh > VM_INHERIT_NONE ||
	    size == 0)
		return KERN_INVALID_ARGUMENT;
	uint64_t at = trunc_page(*addr), len = round_page(size);
	if (len < size)
		return KERN_NO_SPACE;
	/* A null (or dead) memory object means anonymous zero-fill memory, as in Mach. */
	if (!IPC_PORT_VALID(obj))
		return map_enter(m, addr, at, len, mask, anywhere, NULL, 0, false, cur, max, inh);
	if (off & PAGE_MASK)
		return KERN_INVALID_ARGUMENT;
	if (obj->kotype == IKOT_PAGER_PROXY) {
		/* A window of an object, with a ceiling on the protection. */
		vm_prot_t ceiling;
		uint64_t base, window;
		if (pager_proxy_lookup(obj, &obj, &ceiling, &base, &window) != KERN_SUCCESS ||
		    off > window || window - off < len)
			return KERN_INVALID_ARGUMENT;
		off += base;
		max &= ceiling;
	}
	struct vm_object *o;
	kern_return_t kr = map_object(obj, off, len, copy, &o);
	if (kr != KERN_SUCCESS)
		return kr;
	kr = map_enter(m, addr, at, len, mask, anywhere, o, copy ? 0 : off, !copy, cur, max, inh);
	if (kr != KERN_SUCCESS)
		vm_object_deallocate(o);
	/* The stub releases the request's send right after a success (the port had a
	 * conversion); after a failure the request is destroyed with it. */
	return kr;
}

kern_return_t vm_machine_attribute(vm_map_t m, vm_address_t a, vm_size_t s, vm_machine_attribute_t at,
				   vm_machine_attribute_val_t *v)
{ (void)m; (void)a; (void)s; (void)at; (void)v; return NOT_SERVED; }
kern_return_t vm_set_default_memory_manager(host_t h, ipc_port_t *dm)
{ (void)h; (void)dm; return NOT_SERVED; }
/* ---- wiring and physically contiguous memory (mach_host.defs, gnumach.defs) ---- */

#define HOST_WIRE_LIMIT (8ul << 20)     /* what the unprivileged host port may wire */

static bool port_is(ipc_port_t p, enum ipc_kobject_type kotype)
{
	return IPC_PORT_VALID(p) && p->active && p->kotype == kotype;
}

kern_return_t vm_wire(ipc_port_t host, vm_map_t map, vm_address_t addr, vm_size_t size,
		      vm_prot_t access)
{
	struct vm_map *m = MAP(map);
	bool priv = port_is(host, IKOT_HOST_PRIV);
	if (!priv && !port_is(host, IKOT_HOST))
		return KERN_INVALID_HOST;
	if (!m)
		return KERN_INVALID_TASK;
	if (access & ~VM_PROT_ALL)
		return KERN_INVALID_ARGUMENT;
	uint64_t start = trunc_page(addr), end = round_page(addr + size);
	if (end < start || start < m->min || end > m->max)
		return KERN_NO_SPACE;
	if (start == end)
		return KERN_SUCCESS;
	if (!priv && access != VM_PROT_NONE && m->wired_size + (end - start) > HOST_WIRE_LIMIT)
		return KERN_NO_ACCESS;
	kern_return_t kr = vm_map_wire(m, start, end, access);
	if (kr == KERN_INVALID_ADDRESS || kr == KERN_PROTECTION_FAILURE)
		return KERN_NO_SPACE;
	return kr;
}

kern_return_t vm_wire_all(ipc_port_t host, vm_map_t map, vm_wire_t flags)
{
	struct vm_map *m = MAP(map);
	if (!port_is(host, IKOT_HOST_PRIV))
		return KERN_INVALID_HOST;
	if (!m)
		return KERN_INVALID_TASK;
	if (flags & ~VM_WIRE_ALL)
		return KERN_INVALID_ARGUMENT;
	m->wire_future = (flags & VM_WIRE_FUTURE) != 0;
	for (struct vm_map_entry *e = vm_map_first_entry(m); e;) {
		struct vm_map_entry *next = vm_map_entry_next(e);
		uint64_t start = e->start, end = e->end;
		if ((flags & VM_WIRE_CURRENT) && !e->wired_count && e->protection != VM_PROT_NONE)
			vm_map_wire(m, start, end, e->protection);
		else if (!(flags & VM_WIRE_CURRENT) && e->wired_count)
			vm_map_wire(m, start, end, VM_PROT_NONE);
		e = next;
	}
	return KERN_SUCCESS;
}

/* A block of physically contiguous pages below pmax (0: anywhere), each page its own
 * allocation from then on, wired; the block's pages beyond `pages` go back. */
static struct vm_page *contiguous_pages(uint64_t pages, uint64_t pmax)
{
	unsigned order = 0;
	while ((1ull << order) < pages)
		order++;
	if (order > VM_PAGE_MAX_ORDER)
		return NULL;
	/* Blocks above pmax are held aside (linked through their free-list fields, unused
	 * while allocated) until one below is found or memory runs out, then given back. */
	struct vm_page *pg, *rejected = NULL;
	while ((pg = vm_page_alloc(&kernel_page_pool, order)) &&
	       pmax && vm_page_phys(pg) + pages * PAGE_SIZE > pmax) {
		pg->next = rejected;
		rejected = pg;
	}
	while (rejected) {
		struct vm_page *next = rejected->next;
		vm_page_free(&kernel_page_pool, rejected, order);
		rejected = next;
	}
	if (!pg)
		return NULL;
	vm_page_split(&kernel_page_pool, pg, order);
	for (uint64_t i = pages; i < (1ull << order); i++)
		vm_page_free(&kernel_page_pool, pg + i, 0);
	return pg;
}

kern_return_t vm_allocate_contiguous(host_t host_priv, vm_map_t map, vm_address_t *va,
				     rpc_phys_addr_t *pa, vm_size_t size, rpc_phys_addr_t pmin,
				     rpc_phys_addr_t pmax, rpc_phys_addr_t palign)
{
	struct vm_map *m = MAP(map);
	if (!host_priv)
		return KERN_INVALID_HOST;
	if (!m)
		return KERN_INVALID_TASK;
	if (palign == 0 || PAGE_SIZE % palign == 0)
		palign = PAGE_SIZE;
	if (pmin != 0 || palign != PAGE_SIZE || size == 0)
		return KERN_INVALID_ARGUMENT;
	uint64_t len = round_page(size);
	struct vm_object *o = vm_object_create(len);
	if (!o)
		return KERN_RESOURCE_SHORTAGE;
	struct vm_page *pg = contiguous_pages(len / PAGE_SIZE, pmax);
	if (!pg) {
		vm_object_deallocate(o);
		return KERN_RESOURCE_SHORTAGE;
	}
	for (uint64_t i = 0; i < len / PAGE_SIZE; i++) {
		pg[i].flags = VM_PAGE_PHYS;
		pg[i].object = NULL;
		pg[i].wire_count = 1;
		vm_counts.wired++;
		memset(vm_page_kva(&pg[i]), 0, PAGE_SIZE);
		vm_object_page_insert(o, &pg[i], i * PAGE_SIZE);
	}
	uint64_t at = m->min;
	kern_return_t kr = vm_map_enter(m, &at, len, 0, true, o, 0, false,
					VM_PROT_READ | VM_PROT_WRITE, VM_PROT_READ | VM_PROT_WRITE,
					VM_INHERIT_COPY);
	if (kr != KERN_SUCCESS) {
		vm_object_deallocate(o);
		return kr;
	}
	*va = at;
	*pa = vm_page_phys(pg);
	return KERN_SUCCESS;
}

kern_return_t vm_pages_phys(host_t host_priv, vm_map_t map, vm_address_t va, vm_size_t size,
			    rpc_phys_addr_array_t *pages, mach_msg_type_number_t *count)
{
	struct vm_map *m = MAP(map);
	if (!host_priv)
		return KERN_INVALID_HOST;
	if (!m)
		return KERN_INVALID_TASK;
	if ((va & PAGE_MASK) || (size & PAGE_MASK) || !user_range_ok(va, size))
		return KERN_INVALID_ARGUMENT;
	uint64_t n = size / PAGE_SIZE;
	if (n > (4ul << 20) / sizeof(rpc_phys_addr_t))
		return KERN_INVALID_ARGUMENT;
	/* Up to *count answers fit the reply; more travel out of line. */
	rpc_phys_addr_t *out = n <= *count ? *pages : kmem_alloc(n * sizeof(rpc_phys_addr_t));
	if (!out)
		return KERN_RESOURCE_SHORTAGE;
	kern_return_t kr = KERN_SUCCESS;
	for (uint64_t i = 0; i < n && kr == KERN_SUCCESS; i++) {
		struct vm_page *pg;
		kr = vm_fault_page(m, va + i * PAGE_SIZE, VM_PROT_READ, false, &pg);
		if (kr == KERN_SUCCESS)
			out[i] = vm_page_phys(pg);
	}
	if (out != *pages) {
		struct vm_map_copy *copy = kr == KERN_SUCCESS ?
			vm_map_copy_from_kernel(out, n * sizeof(rpc_phys_addr_t)) : NULL;
		kmem_free(out, n * sizeof(rpc_phys_addr_t));
		if (kr == KERN_SUCCESS && !copy)
			kr = KERN_RESOURCE_SHORTAGE;
		if (kr == KERN_SUCCESS)
			*pages = (rpc_phys_addr_array_t)copy;
	}
	if (kr == KERN_SUCCESS)
		*count = (mach_msg_type_number_t)n;
	return kr;
}
