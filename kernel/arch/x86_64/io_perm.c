/*
 * io_perm.c — x86 I/O-port permissions for user-space drivers (mach_i386.defs), and the
 * other routines of that interface.
 *
 * An io_perm is a range of ports, made from the device master port by
 * i386_io_perm_create and named by a kernel-object port; it lives while someone holds a
 * send right (the last one going destroys it). i386_io_perm_modify opens or closes the
 * range for a task in the task's I/O permission bitmap (8 KiB, allocated on first use),
 * which the TSS carries while that task runs (gdt.c).
 *
 * Segment descriptors: 64-bit code here uses no LDT and no per-thread GDT entries (TLS
 * goes through the fs/gs bases, i386_FSGS_BASE_STATE), so i386_set_ldt / i386_set_gdt /
 * i386_get_ldt / i386_get_gdt refuse with KERN_INVALID_ARGUMENT.
 */
#include <kern/mig_convert.h>
#include <kern/task.h>
#include <kern/zalloc.h>
#include <kern/string.h>
#include <kern/machine.h>
#include <kern/host.h>
#include <vm/kmem.h>
#include <vm/page_alloc.h>
#include <arch/x86_64/trap.h>
#include <arch/x86_64/fpu.h>
#include <arch/x86_64/layout.h>
#include "mach_i386_S.h"

#define IO_BITMAP_BYTES 8192
#define IO_BITMAP_ORDER 1              /* two pages */

struct io_perm {
	uint16_t from, to;
	struct ipc_port *port;
};

static struct zone io_perm_zone;
static bool zone_ready;

io_perm_t convert_port_to_io_perm(ipc_port_t p)
{
	if (!IP_VALID(p) || !p->active || p->kotype != IKOT_IO_PERM)
		return 0;
	return (io_perm_t)p->kobject;
}

ipc_port_t convert_io_perm_to_port(io_perm_t perm)
{
	struct io_perm *io = (struct io_perm *)perm;
	if (!io)
		return IP_NULL;
	ipc_port_make_send(io->port);
	return io->port;
}

void io_perm_no_senders(struct ipc_port *p)
{
	struct io_perm *io = p->kobject;
	p->kobject = NULL;
	ipc_port_destroy(p);
	ipc_port_release(p);               /* the object's own reference */
	zfree(&io_perm_zone, io);
}

kern_return_t i386_io_perm_create(ipc_port_t master, io_port_t from, io_port_t to, io_perm_t *perm)
{
	if (!IP_VALID(master) || master != device_master_port)
		return KERN_INVALID_ARGUMENT;
	if (from > to)                     /* io_port_t is 16 bits: no range past 0xffff */
		return KERN_INVALID_ARGUMENT;
	if (!zone_ready) {
		zone_init(&io_perm_zone, "io_perm", sizeof(struct io_perm), &kernel_zone_source);
		zone_ready = true;
	}
	struct io_perm *io = zalloc(&io_perm_zone);
	if (!io)
		return KERN_RESOURCE_SHORTAGE;
	io->from = (uint16_t)from;
	io->to = (uint16_t)to;
	io->port = ipc_port_alloc_kobject(IKOT_IO_PERM, io);
	if (!io->port) {
		zfree(&io_perm_zone, io);
		return KERN_RESOURCE_SHORTAGE;
	}
	*perm = (io_perm_t)io;
	return KERN_SUCCESS;
}

kern_return_t i386_io_perm_modify(task_t task, io_perm_t perm, boolean_t enable)
{
	struct task *t = (struct task *)task;
	struct io_perm *io = (struct io_perm *)perm;
	if (!t || !io)
		return KERN_INVALID_ARGUMENT;
	if (!t->io_bitmap) {
		if (!enable)
			return KERN_SUCCESS;           /* nothing was open */
		struct vm_page *pg = vm_page_alloc(&kernel_page_pool, IO_BITMAP_ORDER);
		if (!pg)
			return KERN_RESOURCE_SHORTAGE;
		t->io_bitmap = phys_to_virt(vm_page_to_phys(&kernel_page_pool, pg));
		memset(t->io_bitmap, 0xff, IO_BITMAP_BYTES);
	}
	for (unsigned port = io->from; port <= io->to; port++) {
		if (enable)
			t->io_bitmap[port / 8] &= (uint8_t)~(1u << (port % 8));
		else
			t->io_bitmap[port / 8] |= (uint8_t)(1u << (port % 8));
	}
	if (t == current_task())
		tss_set_io_bitmap(t->io_bitmap, true);
	return KERN_SUCCESS;
}

void machine_task_exit(struct task *t)
{
	if (!t->io_bitmap)
		return;
	tss_forget_io_bitmap(t->io_bitmap);
	vm_page_free(&kernel_page_pool, vm_page_from_phys(&kernel_page_pool, virt_to_phys(t->io_bitmap)),
		     IO_BITMAP_ORDER);
	t->io_bitmap = NULL;
}

kern_return_t i386_get_xstate_size(host_t host, vm_size_t *size)
{
	if (!host)
		return KERN_INVALID_ARGUMENT;
	*size = fpu_state_size();
	return KERN_SUCCESS;
}

kern_return_t i386_set_ldt(thread_t thread, int first, const_descriptor_list_t list,
			   mach_msg_type_number_t count, boolean_t copy)
{ (void)thread; (void)first; (void)list; (void)count; (void)copy; return KERN_INVALID_ARGUMENT; }
kern_return_t i386_get_ldt(thread_t thread, int first, int count, descriptor_list_t *list,
			   mach_msg_type_number_t *n)
{ (void)thread; (void)first; (void)count; (void)list; (void)n; return KERN_INVALID_ARGUMENT; }
kern_return_t i386_set_gdt(thread_t thread, int *selector, descriptor_t desc)
{ (void)thread; (void)selector; (void)desc; return KERN_INVALID_ARGUMENT; }
kern_return_t i386_get_gdt(thread_t thread, int selector, descriptor_t *desc)
{ (void)thread; (void)selector; (void)desc; return KERN_INVALID_ARGUMENT; }
