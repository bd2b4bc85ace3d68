/*
 * pager.h — objects backed by an external memory manager (a user task serving
 * memory_object.defs): the kernel's half of Mach's external pager protocol.
 *
 * An external object is named by its pager's memory-object port (a send right the
 * object holds). On creation the kernel gives the pager two kernel ports: the control
 * port, on which the pager calls the memory_object_* routines of mach.defs, and the name
 * port. Pages come from the pager: a fault on a page that is not resident sends
 * memory_object_data_request and waits (interruptibly) until the pager supplies it,
 * declares it unavailable (zero-fill) or answers with an error; one request per page is
 * outstanding at a time. Pages may be locked against some accesses (data_unlock asks
 * the pager to lift the lock). When the last reference goes, dirty and precious pages
 * go back with memory_object_data_return and the control and name receive rights go
 * to the pager with memory_object_terminate. Objects are not cached after that.
 *
 * A pager that dies (its memory-object port loses its receiver) or destroys the object
 * fails the faults waiting on it and every later fault on a missing page with
 * KERN_MEMORY_ERROR; resident pages stay.
 *
 * References: the object holds one reference on its struct vm_pager (freed with the
 * object), one send right on the memory-object port and the kernel's receive rights of
 * control and name until terminate gives them away. The memory-object port points back
 * at the object (ipc_port.pager_object) while the object lives, so that a second vm_map
 * of the same port finds it and the port's death reaches it. A thread waiting for a page
 * holds a reference on the object.
 *
 * Locking: none yet (one CPU, interrupts off in the kernel); waits re-look everything up.
 */
#ifndef VM_PAGER_H
#define VM_PAGER_H

#include <stdbool.h>
#include <stdint.h>
#include <mach/kern_return.h>
#include <mach/vm_prot.h>

struct vm_object;
struct vm_page;
struct ipc_port;
struct vm_map_copy;

/* Page lock and state bits kept in vm_page.flags for pages of external objects. */
#define VM_PAGE_LOCK_SHIFT    4
#define VM_PAGE_LOCK_MASK     (VM_PROT_ALL << VM_PAGE_LOCK_SHIFT)  /* accesses refused */
#define VM_PAGE_UNLOCK_ASKED  0x100   /* a data_unlock is outstanding for the page */
#define VM_PAGE_PRECIOUS      0x200   /* the pager wants it back even if clean */

static inline vm_prot_t vm_page_lock(const struct vm_page *pg);

void vm_pager_init(void);

/* The object a memory-object port stands for, created (and memory_object_init sent) on
 * first use; with a new reference. The caller's send right is left to the caller.
 * KERN_INVALID_ARGUMENT for a port that is not a live user port. */
kern_return_t vm_pager_object(struct ipc_port *memory_object, struct vm_object **out);

/* The fault path found no page at `offset` of external object o. Sends the data
 * request if none is outstanding, and waits. KERN_SUCCESS: look again (the page may be
 * there, or the map may have changed); KERN_MEMORY_ERROR: the pager refused or died;
 * KERN_ABORTED: the wait was interrupted (thread_abort, termination). */
kern_return_t vm_pager_wait_page(struct vm_object *o, uint64_t offset, vm_prot_t access);
/* pg (of an external object) is locked against `access`: asks the pager to unlock it
 * (once) and waits. Same answers as vm_pager_wait_page. */
kern_return_t vm_pager_wait_unlock(struct vm_page *pg, vm_prot_t access);

/* The object lost its last reference: dirty and precious pages returned, terminate
 * sent, the pager's state freed. Its resident pages are then the caller's to free. */
void vm_pager_terminate(struct vm_object *o);
/* The memory-object port p (p->pager_object set) lost its receive right. */
void vm_pager_port_died(struct ipc_port *p);

/* ---- the pager's calls (kern/pager_rpc.c serves them on the control port) ---- */
kern_return_t vm_pager_supply(struct vm_object *o, uint64_t offset, struct vm_map_copy *data,
			      uint64_t size, vm_prot_t lock, bool precious);
kern_return_t vm_pager_unavailable(struct vm_object *o, uint64_t offset, uint64_t size);
kern_return_t vm_pager_error(struct vm_object *o, uint64_t offset, uint64_t size,
			     kern_return_t error);
/* memory_object_lock_request: return (MEMORY_OBJECT_RETURN_*), flush, lock. */
kern_return_t vm_pager_lock(struct vm_object *o, uint64_t offset, uint64_t size, int should_return,
			    bool flush, vm_prot_t lock);
void vm_pager_set_ready(struct vm_object *o, bool may_cache, int copy_strategy);
void vm_pager_get_attributes(struct vm_object *o, bool *ready, bool *may_cache, int *strategy);
/* The memory-object port of o if a live pager serves it, else NULL. */
struct ipc_port *vm_pager_memory_object(struct vm_object *o);
/* The control port to name in answers to the pager, or NULL once it was given back. */
struct ipc_port *vm_pager_control(struct vm_object *o);
/* memory_object_destroy: the object stops being served (faults fail) and terminates. */
void vm_pager_destroy(struct vm_object *o);

/* ---- messages to the pager (kern/pager_rpc.c, through our mig's KernelUser stubs) ---- */
struct vm_pager_ports {
	struct ipc_port *memory_object, *control, *name;
};
kern_return_t vm_pager_send_init(const struct vm_pager_ports *p);
kern_return_t vm_pager_send_data_request(const struct vm_pager_ports *p, uint64_t offset,
					 vm_prot_t access);
kern_return_t vm_pager_send_data_unlock(const struct vm_pager_ports *p, uint64_t offset,
					vm_prot_t access);
/* Consumes `data` (a copy of `size` bytes) whatever happens. */
kern_return_t vm_pager_send_data_return(const struct vm_pager_ports *p, uint64_t offset,
					struct vm_map_copy *data, uint64_t size, bool dirty);
/* Consumes the object's send right on the memory object and the receive rights of
 * control and name. */
kern_return_t vm_pager_send_terminate(const struct vm_pager_ports *p);

#include <vm/page_alloc.h>
static inline vm_prot_t vm_page_lock(const struct vm_page *pg)
{
	return (pg->flags & VM_PAGE_LOCK_MASK) >> VM_PAGE_LOCK_SHIFT;
}

#endif
