/*
 * vm_pager_proxy.c — a pager served by a thread of the mapping task itself (the simplest
 * arrangement: no child task), then memory-object proxies (mach4.defs) over its object:
 * - vm_map of a memory object at an offset: requests at the right object offsets,
 *   supply and data_unavailable, a second mapping sharing the pages, the written page
 *   back with data_return at terminate, a new init after it, copy=TRUE private writes;
 * - get_attributes on the control port, refused on the name port and on a task port;
 *   supplies at an unaligned offset or of a partial page refused (pages asked later);
 * - memory_object_create_proxy: a read-only window mapped through the proxy (offsets
 *   relative to the window, max protection capped, a mapping past the window refused),
 *   its error codes (start != 0, mismatched counts, bad protection);
 * - vm_region_create_proxy: for pager-backed memory, refused for a private copy;
 * - the proxies go with their last send right (the leak check at the end sees it).
 */
//! expect '^guest: [0-9]+ checks, 0 failed$'
#include "guest.h"
#include "guest_mach.h"
#include <mach/mig_support.h>
#include <mach/mach_interface.h>
#include <mach/mach_port.h>
#include <mach/memory_object.h>
#include <mach/mach4.h>
#include "memory_object_S.h"

static mach_port_t self, mo, control, name;
static volatile int inits, requests, returns, terms;
static volatile uint64_t last_offset, returned_word;
static char stack[16384] __attribute__((aligned(16)));
static uint64_t tls_block[4];
static char pagebuf[8192] __attribute__((aligned(4096)));

kern_return_t memory_object_init(mach_port_t o, mach_port_t c, mach_port_t n, vm_size_t ps)
{
	(void)o;
	name = n;
	CHECK_EQ(ps, 4096);
	control = c;
	inits++;
	CHECK_EQ(memory_object_ready(c, FALSE, MEMORY_OBJECT_COPY_NONE), KERN_SUCCESS);
	return KERN_SUCCESS;
}
kern_return_t memory_object_terminate(mach_port_t o, mach_port_t c, mach_port_t n)
{ (void)o; (void)c; (void)n; terms++; return KERN_SUCCESS; }
kern_return_t memory_object_copy(mach_port_t a, mach_port_t b, vm_offset_t c, vm_size_t d, mach_port_t e)
{ (void)a; (void)b; (void)c; (void)d; (void)e; return KERN_FAILURE; }
kern_return_t memory_object_data_request(mach_port_t o, mach_port_t c, vm_offset_t off, vm_size_t len, vm_prot_t acc)
{
	(void)o; (void)acc;
	CHECK_EQ(len, 4096);
	requests++;
	last_offset = off;
	if (off == 0x3000) {
		CHECK_EQ(memory_object_data_unavailable(c, off, len), KERN_SUCCESS);
		return KERN_SUCCESS;
	}
	uint64_t *w = (uint64_t *)pagebuf;
	for (int i = 0; i < 512; i++)
		w[i] = off + i * 8;
	CHECK_EQ(memory_object_data_supply(c, off, (vm_offset_t)pagebuf, 4096, FALSE, VM_PROT_NONE, FALSE, MACH_PORT_NULL), KERN_SUCCESS);
	return KERN_SUCCESS;
}
kern_return_t memory_object_data_unlock(mach_port_t o, mach_port_t c, vm_offset_t off, vm_size_t l, vm_prot_t a)
{ (void)o; (void)c; (void)off; (void)l; (void)a; return KERN_FAILURE; }
kern_return_t memory_object_lock_completed(mach_port_t o, mach_port_t c, vm_offset_t off, vm_size_t l)
{ (void)o; (void)c; (void)off; (void)l; return KERN_SUCCESS; }
kern_return_t memory_object_supply_completed(mach_port_t o, mach_port_t c, vm_offset_t off, vm_size_t l, kern_return_t r, vm_offset_t e)
{ (void)o; (void)c; (void)off; (void)l; (void)r; (void)e; return KERN_SUCCESS; }
kern_return_t memory_object_data_return(mach_port_t o, mach_port_t c, vm_offset_t off, vm_offset_t data, mach_msg_type_number_t cnt, boolean_t dirty, boolean_t kc)
{
	(void)o; (void)c; (void)kc;
	CHECK_EQ(cnt, 4096);
	CHECK(dirty);
	returns++;
	returned_word = ((uint64_t *)data)[1] + (off << 32);
	vm_deallocate(self, data, cnt);
	return KERN_SUCCESS;
}
kern_return_t memory_object_change_completed(mach_port_t o, boolean_t c, memory_object_copy_strategy_t s)
{ (void)o; (void)c; (void)s; return KERN_SUCCESS; }

static void pager(void)
{
	union { mach_msg_header_t h; char b[8192]; } in, out;
	for (;;) {
		kern_return_t kr = mach_msg(&in.h, MACH_RCV_MSG, 0, sizeof(in), mo, 0, 0);
		if (kr != KERN_SUCCESS) { guest_print("pager rcv error\n"); continue; }
		memory_object_server(&in.h, &out.h);
	}
}

int main(void)
{
	self = mach_task_self();
	CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &mo), KERN_SUCCESS);
	CHECK_EQ(mach_port_insert_right(self, mo, mo, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	mach_port_t th = guest_thread_create(pager, stack, sizeof(stack));
	CHECK_EQ(mig_thread_tls_setup(th, tls_block, sizeof(tls_block)), KERN_SUCCESS);
	CHECK_EQ(thread_resume(th), KERN_SUCCESS);
	vm_address_t a = 0;
	CHECK_EQ(vm_map(self, &a, 0x4000, 0, TRUE, mo, 0x1000, FALSE, VM_PROT_ALL, VM_PROT_ALL, VM_INHERIT_COPY), KERN_SUCCESS);
	volatile uint64_t *w = (volatile uint64_t *)a;
	CHECK_EQ(w[0], 0x1000);
	CHECK_EQ(w[3], 0x1018);
	CHECK_EQ(inits, 1);
	CHECK_EQ(requests, 1);
	CHECK_EQ(w[512 + 5], 0x2028);
	CHECK_EQ(requests, 2);
	CHECK_EQ(w[1024 + 5], 0);
	CHECK_EQ(w[1536 + 5], 0x4028);
	CHECK_EQ(requests, 4);
	w[1] = 0x7777;
	vm_address_t b = 0;
	CHECK_EQ(vm_map(self, &b, 0x1000, 0, TRUE, mo, 0x1000, FALSE, VM_PROT_ALL, VM_PROT_ALL, VM_INHERIT_COPY), KERN_SUCCESS);
	CHECK_EQ(((volatile uint64_t *)b)[1], 0x7777);
	CHECK_EQ(inits, 1);
	CHECK_EQ(requests, 4);
	CHECK_EQ(vm_deallocate(self, b, 0x1000), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(self, a, 0x4000), KERN_SUCCESS);
	for (int i = 0; i < 100 && !terms; i++) swtch();
	CHECK_EQ(terms, 1);
	CHECK_EQ(returns, 1);
	CHECK_EQ(returned_word, 0x7777 + (0x1000ull << 32));
	/* again: new init */
	a = 0;
	CHECK_EQ(vm_map(self, &a, 0x1000, 0, TRUE, mo, 0, FALSE, VM_PROT_ALL, VM_PROT_ALL, VM_INHERIT_COPY), KERN_SUCCESS);
	CHECK_EQ(((volatile uint64_t *)a)[2], 16);
	CHECK_EQ(inits, 2);
	/* The control port's routines answer there only: not on the name port, nor on
	 * another kernel port. */
	boolean_t ready, cache;
	memory_object_copy_strategy_t strategy;
	CHECK_EQ(memory_object_get_attributes(control, &ready, &cache, &strategy), KERN_SUCCESS);
	CHECK(ready);
	CHECK(!cache);
	CHECK_EQ(strategy, MEMORY_OBJECT_COPY_NONE);
	CHECK_EQ(memory_object_get_attributes(name, &ready, &cache, &strategy), KERN_INVALID_ARGUMENT);
	CHECK_EQ(memory_object_get_attributes(self, &ready, &cache, &strategy), KERN_INVALID_ARGUMENT);
	/* Supplies at an unaligned offset or of a partial page are refused (nothing becomes
	 * resident: the pages are asked for when touched). */
	CHECK_EQ(memory_object_data_supply(control, 0x5008, (vm_offset_t)pagebuf, 4096, FALSE,
					   VM_PROT_NONE, FALSE, MACH_PORT_NULL), KERN_SUCCESS);
	CHECK_EQ(memory_object_data_supply(control, 0x6000, (vm_offset_t)pagebuf, 4000, FALSE,
					   VM_PROT_NONE, FALSE, MACH_PORT_NULL), KERN_SUCCESS);
	vm_address_t g = 0;
	int asked = requests;
	CHECK_EQ(vm_map(self, &g, 0x2000, 0, TRUE, mo, 0x5000, FALSE, VM_PROT_ALL, VM_PROT_ALL, VM_INHERIT_COPY), KERN_SUCCESS);
	CHECK_EQ(((volatile uint64_t *)g)[1], 0x5008);
	CHECK_EQ(((volatile uint64_t *)g)[512 + 1], 0x6008);
	CHECK_EQ(requests, asked + 2);
	CHECK_EQ(vm_deallocate(self, g, 0x2000), KERN_SUCCESS);
	/* copy mapping */
	vm_address_t c = 0;
	CHECK_EQ(vm_map(self, &c, 0x2000, 0, TRUE, mo, 0, TRUE, VM_PROT_ALL, VM_PROT_ALL, VM_INHERIT_COPY), KERN_SUCCESS);
	CHECK_EQ(((volatile uint64_t *)c)[2], 16);
	CHECK_EQ(((volatile uint64_t *)c)[512+2], 0x1010);
	((volatile uint64_t *)c)[2] = 5;
	CHECK_EQ(((volatile uint64_t *)a)[2], 16);
	CHECK_EQ(vm_map(self, &c, 0x2000, 0, TRUE, mo, 1, TRUE, VM_PROT_ALL, VM_PROT_ALL, VM_INHERIT_COPY), KERN_INVALID_ARGUMENT);
	CHECK_EQ(vm_map(self, &c, 0x2000, 0, TRUE, self, 0, TRUE, VM_PROT_ALL, VM_PROT_ALL, VM_INHERIT_COPY), KERN_INVALID_ARGUMENT);
	/* proxies: window [0x1000, 0x3000) of the object, read-only */
	mach_port_t px;
	memory_object_t objs[1] = { mo };
	rpc_vm_offset_t offs[1] = { 0x1000 }, starts[1] = { 0 };
	rpc_vm_size_t lens[1] = { 0x2000 };
	CHECK_EQ(memory_object_create_proxy(self, VM_PROT_READ, objs, MACH_MSG_TYPE_COPY_SEND, 1, offs, 1, starts, 1, lens, 1, &px), KERN_SUCCESS);
	vm_address_t d = 0;
	CHECK_EQ(vm_map(self, &d, 0x1000, 0, TRUE, px, 0x1000, FALSE, VM_PROT_ALL, VM_PROT_ALL, VM_INHERIT_COPY), KERN_SUCCESS);
	CHECK_EQ(((volatile uint64_t *)d)[3], 0x2018);
	CHECK_EQ(vm_protect(self, d, 0x1000, FALSE, VM_PROT_WRITE), KERN_PROTECTION_FAILURE);
	vm_address_t e2 = 0;
	CHECK_EQ(vm_map(self, &e2, 0x2000, 0, TRUE, px, 0x1000, FALSE, VM_PROT_READ, VM_PROT_READ, VM_INHERIT_COPY), KERN_INVALID_ARGUMENT);
	starts[0] = 0x1000;
	CHECK_EQ(memory_object_create_proxy(self, VM_PROT_READ, objs, MACH_MSG_TYPE_COPY_SEND, 1, offs, 1, starts, 1, lens, 1, &px), KERN_INVALID_ARGUMENT);
	CHECK_EQ(memory_object_create_proxy(self, VM_PROT_READ, objs, MACH_MSG_TYPE_COPY_SEND, 1, offs, 1, starts, 0, lens, 1, &px), KERN_INVALID_ARGUMENT);
	starts[0] = 0;
	CHECK_EQ(memory_object_create_proxy(self, 0x100, objs, MACH_MSG_TYPE_COPY_SEND, 1, offs, 1, starts, 1, lens, 1, &px), KERN_INVALID_VALUE);
	mach_port_t rpx;
	CHECK_EQ(vm_region_create_proxy(self, a, VM_PROT_READ, 0x1000, &rpx), KERN_SUCCESS);
	vm_address_t f = 0;
	CHECK_EQ(vm_map(self, &f, 0x1000, 0, TRUE, rpx, 0, FALSE, VM_PROT_READ, VM_PROT_ALL, VM_INHERIT_COPY), KERN_SUCCESS);
	CHECK_EQ(((volatile uint64_t *)f)[2], 16);
	CHECK_EQ(vm_region_create_proxy(self, c, VM_PROT_READ, 0x1000, &rpx), KERN_INVALID_ARGUMENT);
	return guest_finish();
}
