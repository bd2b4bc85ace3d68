/*
 * pager_proxy.c — memory-object proxies (mach4.defs): a send right that stands for a
 * window of a memory object with a protection ceiling, so that a task can let another
 * map part of an object, read-only for instance, without giving it the object itself.
 * vm_map accepts a proxy wherever it accepts a memory object (vm_rpc.c).
 *
 * As in GNU Mach, a proxy names exactly one object, and its window starts at the
 * object's `offset` and is `len` bytes long (start must be 0). vm_region_create_proxy
 * makes one for the pager-backed region at an address of a task.
 *
 * References: the proxy holds a send right on the memory object; its kernel port holds
 * the proxy (kobject) and lives as long as send rights to it do: the last one goes and
 * the proxy is freed (pager_proxy_no_senders).
 */
#include <kern/mig_convert.h>
#include "mach4_S.h"
#include <kern/zalloc.h>
#include <kern/task.h>
#include <ipc/port.h>
#include <ipc/right.h>
#include <vm/kmem.h>
#include <vm/map.h>
#include <vm/object.h>
#include <vm/pager.h>
#include <arch/x86_64/layout.h>

struct pager_proxy {
	struct ipc_port *port;          /* IKOT_PAGER_PROXY, kobject = this */
	struct ipc_port *object;        /* send right to the memory object */
	vm_prot_t max_protection;
	uint64_t offset, len;           /* the window in the object */
};

static struct zone proxy_zone;
static bool zone_ready;

static kern_return_t proxy_create(struct ipc_port *object, vm_prot_t max, uint64_t offset,
				  uint64_t len, ipc_port_t *out)
{
	if (!zone_ready) {
		zone_init(&proxy_zone, "pager_proxy", sizeof(struct pager_proxy), &kernel_zone_source);
		zone_ready = true;
	}
	struct pager_proxy *px = zalloc(&proxy_zone);
	if (!px)
		return KERN_RESOURCE_SHORTAGE;
	px->port = ipc_port_alloc_kobject(IKOT_PAGER_PROXY, px);
	if (!px->port) {
		zfree(&proxy_zone, px);
		return KERN_RESOURCE_SHORTAGE;
	}
	px->object = object;
	px->max_protection = max;
	px->offset = offset;
	px->len = len;
	ipc_port_make_send(px->port);   /* moved into the reply */
	*out = px->port;
	return KERN_SUCCESS;
}

void pager_proxy_no_senders(struct ipc_port *p)
{
	struct pager_proxy *px = p->kobject;
	p->kobject = NULL;
	ipc_port_destroy(p);
	ipc_port_release(p);            /* the proxy's own reference */
	ipc_port_release_send(px->object);
	zfree(&proxy_zone, px);
}

kern_return_t memory_object_create_proxy(ipc_space_t task, vm_prot_t max_protection,
					 const memory_object_array_t object,
					 mach_msg_type_number_t objectCnt,
					 const rpc_vm_offset_array_t offset, mach_msg_type_number_t offsetCnt,
					 const rpc_vm_offset_array_t start, mach_msg_type_number_t startCnt,
					 const rpc_vm_size_array_t len, mach_msg_type_number_t lenCnt,
					 ipc_port_t *proxy)
{
	if (!task)
		return KERN_INVALID_TASK;
	if (objectCnt != 1 || offsetCnt != 1 || startCnt != 1 || lenCnt != 1)
		return KERN_INVALID_ARGUMENT;     /* one object per proxy, as GNU Mach */
	struct ipc_port *mo = ((struct ipc_port *const *)object)[0];
	if (!IPC_PORT_VALID(mo))
		return KERN_INVALID_NAME;
	if (max_protection & ~VM_PROT_ALL)
		return KERN_INVALID_VALUE;
	if (start[0] != 0 || (offset[0] & PAGE_MASK) || offset[0] + len[0] < offset[0])
		return KERN_INVALID_ARGUMENT;
	/* On success the object's send right (the request's) is the proxy's. */
	return proxy_create(mo, max_protection, offset[0], len[0], proxy);
}

kern_return_t vm_region_create_proxy(task_t task, vm_address_t address, vm_prot_t max_protection,
				     vm_size_t len, ipc_port_t *proxy)
{
	struct task *t = (struct task *)task;
	if (!t || !t->map)
		return KERN_INVALID_TASK;
	if (max_protection & ~VM_PROT_ALL)
		return KERN_INVALID_VALUE;
	struct vm_map_entry *e = vm_map_lookup_entry(t->map, address);
	if (!e)
		return KERN_INVALID_ADDRESS;
	/* Only memory a pager serves has a memory object to stand for. */
	struct ipc_port *mo = e->object && !e->needs_copy ? vm_pager_memory_object(e->object) : NULL;
	if (!mo || len == 0 || address + len < address || address + len > e->end)
		return KERN_INVALID_ARGUMENT;
	uint64_t off = e->offset + (trunc_page(address) - e->start);
	ipc_port_copy_send(mo);
	kern_return_t kr = proxy_create(mo, max_protection & e->max_protection, off, len, proxy);
	if (kr != KERN_SUCCESS)
		ipc_port_release_send(mo);
	return kr;
}

kern_return_t pager_proxy_lookup(struct ipc_port *p, struct ipc_port **object, vm_prot_t *max,
				 uint64_t *offset, uint64_t *len)
{
	if (!IPC_PORT_VALID(p) || !p->active || p->kotype != IKOT_PAGER_PROXY)
		return KERN_INVALID_ARGUMENT;
	struct pager_proxy *px = p->kobject;
	*object = px->object;
	*max = px->max_protection;
	*offset = px->offset;
	*len = px->len;
	return KERN_SUCCESS;
}
