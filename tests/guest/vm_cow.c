/*
 * vm_cow.c — copy-on-write and inheritance. task_create(inherit_memory=TRUE) gives a
 * child task our memory; a thread of it, started with thread_create / thread_set_state /
 * thread_resume, runs functions of this same program one step at a time (each ends in
 * ud2, raised to a port we receive on). The child sees our data on every page of a
 * 16-page region; writes on either side, on every page, are invisible to the other;
 * inheriting touched pages takes no new pages (vm_statistics free_count), writing one
 * page takes about one. Per-entry inheritance: VM_INHERIT_SHARE (writes seen both ways,
 * vm_region says shared), VM_INHERIT_COPY, VM_INHERIT_NONE (nothing there in the child:
 * vm_region skips it, a read faults with KERN_INVALID_ADDRESS). Copy-on-write after
 * vm_copy and after sending out-of-line memory: writes after the copy or the send are
 * not seen by the other side, and the pages are shared until written. Memory shared
 * while a copy of it is pending: one memory both ways, though the pages come from
 * below a shared shadow (every mapping of a page copied up into it must go).
 */
//! timeout=120
//! expect '^guest: [0-9]+ checks, 0 failed$'
#include "guest_vm.h"
#include <mach/vm_prot.h>
#include <mach/vm_inherit.h>

#define P GVM_PAGE
#define NPAGES 16

static mach_port_t self;
static char child_stack[32768] __attribute__((aligned(16)));

/* ---- Steps run by the child. ---- */

static long child_mismatches(long addr, long seed)
{
	return (long)gvm_mismatches((const uint8_t *)addr, NPAGES * P, (uint32_t)seed);
}

static long child_write_byte(long addr, long value)
{
	*(volatile uint8_t *)addr = (uint8_t)value;
	return 0;
}

/* Writes value at offset 7 of every page. */
static long child_write_pages(long addr, long value)
{
	for (long i = 0; i < NPAGES; i++)
		((volatile uint8_t *)addr)[i * P + 7] = (uint8_t)value;
	return 0;
}

/* How many pages differ from: value at offset 7, the pattern elsewhere (offset 9 too). */
static long child_check_pages(long addr, long value)
{
	long bad = 0;
	for (long i = 0; i < NPAGES; i++) {
		const volatile uint8_t *p = (const uint8_t *)addr + i * P;
		bad += p[7] != (uint8_t)value;
		bad += p[9] != gvm_byte((size_t)(i * P + 9), 1);
		bad += p[100] != gvm_byte((size_t)(i * P + 100), 1);
	}
	return bad;
}

static long child_load(long addr, long otherwise)
{
	return gvm_load((const void *)addr, otherwise);
}

static long child_store(long addr, long value)
{
	*(volatile long *)addr = value;
	return 0;
}

/* ---- The parent. ---- */

static vm_address_t alloc(vm_size_t size)
{
	vm_address_t a = 0;
	CHECK_EQ(vm_allocate(self, &a, size, TRUE), KERN_SUCCESS);
	return a;
}

static void check_inheritance(void)
{
	vm_address_t r = alloc(NPAGES * P), s = alloc(4 * P), n = alloc(2 * P);
	gvm_fill((uint8_t *)r, NPAGES * P, 1);
	gvm_touch((uint8_t *)s, 4 * P);
	gvm_touch((uint8_t *)n, 2 * P);
	CHECK_EQ(vm_inherit(self, s, 4 * P, VM_INHERIT_SHARE), KERN_SUCCESS);
	CHECK_EQ(vm_inherit(self, n, 2 * P, VM_INHERIT_NONE), KERN_SUCCESS);
	/* The child's stack is touched now, so the counts below see only the fork. */
	gvm_touch((uint8_t *)child_stack, sizeof(child_stack));

	long f0 = gvm_free_pages();
	struct gvm_child c;
	kern_return_t kr = gvm_child_create(&c, child_stack, sizeof(child_stack));
	CHECK_EQ(kr, KERN_SUCCESS);
	if (kr != KERN_SUCCESS)
		return;
	long f1 = gvm_free_pages();
	CHECK(f0 - f1 < NPAGES - 4);          /* 16 touched pages inherited, not copied */

	/* The child sees our data on every page (checked byte by byte). */
	CHECK_EQ(gvm_child_call(&c, child_mismatches, (long)r, 1), 0);
	/* ... and so does vm_read of its map. */
	vm_offset_t data = 0;
	mach_msg_type_number_t count = 0;
	CHECK_EQ(vm_read(c.task, r, NPAGES * P, &data, &count), KERN_SUCCESS);
	CHECK_EQ(count, NPAGES * P);
	CHECK_EQ(gvm_mismatches((uint8_t *)data, NPAGES * P, 1), 0);
	CHECK_EQ(vm_deallocate(self, data, count), KERN_SUCCESS);

	/* One written page in the child costs about one page. */
	gvm_child_call(&c, child_write_byte, (long)r, 0);          /* its stack is private now */
	long f2 = gvm_free_pages();
	gvm_child_call(&c, child_write_byte, (long)(r + 5 * P + 3), 0x5a);
	long f3 = gvm_free_pages();
	CHECK(f2 - f3 >= 1);
	CHECK(f2 - f3 <= 3);
	CHECK_EQ(((uint8_t *)r)[5 * P + 3], gvm_byte(5 * P + 3, 1));   /* not seen here */
	((uint8_t *)r)[0] = gvm_byte(0, 1);

	/* Writes on every page, both sides: neither sees the other's. */
	gvm_child_call(&c, child_write_pages, (long)r, 0xaa);
	size_t bad = 0;
	for (size_t i = 0; i < NPAGES; i++)
		bad += ((uint8_t *)r)[i * P + 7] != gvm_byte(i * P + 7, 1);
	CHECK_EQ(bad, 0);
	CHECK_EQ(gvm_mismatches((uint8_t *)r, NPAGES * P, 1), 0);
	for (size_t i = 0; i < NPAGES; i++)
		((volatile uint8_t *)r)[i * P + 9] = 0x55;
	CHECK_EQ(gvm_child_call(&c, child_check_pages, (long)r, 0xaa), 0);
	bad = 0;
	for (size_t i = 0; i < NPAGES; i++)
		bad += ((uint8_t *)r)[i * P + 9] != 0x55 || ((uint8_t *)r)[i * P + 7] != gvm_byte(i * P + 7, 1);
	CHECK_EQ(bad, 0);

	/* VM_INHERIT_SHARE: the same memory, both ways, on every page. */
	for (int i = 0; i < 4; i++)
		((volatile long *)(s + i * P))[1] = 1000 + i;
	for (int i = 0; i < 4; i++)
		CHECK_EQ(gvm_child_call(&c, child_load, (long)(s + i * P + 8), -1), 1000 + i);
	for (int i = 0; i < 4; i++)
		gvm_child_call(&c, child_store, (long)(s + i * P + 16), 2000 + i);
	for (int i = 0; i < 4; i++)
		CHECK_EQ(((volatile long *)(s + i * P))[2], 2000 + i);
	struct gvm_region reg;
	CHECK_EQ(gvm_region(self, s, &reg), KERN_SUCCESS);
	CHECK_EQ(reg.shared, TRUE);
	CHECK_EQ(reg.inherit, VM_INHERIT_SHARE);
	CHECK_EQ(gvm_region(c.task, s, &reg), KERN_SUCCESS);
	CHECK_EQ(reg.address, s);
	CHECK_EQ(reg.shared, TRUE);
	CHECK_EQ(reg.inherit, VM_INHERIT_SHARE);
	CHECK_EQ(gvm_region(c.task, r, &reg), KERN_SUCCESS);
	CHECK_EQ(reg.shared, FALSE);
	CHECK_EQ(reg.inherit, VM_INHERIT_COPY);
	CHECK_EQ(reg.prot, VM_PROT_DEFAULT);

	/* VM_INHERIT_NONE: not in the child at all. */
	CHECK(gvm_unmapped(c.task, n, 2 * P));
	long got = 0;
	CHECK_EQ(gvm_child_run(&c, child_load, (long)(n + 8), -3, &got, 20000), EXC_BAD_ACCESS);
	CHECK_EQ(c.last.req.code, KERN_INVALID_ADDRESS);
	CHECK_EQ(c.last.req.subcode, (int64_t)(n + 8));
	CHECK_EQ(vm_read(c.task, n, P, &data, &count), KERN_INVALID_ADDRESS);
	CHECK_EQ(((volatile uint8_t *)n)[0], 1);                      /* still ours */
	/* The child goes on after the fault (the next step replies to it). */
	CHECK_EQ(gvm_child_call(&c, child_load, (long)(s + 8), -1), 1000);

	/* The child's own allocations are its own. */
	vm_address_t mine = 0;
	CHECK_EQ(vm_allocate(c.task, &mine, P, TRUE), KERN_SUCCESS);
	gvm_child_call(&c, child_store, (long)mine, 4242);
	CHECK_EQ(gvm_child_call(&c, child_load, (long)mine, -1), 4242);

	gvm_child_destroy(&c);
	long f4 = gvm_free_pages();
	/* Its pages came back (give or take its thread's kernel stack and page-table root,
	 * which go when the thread is reaped, a moment later). */
	CHECK(f4 >= f3 - 8);
	CHECK_EQ(vm_deallocate(self, r, NPAGES * P), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(self, s, 4 * P), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(self, n, 2 * P), KERN_SUCCESS);
}

static void check_vm_copy(void)
{
	vm_address_t src = alloc(8 * P), dst = alloc(8 * P);
	gvm_fill((uint8_t *)src, 8 * P, 3);
	gvm_touch((uint8_t *)dst, 8 * P);
	long f0 = gvm_free_pages();
	CHECK_EQ(vm_copy(self, src, 8 * P, dst), KERN_SUCCESS);
	long f1 = gvm_free_pages();
	CHECK(f1 - f0 >= 6);              /* dst's old pages went; the copy shares src's */
	CHECK_EQ(gvm_mismatches((uint8_t *)dst, 8 * P, 3), 0);
	long f2 = gvm_free_pages();
	((volatile uint8_t *)dst)[2 * P] ^= 0xff;                 /* one page written: one copied */
	long f3 = gvm_free_pages();
	CHECK(f2 - f3 >= 1 && f2 - f3 <= 2);
	CHECK_EQ(((uint8_t *)src)[2 * P], gvm_byte(2 * P, 3));
	((volatile uint8_t *)src)[3 * P] ^= 0xff;
	CHECK_EQ(((uint8_t *)dst)[3 * P], gvm_byte(3 * P, 3));
	/* Every page, both ways. */
	for (size_t i = 0; i < 8; i++) {
		((volatile uint8_t *)src)[i * P + 1] = 0x11;
		((volatile uint8_t *)dst)[i * P + 2] = 0x22;
	}
	size_t bad = 0;
	for (size_t i = 0; i < 8; i++) {
		bad += ((uint8_t *)dst)[i * P + 1] != gvm_byte(i * P + 1, 3);
		bad += ((uint8_t *)src)[i * P + 2] != gvm_byte(i * P + 2, 3);
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(vm_deallocate(self, src, 8 * P), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(self, dst, 8 * P), KERN_SUCCESS);
}

/* Memory shared (VM_INHERIT_SHARE) while a copy of it is pending (vm_read, kept out of
 * the child): the fork gives both tasks one shadow object over the copied one. We read
 * pages 0-3 (mapped from the object below, read-only); the child writes them (copied
 * up into the shared shadow). Our next reads must see the child's data: a shared
 * object taking a copy of a page removes every mapping of the page below, ours
 * included. Once the pending copy is gone, our fault on page 4 folds the object below
 * into the shadow, which frees the four pages copied: the kernel panics if any pmap
 * still maps one. */
static void check_share_after_copy(void)
{
	vm_address_t s = gvm_isolated(5 * P);
	gvm_fill((uint8_t *)s, 5 * P, 6);
	vm_offset_t data = 0;
	mach_msg_type_number_t count = 0;
	CHECK_EQ(vm_read(self, s, 5 * P, &data, &count), KERN_SUCCESS);
	CHECK_EQ(vm_inherit(self, data, count, VM_INHERIT_NONE), KERN_SUCCESS);
	CHECK_EQ(vm_inherit(self, s, 5 * P, VM_INHERIT_SHARE), KERN_SUCCESS);
	gvm_touch((uint8_t *)child_stack, sizeof(child_stack));
	struct gvm_child c;
	kern_return_t kr = gvm_child_create(&c, child_stack, sizeof(child_stack));
	CHECK_EQ(kr, KERN_SUCCESS);
	if (kr != KERN_SUCCESS)
		return;
	long before[4];
	for (int i = 0; i < 4; i++)
		before[i] = ((volatile long *)(s + i * P))[3];
	for (int i = 0; i < 4; i++)
		gvm_child_call(&c, child_store, (long)(s + i * P + 24), 3000 + i);
	for (int i = 0; i < 4; i++) {
		CHECK(before[i] != 3000 + i);
		CHECK_EQ(((volatile long *)(s + i * P))[3], 3000 + i);
	}
	CHECK_EQ(gvm_mismatches((uint8_t *)data, 5 * P, 6), 0);      /* as it was */
	CHECK_EQ(vm_deallocate(self, data, count), KERN_SUCCESS);
	CHECK_EQ(((volatile uint8_t *)s)[4 * P + 100], gvm_byte(4 * P + 100, 6));   /* folds */
	/* Still one memory both ways; the bytes nobody wrote are the original's. */
	((volatile long *)s)[5] = 4000;
	CHECK_EQ(gvm_child_call(&c, child_load, (long)(s + 40), -1), 4000);
	for (int i = 0; i < 4; i++)
		CHECK_EQ(gvm_child_call(&c, child_load, (long)(s + i * P + 24), -1), 3000 + i);
	CHECK_EQ(((volatile uint8_t *)s)[2 * P + 100], gvm_byte(2 * P + 100, 6));
	gvm_child_destroy(&c);
	CHECK_EQ(vm_deallocate(self, s, 5 * P), KERN_SUCCESS);
}

struct ool_msg {
	mach_msg_header_t h;
	mach_msg_type_t t;
	vm_offset_t data;
};

static void check_ool(void)
{
	mach_port_t port = gvm_port();
	vm_address_t src = alloc(8 * P);
	gvm_fill((uint8_t *)src, 8 * P, 4);
	long f0 = gvm_free_pages();
	struct ool_msg m = {
		.h = { .msgh_bits = MACH_MSGH_BITS_COMPLEX | MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
		       .msgh_size = sizeof(m), .msgh_remote_port = port, .msgh_id = 1 },
		.t = { .msgt_name = MACH_MSG_TYPE_BYTE, .msgt_size = 8, .msgt_number = 8 * P, .msgt_inline = 0 },
		.data = src,
	};
	CHECK_EQ(mach_msg_trap(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0), MACH_MSG_SUCCESS);
	long f1 = gvm_free_pages();
	CHECK(f0 - f1 < 4);                  /* sent by sharing the pages, not copying them */
	/* Written after the send: the receiver still gets what was sent. */
	for (size_t i = 0; i < 8; i++)
		((volatile uint8_t *)src)[i * P + 5] ^= 0xff;
	union {
		struct ool_msg m;
		char bytes[256];
	} r;
	CHECK_EQ(mach_msg_trap(&r.m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(r), port, 1000, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(r.m.t.msgt_inline, 0);
	CHECK_EQ(r.m.t.msgt_number, 8 * P);
	vm_address_t got = r.m.data;
	CHECK(got != src);
	CHECK_EQ(gvm_mismatches((uint8_t *)got, 8 * P, 4), 0);
	/* And the receiver's writes do not reach the sender. */
	for (size_t i = 0; i < 8; i++)
		((volatile uint8_t *)got)[i * P + 6] ^= 0xff;
	size_t bad = 0;
	for (size_t i = 0; i < 8; i++)
		bad += ((uint8_t *)src)[i * P + 6] != gvm_byte(i * P + 6, 4);
	CHECK_EQ(bad, 0);
	CHECK_EQ(vm_deallocate(self, got, 8 * P), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(self, src, 8 * P), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, port), KERN_SUCCESS);
}

int main(void)
{
	self = mach_task_self();
	vm_address_t probe = 0;
	kern_return_t kr = vm_allocate(self, &probe, P, TRUE);
	CHECK_EQ(kr, KERN_SUCCESS);
	if (kr != KERN_SUCCESS)                  /* no VM calls at all: say so once */
		return guest_finish();
	check_inheritance();
	check_vm_copy();
	check_share_after_copy();
	check_ool();
	return guest_finish();
}
