/*
 * pager.c — objects backed by external memory managers (see pager.h for the protocol,
 * references and lifetime).
 *
 * Outstanding data requests are kept per object as small records (one per page asked
 * for) so that a second fault on the same page waits for the same answer instead of
 * asking again, and so that an answer can say which waiters failed. Every answer, lock
 * change or death wakes all the object's waiters; each looks again from the map down,
 * since anything may have changed while it slept.
 */
#include <vm/pager.h>
#include <vm/object.h>
#include <vm/map.h>
#include <vm/map_copy.h>
#include <vm/pv.h>
#include <ipc/port.h>
#include <ipc/right.h>
#include <vm/kmem.h>
#include <kern/zalloc.h>
#include <kern/list.h>
#include <kern/sched.h>
#include <kern/string.h>
#include <kern/panic.h>
#include <arch/x86_64/layout.h>
#include <arch/x86_64/pmap.h>
#include <mach/memory_object.h>

/* A data request sent and not yet answered; or answered, until its waiters have seen
 * the answer. Lives on pager->requests while outstanding. */
struct pager_request {
	struct list link;
	uint64_t offset;
	bool done;                    /* answered (off the list) */
	kern_return_t result;         /* when done: KERN_SUCCESS or KERN_MEMORY_ERROR */
	unsigned waiters;             /* threads sleeping on it */
};

struct vm_pager {
	struct vm_pager_ports ports;
	bool ready;                   /* memory_object_ready or change_attributes came */
	bool dead;                    /* pager gone or object destroyed: faults fail */
	bool terminated;              /* control and name given back */
	bool may_cache;
	int copy_strategy;
	struct waitq wait;            /* faulting threads */
	struct list requests;         /* outstanding struct pager_request */
};

#define EXTERNAL_OBJECT_SIZE (~(uint64_t)0 & ~(uint64_t)PAGE_MASK)  /* pagers set no end */

static struct zone pager_zone, request_zone;

void vm_pager_init(void)
{
	zone_init(&pager_zone, "vm_pager", sizeof(struct vm_pager), &kernel_zone_source);
	zone_init(&request_zone, "vm_pager_request", sizeof(struct pager_request),
		  &kernel_zone_source);
}

/* ---- creation ---- */

/* Kernel ports naming o; NULL (nothing left allocated) when out of memory. */
static bool make_ports(struct vm_object *o, struct vm_pager *pgr)
{
	pgr->ports.control = ipc_port_alloc_kobject(IKOT_PAGER, o);
	pgr->ports.name = ipc_port_alloc_kobject(IKOT_PAGING_NAME, o);
	if (pgr->ports.control && pgr->ports.name)
		return true;
	if (pgr->ports.control)
		ipc_port_release(pgr->ports.control);
	if (pgr->ports.name)
		ipc_port_release(pgr->ports.name);
	return false;
}

kern_return_t vm_pager_object(struct ipc_port *mo, struct vm_object **out)
{
	if (!IPC_PORT_VALID(mo) || !mo->active || mo->kotype != IKOT_NONE)
		return KERN_INVALID_ARGUMENT;
	if (mo->pager_object) {
		*out = mo->pager_object;
		vm_object_reference(*out);
		return KERN_SUCCESS;
	}
	struct vm_object *o = vm_object_create(EXTERNAL_OBJECT_SIZE);
	struct vm_pager *pgr = zalloc(&pager_zone);
	if (!o || !pgr)
		goto shortage;
	memset(pgr, 0, sizeof(*pgr));
	if (!make_ports(o, pgr))
		goto shortage;
	ipc_port_copy_send(mo);           /* the object's own send right */
	pgr->ports.memory_object = mo;
	waitq_init(&pgr->wait);
	list_init(&pgr->requests);
	o->internal = false;
	o->pager = pgr;
	mo->pager_object = o;
	if (vm_pager_send_init(&pgr->ports) != KERN_SUCCESS)
		pgr->dead = true;             /* the port died meanwhile: faults will fail */
	*out = o;
	return KERN_SUCCESS;
shortage:
	if (pgr)
		zfree(&pager_zone, pgr);
	if (o)
		vm_object_deallocate(o);
	return KERN_RESOURCE_SHORTAGE;
}

/* ---- requests ---- */

static struct pager_request *request_find(struct vm_pager *pgr, uint64_t offset)
{
	for (struct list *l = pgr->requests.next; l != &pgr->requests; l = l->next) {
		struct pager_request *r = list_entry(l, struct pager_request, link);
		if (r->offset == offset)
			return r;
	}
	return NULL;
}

/* The request for offset (if any) is answered with `result`. */
static void request_finish(struct vm_pager *pgr, uint64_t offset, kern_return_t result)
{
	struct pager_request *r = request_find(pgr, offset);
	if (!r)
		return;
	list_remove(&r->link);
	r->done = true;
	r->result = result;
	if (!r->waiters)
		zfree(&request_zone, r);
}

/* Sleeps on the object's queue, holding a reference on o (and on r, if any) meanwhile.
 * The answer, or KERN_SUCCESS to look again, or KERN_ABORTED when interrupted. */
static kern_return_t pager_sleep(struct vm_object *o, struct pager_request *r)
{
	vm_object_reference(o);
	if (r)
		r->waiters++;
	int wr = waitq_sleep(&o->pager->wait, 0, true);
	kern_return_t kr = wr == THREAD_INTERRUPTED ? KERN_ABORTED : KERN_SUCCESS;
	if (r) {
		r->waiters--;
		if (r->done) {
			kr = r->result != KERN_SUCCESS ? r->result : kr;
			if (!r->waiters)
				zfree(&request_zone, r);
		}
	}
	vm_object_deallocate(o);          /* may be the last: o is not touched after */
	return kr;
}

static void wake_all(struct vm_pager *pgr)
{
	waitq_wakeup_all(&pgr->wait, THREAD_AWAKENED);
}

kern_return_t vm_pager_wait_page(struct vm_object *o, uint64_t offset, vm_prot_t access)
{
	struct vm_pager *pgr = o->pager;
	if (pgr->dead)
		return KERN_MEMORY_ERROR;
	struct pager_request *r = request_find(pgr, offset);
	if (!r && pgr->ready) {
		r = zalloc(&request_zone);
		if (!r)
			return KERN_RESOURCE_SHORTAGE;
		*r = (struct pager_request){ .offset = offset };
		list_insert_tail(&pgr->requests, &r->link);
		if (vm_pager_send_data_request(&pgr->ports, offset, access) != KERN_SUCCESS) {
			list_remove(&r->link);
			zfree(&request_zone, r);
			return KERN_MEMORY_ERROR;
		}
		vm_counts.pageins++;
	}
	/* Not ready: memory_object_ready (or the pager's death) wakes us. */
	return pager_sleep(o, r);
}

kern_return_t vm_pager_wait_unlock(struct vm_page *pg, vm_prot_t access)
{
	struct vm_object *o = pg->object;
	struct vm_pager *pgr = o->pager;
	if (pgr->dead)
		return KERN_MEMORY_ERROR;
	if (!(pg->flags & VM_PAGE_UNLOCK_ASKED)) {
		if (vm_pager_send_data_unlock(&pgr->ports, pg->offset, access) != KERN_SUCCESS)
			return KERN_MEMORY_ERROR;
		pg->flags |= VM_PAGE_UNLOCK_ASKED;
	}
	return pager_sleep(o, NULL);
}

/* ---- the pager's answers ---- */

/* The page at page-aligned position `pos` of copy c's entries (relative to the first
 * page), or NULL where it is zero-fill. *owner: the copy's object when it holds the page
 * privately (nobody else can see it, so the page may simply move), else NULL. */
static struct vm_page *copy_page(struct vm_map_copy *c, uint64_t pos, struct vm_object **owner)
{
	*owner = NULL;
	for (struct vm_map_entry *e = c->entries; e; e = e->next) {
		if (pos < e->start || pos >= e->end)
			continue;
		if (!e->object)
			return NULL;
		struct vm_object *o = e->object;
		struct vm_page *pg = vm_object_chain_lookup(o, e->offset + (pos - e->start));
		if (pg && pg->object == o && o->refs == 1 && !o->shadowed && !o->pager &&
		    !pg->wire_count && !(pg->flags & VM_PAGE_PHYS) && !pv_mapped(pg))
			*owner = o;
		return pg;
	}
	return NULL;
}

/* Puts the copy's page at data position pos into o at offset: the copy's own page
 * moved when it is private and aligned, otherwise its bytes in a fresh page. */
static bool supply_one(struct vm_object *o, uint64_t offset, struct vm_map_copy *c, uint64_t pos)
{
	if (!(c->offset & PAGE_MASK)) {
		struct vm_object *owner;
		struct vm_page *from = copy_page(c, c->offset + pos, &owner);
		if (from && owner) {
			vm_object_page_rename(from, o, offset);
			return true;
		}
	}
	struct vm_page *pg = vm_page_grab(false);
	if (!pg)
		return false;
	vm_map_copy_read(c, pos, vm_page_kva(pg), PAGE_SIZE);
	vm_object_page_insert(o, pg, offset);
	return true;
}

/* Page flags of a page the pager just gave: lock and precious, clean. */
static uint16_t supplied_flags(vm_prot_t lock, bool precious)
{
	return (uint16_t)(((lock & VM_PROT_ALL) << VM_PAGE_LOCK_SHIFT) |
			  (precious ? VM_PAGE_PRECIOUS : 0));
}

kern_return_t vm_pager_supply(struct vm_object *o, uint64_t offset, struct vm_map_copy *data,
			      uint64_t size, vm_prot_t lock, bool precious)
{
	struct vm_pager *pgr = o->pager;
	if ((offset & PAGE_MASK) || (size & PAGE_MASK) || size > data->size)
		return KERN_INVALID_ARGUMENT;
	kern_return_t kr = KERN_SUCCESS;
	for (uint64_t pos = 0; pos < size && !pgr->dead; pos += PAGE_SIZE) {
		/* A page already resident stays: the pager's copy may be older (Mach). */
		if (vm_object_page_lookup(o, offset + pos))
			continue;
		if (!supply_one(o, offset + pos, data, pos)) {
			kr = KERN_RESOURCE_SHORTAGE;
			break;
		}
		vm_object_page_lookup(o, offset + pos)->flags = supplied_flags(lock, precious);
		request_finish(pgr, offset + pos, KERN_SUCCESS);
	}
	vm_map_copy_discard(data);
	wake_all(pgr);
	return kr;
}

kern_return_t vm_pager_unavailable(struct vm_object *o, uint64_t offset, uint64_t size)
{
	struct vm_pager *pgr = o->pager;
	uint64_t start = trunc_page(offset), end = round_page(offset + size);
	kern_return_t kr = KERN_SUCCESS;
	for (uint64_t off = start; off < end && !pgr->dead; off += PAGE_SIZE) {
		if (!vm_object_page_lookup(o, off)) {
			struct vm_page *pg = vm_page_grab(true);
			if (!pg) {
				kr = KERN_RESOURCE_SHORTAGE;
				break;
			}
			vm_object_page_insert(o, pg, off);
		}
		request_finish(pgr, off, KERN_SUCCESS);
	}
	wake_all(pgr);
	return kr;
}

kern_return_t vm_pager_error(struct vm_object *o, uint64_t offset, uint64_t size,
			     kern_return_t error)
{
	(void)error;        /* as GNU Mach: the faulting thread sees KERN_MEMORY_ERROR */
	struct vm_pager *pgr = o->pager;
	uint64_t start = trunc_page(offset), end = round_page(offset + size);
	for (uint64_t off = start; off < end; off += PAGE_SIZE)
		request_finish(pgr, off, KERN_MEMORY_ERROR);
	wake_all(pgr);
	return KERN_SUCCESS;
}

void vm_pager_set_ready(struct vm_object *o, bool may_cache, int copy_strategy)
{
	struct vm_pager *pgr = o->pager;
	pgr->ready = true;
	pgr->may_cache = may_cache;
	pgr->copy_strategy = copy_strategy;
	wake_all(pgr);
}

struct ipc_port *vm_pager_memory_object(struct vm_object *o)
{
	struct vm_pager *pgr = o->pager;
	return pgr && !pgr->dead && !pgr->terminated ? pgr->ports.memory_object : NULL;
}

struct ipc_port *vm_pager_control(struct vm_object *o)
{
	return o->pager && !o->pager->terminated ? o->pager->ports.control : NULL;
}

void vm_pager_get_attributes(struct vm_object *o, bool *ready, bool *may_cache, int *strategy)
{
	*ready = o->pager->ready;
	*may_cache = o->pager->may_cache;
	*strategy = o->pager->copy_strategy;
}

/* ---- giving data back ---- */

/* Sends pg's contents back: the page itself moves into the message when the object
 * lets it go (`take`), otherwise its bytes are copied. */
static void return_page(struct vm_object *o, struct vm_page *pg, bool take)
{
	struct vm_pager *pgr = o->pager;
	bool dirty = pg->flags & VM_PAGE_DIRTY;
	uint64_t offset = pg->offset;
	struct vm_map_copy *c;
	if (take) {
		pg->flags &= (uint16_t)~(VM_PAGE_LOCK_MASK | VM_PAGE_UNLOCK_ASKED | VM_PAGE_PRECIOUS);
		c = vm_map_copy_from_object_page(pg);
	} else {
		c = vm_map_copy_from_kernel(vm_page_kva(pg), PAGE_SIZE);
		pg->flags &= (uint16_t)~VM_PAGE_DIRTY;
	}
	if (c)
		vm_pager_send_data_return(&pgr->ports, offset, c, PAGE_SIZE, dirty);
}

/* Folds the dirty bits of pg's mappings into its flags and clears them, so that the
 * next write after this point shows again. */
static void gather_dirty(struct vm_page *pg)
{
	bool dirty = pmap_is_modified(pg);  /* the flag or any mapping's bit */
	pmap_clear_modify(pg);
	if (dirty)
		pg->flags |= VM_PAGE_DIRTY;     /* the mappings' bits are clear now */
}

/* Whether memory_object_lock_request's should_return asks for pg: RETURN_DIRTY the
 * dirty pages, RETURN_ALL the dirty and the precious ones (GNU Mach's rule). */
static bool wants_return(const struct vm_page *pg, int should_return)
{
	if (pg->flags & VM_PAGE_DIRTY)
		return should_return != MEMORY_OBJECT_RETURN_NONE;
	return should_return == MEMORY_OBJECT_RETURN_ALL && (pg->flags & VM_PAGE_PRECIOUS);
}

/* One resident page under memory_object_lock_request. */
static void lock_page(struct vm_object *o, struct vm_page *pg, int should_return, bool flush,
		      vm_prot_t lock)
{
	if (flush && !pg->wire_count) {
		pmap_page_protect(pg, VM_PROT_NONE);
		gather_dirty(pg);
		if (wants_return(pg, should_return))
			return_page(o, pg, true);     /* the page leaves with the message */
		else
			vm_object_page_free(pg);
		return;
	}
	if (should_return != MEMORY_OBJECT_RETURN_NONE) {
		pmap_page_protect(pg, VM_PROT_READ | VM_PROT_EXECUTE); /* the next write shows */
		gather_dirty(pg);
		if (wants_return(pg, should_return))
			return_page(o, pg, false);
	}
	vm_prot_t old = vm_page_lock(pg);
	if (lock & ~old)
		pmap_page_protect(pg, (lock & VM_PROT_READ) ? VM_PROT_NONE :
				  (lock & VM_PROT_WRITE) ? VM_PROT_READ | VM_PROT_EXECUTE :
				  VM_PROT_ALL);
	pg->flags = (uint16_t)((pg->flags & ~(VM_PAGE_LOCK_MASK | VM_PAGE_UNLOCK_ASKED)) |
			       ((lock & VM_PROT_ALL) << VM_PAGE_LOCK_SHIFT));
}

kern_return_t vm_pager_lock(struct vm_object *o, uint64_t offset, uint64_t size, int should_return,
			    bool flush, vm_prot_t lock)
{
	if (should_return != MEMORY_OBJECT_RETURN_NONE && should_return != MEMORY_OBJECT_RETURN_DIRTY &&
	    should_return != MEMORY_OBJECT_RETURN_ALL)
		return KERN_INVALID_ARGUMENT;
	uint64_t start = trunc_page(offset), end = round_page(offset + size);
	if (end < start)
		end = EXTERNAL_OBJECT_SIZE;
	struct vm_page *pg = vm_object_page_next(o, start);
	while (pg && pg->offset < end) {
		struct vm_page *next = vm_object_page_next(o, pg->offset + PAGE_SIZE);
		lock_page(o, pg, should_return, flush, lock);
		pg = next;
	}
	wake_all(o->pager);
	return KERN_SUCCESS;
}

/* ---- the end of an object ---- */

/* Gives the control and name receive rights to the pager with memory_object_terminate
 * (or destroys them when that cannot be sent); the object's send right goes with it. */
static void give_back_ports(struct vm_pager *pgr)
{
	if (pgr->terminated)
		return;
	pgr->terminated = true;
	struct ipc_port *ports[2] = { pgr->ports.control, pgr->ports.name };
	for (int i = 0; i < 2; i++) {
		ports[i]->kotype = IKOT_NONE;  /* no longer the kernel's: in transit */
		ports[i]->kobject = NULL;
	}
	pgr->ports.memory_object->pager_object = NULL;
	vm_pager_send_terminate(&pgr->ports);
}

/* Fails every waiter and every later fault on a missing page. */
static void pager_fail(struct vm_pager *pgr)
{
	pgr->dead = true;
	struct list *l;
	while ((l = list_first(&pgr->requests))) {
		struct pager_request *r = list_entry(l, struct pager_request, link);
		request_finish(pgr, r->offset, KERN_MEMORY_ERROR);
	}
	wake_all(pgr);
}

void vm_pager_terminate(struct vm_object *o)
{
	struct vm_pager *pgr = o->pager;
	assert(o->refs == 0 && list_empty(&pgr->wait.waiters));
	if (!pgr->dead) {
		/* Nothing maps the object any more: the pages' dirty bits are all in. */
		struct vm_page *pg = vm_object_page_next(o, 0);
		while (pg) {
			struct vm_page *next = vm_object_page_next(o, pg->offset + PAGE_SIZE);
			if ((pg->flags & (VM_PAGE_DIRTY | VM_PAGE_PRECIOUS)) && !pg->wire_count)
				return_page(o, pg, true);
			pg = next;
		}
	}
	pager_fail(pgr);                  /* frees the requests: nobody waits on them */
	give_back_ports(pgr);
	o->pager = NULL;
	zfree(&pager_zone, pgr);
}

void vm_pager_port_died(struct ipc_port *p)
{
	struct vm_object *o = p->pager_object;
	if (o && o->pager)
		pager_fail(o->pager);
}

void vm_pager_destroy(struct vm_object *o)
{
	struct vm_pager *pgr = o->pager;
	pager_fail(pgr);
	/* Its pages go: nothing may see them once the pager has let go of the object. */
	struct vm_page *pg = vm_object_page_next(o, 0);
	while (pg) {
		struct vm_page *next = vm_object_page_next(o, pg->offset + PAGE_SIZE);
		if (!pg->wire_count) {
			pmap_page_protect(pg, VM_PROT_NONE);
			vm_object_page_free(pg);
		}
		pg = next;
	}
	give_back_ports(pgr);
}

