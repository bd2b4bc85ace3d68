/*
 * vm_exhaust.c — running out of memory. A child task (task_create with inherit_memory,
 * running our code; our writable regions are inherited VM_INHERIT_SHARE so that neither
 * side needs copies while memory is short) gets 256 MiB of address space, twice the
 * guest's RAM: refused by its size limit first (KERN_NO_SPACE: GNU Mach's default limit
 * is the memory size), granted once the privileged host port raises the limit. Touching
 * it page by page eventually fails: the toucher's fault is an exception, EXC_BAD_ACCESS
 * with code KERN_RESOURCE_SHORTAGE and the page's address (Portico's rule; GNU Mach
 * would wait for the pageout daemon, which has no default pager here). We then
 * terminate the child; its memory comes back (free_count), and a fresh allocation here
 * is zero-filled, written and read back, as before. Needs ${host-port} as argv[1].
 */
//! modules() { printf '%s|%s\n' "$test_path" '/boot/vm_exhaust ${host-port} $(task-create) $(task-resume)'; }
//! timeout=240
//! expect '^guest: [0-9]+ checks, 0 failed$'
#include "guest_vm.h"
#include <mach/vm_prot.h>
#include <mach/vm_inherit.h>

#define P GVM_PAGE
#define HUGE (256ul << 20)

static mach_port_t self, host_priv;
static char child_stack[32768] __attribute__((aligned(16)));

/* The child's step: writes the first byte of every page; returns the pages done if it
 * ever gets to the end (it must not). */
static long toucher(long addr, long pages)
{
	for (long i = 0; i < pages; i++)
		*(volatile uint8_t *)(addr + i * (long)P) = (uint8_t)(i | 1);
	return pages;
}

static long reader(long addr, long unused)
{
	(void)unused;
	return *(volatile uint8_t *)addr;
}

/* Our writable regions are shared with the child rather than copied. */
static void share_writable(void)
{
	struct gvm_region r;
	vm_address_t cursor = 0;
	int n = 0;
	while (gvm_region(self, cursor, &r) == KERN_SUCCESS && n < 1000) {
		if (r.prot & VM_PROT_WRITE)
			CHECK_EQ(vm_inherit(self, r.address, r.size, VM_INHERIT_SHARE), KERN_SUCCESS);
		cursor = r.address + r.size;
		n++;
	}
	CHECK(n >= 2);
}

static void check_fresh_memory(void)
{
	vm_address_t a = 0;
	CHECK_EQ(vm_allocate(self, &a, 4ul << 20, TRUE), KERN_SUCCESS);
	if (!a)
		return;
	CHECK_EQ(gvm_nonzero((uint8_t *)a, 4ul << 20), 0);
	gvm_fill((uint8_t *)a, 4ul << 20, 17);
	CHECK_EQ(gvm_mismatches((uint8_t *)a, 4ul << 20, 17), 0);
	CHECK_EQ(vm_deallocate(self, a, 4ul << 20), KERN_SUCCESS);
}

int main(int argc, char **argv)
{
	self = mach_task_self();
	CHECK_EQ(argc, 2);
	host_priv = argc >= 2 ? gvm_parse_port(argv[1]) : MACH_PORT_NULL;
	vm_address_t probe = 0;
	kern_return_t kr = vm_allocate(self, &probe, P, TRUE);
	CHECK_EQ(kr, KERN_SUCCESS);
	if (kr != KERN_SUCCESS)                  /* no VM calls at all: say so once */
		return guest_finish();
	CHECK_EQ(vm_deallocate(self, probe, P), KERN_SUCCESS);

	check_fresh_memory();
	gvm_touch((uint8_t *)child_stack, sizeof(child_stack));
	share_writable();
	long f0 = gvm_free_pages();

	struct gvm_child c;
	kr = gvm_child_create(&c, child_stack, sizeof(child_stack));
	CHECK_EQ(kr, KERN_SUCCESS);
	if (kr != KERN_SUCCESS)
		return guest_finish();

	/* Address space beyond the memory size (Portico sets no size limit by default:
	 * vm_set_size_limit is not in the reference ABI, see vm_calls.c). */
	vm_address_t huge = 0;
	CHECK_EQ(vm_allocate(c.task, &huge, HUGE, TRUE), KERN_SUCCESS);
	long f1 = gvm_free_pages();
	CHECK(f0 - f1 < 64);                         /* address space, not memory */
	CHECK_EQ(gvm_child_call(&c, reader, (long)huge, 0), 0);   /* zero-filled on demand */

	/* Touch it all: the memory runs out first. */
	long done = 0;
	int exc = gvm_child_run(&c, toucher, (long)huge, (long)(HUGE / P), &done, 200000);
	CHECK_EQ(exc, EXC_BAD_ACCESS);
	CHECK_EQ(c.last.req.code, KERN_RESOURCE_SHORTAGE);
	vm_address_t at = (vm_address_t)c.last.req.subcode;
	CHECK_EQ(at % P, 0);
	CHECK(at >= huge + (32ul << 20));             /* it got a good way first */
	CHECK(at < huge + HUGE);
	long f2 = gvm_free_pages();
	CHECK(f2 >= 0 && f2 < f0 / 8);                /* memory really was short */

	/* The kernel still answers while memory is short. */
	struct gvm_region r;
	CHECK_EQ(gvm_region(c.task, huge, &r), KERN_SUCCESS);
	CHECK_EQ(r.address, huge);

	/* Freeing the task frees its memory. */
	gvm_child_destroy(&c);
	long f3 = gvm_free_pages();
	CHECK(f3 >= f0 - 64);
	CHECK(f3 - f2 >= (long)((at - huge) / P) - 64);
	check_fresh_memory();
	CHECK(gvm_free_pages() >= f0 - 64);
	return guest_finish();
}
