/*
 * vm_calls.c — the vm_* calls of mach.defs, mach_host.defs and gnumach.defs on the
 * task's own map, each good case beside its bad cases with GNU Mach's exact codes:
 * vm_allocate (anywhere, fixed, size 0, page rounding, over a mapping, outside user
 * space, the task's size limit), vm_deallocate (holes and ranges outside the map are no
 * error), vm_protect (faults become EXC_BAD_ACCESS / KERN_PROTECTION_FAILURE with the
 * address; the maximum bounds the current protection), vm_inherit, vm_region (the
 * region containing or following an address; KERN_NO_SPACE past the last), vm_read,
 * vm_write and vm_copy (page-aligned overwrite, overlap behaves as a copy of the old
 * source), vm_statistics (pages are used when touched, not when allocated), vm_wire and
 * vm_wire_all (host ports), vm_set_size_limit / vm_get_size_limit, vm_allocate_contiguous
 * with vm_pages_phys, vm_map of anonymous memory (mask, protections, inheritance); then
 * thousands of allocations at random fixed addresses, walked with vm_region and freed.
 * Needs the privileged host port: ${host-port} is argv[1].
 */
//! modules() { printf '%s|%s\n' "$test_path" '/boot/vm_calls ${host-port} $(task-create) $(task-resume)'; }
//! timeout=180
//! expect '^guest: [0-9]+ checks, 0 failed$'
#include "guest_vm.h"
#include <mach/mach_host.h>
#include <mach/gnumach.h>
#include <mach/vm_prot.h>
#include <mach/vm_inherit.h>
#include <mach/vm_wire.h>

#define P GVM_PAGE
#define USER_END 0x800000000000ul          /* VM_MAX_ADDRESS on x86_64 */

static mach_port_t self, host, host_priv;

static vm_address_t alloc(vm_size_t size)
{
	vm_address_t a = 0;
	CHECK_EQ(vm_allocate(self, &a, size, TRUE), KERN_SUCCESS);
	return a;
}

/* An address range of size bytes that is free now (allocated, then given back). */
static vm_address_t hole(vm_size_t size)
{
	vm_address_t a = alloc(size);
	CHECK_EQ(vm_deallocate(self, a, size), KERN_SUCCESS);
	return a;
}

/* An allocation with a free page on each side, so that it is a region of its own
 * (GNU Mach merges neighbouring entries with the same attributes). */
static vm_address_t isolated(vm_size_t size)
{
	vm_address_t h = hole(size + 2 * P), a = h + P;
	CHECK_EQ(vm_allocate(self, &a, size, FALSE), KERN_SUCCESS);
	CHECK_EQ(a, h + P);
	return a;
}

static void check_allocate(void)
{
	vm_address_t a = alloc(3 * P);
	CHECK(a != 0);
	CHECK_EQ(a % P, 0);
	CHECK_EQ(gvm_nonzero((uint8_t *)a, 3 * P), 0);      /* zero-filled */
	gvm_fill((uint8_t *)a, 3 * P, 1);
	CHECK_EQ(gvm_mismatches((uint8_t *)a, 3 * P, 1), 0);

	struct gvm_region r;
	CHECK_EQ(gvm_region(self, a, &r), KERN_SUCCESS);
	CHECK(r.address <= a && r.address + r.size >= a + 3 * P);
	CHECK_EQ(r.prot, VM_PROT_DEFAULT);
	CHECK_EQ(r.max_prot, VM_PROT_ALL);
	CHECK_EQ(r.inherit, VM_INHERIT_DEFAULT);
	CHECK_EQ(r.shared, FALSE);

	/* Sizes round up to whole pages; size 0 allocates nothing and answers address 0. */
	vm_address_t b = alloc(5000);
	CHECK_EQ(b % P, 0);
	((volatile uint8_t *)b)[2 * P - 1] = 7;                  /* the second page is there */
	vm_address_t z = 0x12345000;
	CHECK_EQ(vm_allocate(self, &z, 0, TRUE), KERN_SUCCESS);
	CHECK_EQ(z, 0);
	z = 0x12345000;
	CHECK_EQ(vm_allocate(self, &z, 0, FALSE), KERN_SUCCESS);
	CHECK_EQ(z, 0);

	/* Fixed: the address is truncated to its page; over a mapping is KERN_NO_SPACE, so
	 * is a range whose end runs into the next mapping. */
	vm_address_t h = hole(4 * P), f = h + 123;
	CHECK_EQ(vm_allocate(self, &f, 2 * P, FALSE), KERN_SUCCESS);
	CHECK_EQ(f, h);
	vm_address_t g = h;
	CHECK_EQ(vm_allocate(self, &g, P, FALSE), KERN_NO_SPACE);
	g = h + P;
	CHECK_EQ(vm_allocate(self, &g, P, FALSE), KERN_NO_SPACE);
	g = h + 2 * P;
	CHECK_EQ(vm_allocate(self, &g, P, FALSE), KERN_SUCCESS);  /* just after: fine */
	vm_address_t before = h - P;
	if (gvm_unmapped(self, before, P)) {
		g = before;
		CHECK_EQ(vm_allocate(self, &g, 2 * P, FALSE), KERN_NO_SPACE);
	}
	CHECK_EQ(vm_deallocate(self, h, 3 * P), KERN_SUCCESS);

	/* Outside the user range [0, 0x800000000000): KERN_INVALID_ADDRESS. */
	g = USER_END;
	CHECK_EQ(vm_allocate(self, &g, P, FALSE), KERN_INVALID_ADDRESS);
	g = USER_END - P;
	CHECK_EQ(vm_allocate(self, &g, 2 * P, FALSE), KERN_INVALID_ADDRESS);
	g = 0xffff800000000000ul;
	CHECK_EQ(vm_allocate(self, &g, P, FALSE), KERN_INVALID_ADDRESS);
	/* Portico's user space ends one page below GNU Mach's (the top page stays unmapped so
	 * that no user range reaches the non-canonical hole: docs/vm.md), so the very last
	 * page is outside, and the one below it is the last that can be had. */
	g = USER_END - P;
	CHECK_EQ(vm_allocate(self, &g, P, FALSE), KERN_INVALID_ADDRESS);
	g = USER_END - 2 * P;
	if (gvm_unmapped(self, g, P)) {
		CHECK_EQ(vm_allocate(self, &g, P, FALSE), KERN_SUCCESS);
		CHECK_EQ(g, USER_END - 2 * P);
		CHECK_EQ(vm_deallocate(self, g, P), KERN_SUCCESS);
	}
	/* A target that is not a task: no map. */
	CHECK_EQ(vm_allocate(host, &g, P, TRUE), KERN_INVALID_ARGUMENT);
	CHECK_EQ(vm_allocate(0x4343, &g, P, TRUE), MACH_SEND_INVALID_DEST);

	CHECK_EQ(vm_deallocate(self, a, 3 * P), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(self, b, 5000), KERN_SUCCESS);
	CHECK(gvm_unmapped(self, a, 3 * P));
	CHECK(gvm_unmapped(self, b, 2 * P));
}

static void check_deallocate(void)
{
	vm_address_t a = isolated(3 * P);
	gvm_touch((uint8_t *)a, 3 * P);
	/* The middle page goes: two regions stay around a hole. */
	CHECK_EQ(vm_deallocate(self, a + P + 10, 100), KERN_SUCCESS);   /* rounded to the page */
	struct gvm_region r;
	CHECK_EQ(gvm_region(self, a, &r), KERN_SUCCESS);
	CHECK_EQ(r.address, a);
	CHECK_EQ(r.size, P);
	CHECK_EQ(gvm_region(self, a + P, &r), KERN_SUCCESS);
	CHECK_EQ(r.address, a + 2 * P);                          /* the next one */
	CHECK_EQ(r.size, P);
	CHECK_EQ(((volatile uint8_t *)a)[0], 1);
	CHECK_EQ(((volatile uint8_t *)a)[2 * P], 1 | 2);
	/* Holes, zero sizes and ranges outside the map are no error in GNU Mach. */
	CHECK_EQ(vm_deallocate(self, a, 3 * P), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(self, a, 3 * P), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(self, a, 0), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(self, USER_END + P, P), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(self, 0xffff800000000000ul, P), KERN_SUCCESS);
	CHECK(gvm_unmapped(self, a, 3 * P));
	CHECK_EQ(vm_deallocate(0x4343, a, P), MACH_SEND_INVALID_DEST);
}

static void check_protect(void)
{
	vm_address_t a = isolated(2 * P);
	volatile long *w = (volatile long *)a, *w2 = (volatile long *)(a + P + 8);
	w[0] = 11;
	*w2 = 22;
	CHECK_EQ(vm_protect(self, a + P, P, FALSE, VM_PROT_READ), KERN_SUCCESS);
	struct gvm_region r;
	CHECK_EQ(gvm_region(self, a + P, &r), KERN_SUCCESS);
	CHECK_EQ(r.address, a + P);
	CHECK_EQ(r.size, P);
	CHECK_EQ(r.prot, VM_PROT_READ);
	CHECK_EQ(r.max_prot, VM_PROT_ALL);
	CHECK_EQ(gvm_region(self, a, &r), KERN_SUCCESS);
	CHECK_EQ(r.prot, VM_PROT_DEFAULT);

	/* Reading is fine; writing faults: EXC_BAD_ACCESS, KERN_PROTECTION_FAILURE, the
	 * address. The handler steps over the store: the value stays. */
	int n = gvm_fault.count;
	CHECK_EQ(gvm_load(w2, -1), 22);
	CHECK_EQ(gvm_fault.count, n);
	gvm_store(w2, 99);
	GVM_CHECK_FAULT(n, EXC_BAD_ACCESS, KERN_PROTECTION_FAILURE, w2);
	CHECK_EQ(*w2, 22);
	gvm_store(w, 12);                                     /* the other page is writable */
	CHECK_EQ(gvm_fault.count, n + 1);
	CHECK_EQ(w[0], 12);

	/* VM_PROT_NONE: even reading faults. */
	CHECK_EQ(vm_protect(self, a + P, P, FALSE, VM_PROT_NONE), KERN_SUCCESS);
	n = gvm_fault.count;
	CHECK_EQ(gvm_load(w2, -5), -5);
	GVM_CHECK_FAULT(n, EXC_BAD_ACCESS, KERN_PROTECTION_FAILURE, w2);
	/* Back to read/write: the data is still there and can be written. */
	CHECK_EQ(vm_protect(self, a + P, P, FALSE, VM_PROT_READ | VM_PROT_WRITE), KERN_SUCCESS);
	gvm_store(w2, 33);
	CHECK_EQ(gvm_fault.count, n + 1);
	CHECK_EQ(*w2, 33);

	/* The maximum: lowering it lowers the current protection to fit; nothing may be
	 * raised above it afterwards (KERN_PROTECTION_FAILURE), and it never rises again. */
	CHECK_EQ(vm_protect(self, a + P, P, TRUE, VM_PROT_READ), KERN_SUCCESS);
	CHECK_EQ(gvm_region(self, a + P, &r), KERN_SUCCESS);
	CHECK_EQ(r.max_prot, VM_PROT_READ);
	CHECK_EQ(r.prot, VM_PROT_READ);
	CHECK_EQ(vm_protect(self, a + P, P, FALSE, VM_PROT_READ | VM_PROT_WRITE), KERN_PROTECTION_FAILURE);
	CHECK_EQ(vm_protect(self, a + P, P, TRUE, VM_PROT_ALL), KERN_PROTECTION_FAILURE);
	/* ... and a range spanning both pages fails as a whole, changing nothing. */
	CHECK_EQ(vm_protect(self, a, 2 * P, FALSE, VM_PROT_WRITE | VM_PROT_READ), KERN_PROTECTION_FAILURE);
	CHECK_EQ(gvm_region(self, a, &r), KERN_SUCCESS);
	CHECK_EQ(r.prot, VM_PROT_DEFAULT);
	CHECK_EQ(vm_protect(self, a + P, P, FALSE, VM_PROT_NONE), KERN_SUCCESS);
	CHECK_EQ(vm_protect(self, a + P, P, FALSE, VM_PROT_READ), KERN_SUCCESS);
	n = gvm_fault.count;
	gvm_store(w2, 44);
	GVM_CHECK_FAULT(n, EXC_BAD_ACCESS, KERN_PROTECTION_FAILURE, w2);

	/* Bad protection bits; unmapped ranges are no error (GNU Mach skips holes). */
	CHECK_EQ(vm_protect(self, a, P, FALSE, 0x100), KERN_INVALID_ARGUMENT);
	vm_address_t h = hole(2 * P);
	CHECK_EQ(vm_protect(self, h, 2 * P, FALSE, VM_PROT_READ), KERN_SUCCESS);
	CHECK(gvm_unmapped(self, h, 2 * P));

	/* An unmapped address faults with KERN_INVALID_ADDRESS. */
	n = gvm_fault.count;
	CHECK_EQ(gvm_load((void *)(h + 16), -7), -7);
	GVM_CHECK_FAULT(n, EXC_BAD_ACCESS, KERN_INVALID_ADDRESS, h + 16);
	CHECK_EQ(vm_deallocate(self, a, 2 * P), KERN_SUCCESS);
}

static void check_inherit(void)
{
	vm_address_t a = isolated(2 * P);
	struct gvm_region r;
	CHECK_EQ(vm_inherit(self, a, P, VM_INHERIT_SHARE), KERN_SUCCESS);
	CHECK_EQ(gvm_region(self, a, &r), KERN_SUCCESS);
	CHECK_EQ(r.inherit, VM_INHERIT_SHARE);
	CHECK_EQ(r.size, P);
	CHECK_EQ(gvm_region(self, a + P, &r), KERN_SUCCESS);
	CHECK_EQ(r.inherit, VM_INHERIT_COPY);
	CHECK_EQ(vm_inherit(self, a + P, P, VM_INHERIT_NONE), KERN_SUCCESS);
	CHECK_EQ(gvm_region(self, a + P, &r), KERN_SUCCESS);
	CHECK_EQ(r.inherit, VM_INHERIT_NONE);
	CHECK_EQ(vm_inherit(self, a, P, 3), KERN_INVALID_ARGUMENT);
	CHECK_EQ(vm_inherit(self, a, P, -1), KERN_INVALID_ARGUMENT);
	CHECK_EQ(vm_inherit(self, hole(P), P, VM_INHERIT_SHARE), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(self, a, 2 * P), KERN_SUCCESS);
}

static void check_region(void)
{
	/* An untouched allocation has no object yet: no name, offset 0. */
	vm_address_t a = isolated(4 * P);
	struct gvm_region r;
	mach_port_t name = 0x5555;
	vm_address_t at = a + 2 * P + 5;
	CHECK_EQ(vm_region(self, &at, &r.size, &r.prot, &r.max_prot, &r.inherit, &r.shared, &name, &r.offset),
		 KERN_SUCCESS);
	CHECK_EQ(at, a);                                         /* the region containing it */
	CHECK_EQ(r.size, 4 * P);
	CHECK_EQ(name, MACH_PORT_NULL);
	CHECK_EQ(r.offset, 0);
	/* Touched, it has an object; GNU Mach names it by a send right to a name port,
	 * Portico does not hand out object names (yet): null. */
	((volatile uint8_t *)a)[0] = 1;
	at = a;
	CHECK_EQ(vm_region(self, &at, &r.size, &r.prot, &r.max_prot, &r.inherit, &r.shared, &name, &r.offset),
		 KERN_SUCCESS);
	CHECK_EQ(name, MACH_PORT_NULL);
	if (MACH_PORT_VALID(name))
		CHECK_EQ(mach_port_deallocate(self, name), KERN_SUCCESS);
	CHECK_EQ(vm_region(host, &at, &r.size, &r.prot, &r.max_prot, &r.inherit, &r.shared, &name, &r.offset),
		 KERN_INVALID_ARGUMENT);
	/* In a gap: the region that follows. */
	vm_address_t h = hole(8 * P);
	vm_address_t b = h + 4 * P;
	CHECK_EQ(vm_allocate(self, &b, P, FALSE), KERN_SUCCESS);
	CHECK_EQ(gvm_region(self, h, &r), KERN_SUCCESS);
	CHECK_EQ(r.address, h + 4 * P);
	CHECK_EQ(r.size, P);
	/* Walk the whole map: regions in order, no overlap; past the last, KERN_NO_SPACE. */
	vm_address_t cursor = 0, last_end = 0;
	int regions = 0;
	kern_return_t kr;
	while ((kr = gvm_region(self, cursor, &r)) == KERN_SUCCESS && regions < 100000) {
		CHECK(r.address >= last_end);
		CHECK(r.size > 0 && r.size % P == 0);
		last_end = cursor = r.address + r.size;
		regions++;
	}
	CHECK_EQ(kr, KERN_NO_SPACE);
	CHECK(regions >= 3);                                       /* text, data, stack at least */
	CHECK(last_end <= USER_END);
	CHECK_EQ(gvm_region(self, last_end, &r), KERN_NO_SPACE);
	CHECK_EQ(gvm_region(self, USER_END + P, &r), KERN_NO_SPACE);
	CHECK_EQ(vm_deallocate(self, a, 4 * P), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(self, b, P), KERN_SUCCESS);
}

static void check_read_write_copy(void)
{
	vm_address_t a = isolated(4 * P);
	gvm_fill((uint8_t *)a, 4 * P, 7);
	vm_offset_t data = 0;
	mach_msg_type_number_t count = 0;
	/* vm_read: the data comes out of line, at a fresh address with the same offset in
	 * its page as the source. */
	CHECK_EQ(vm_read(self, a + 100, 5000, &data, &count), KERN_SUCCESS);
	CHECK_EQ(count, 5000);
	CHECK_EQ(data % P, 100);
	CHECK(data < a || data >= a + 4 * P);
	size_t bad = 0;
	for (size_t i = 0; i < 5000; i++)
		bad += ((uint8_t *)data)[i] != gvm_byte(i + 100, 7);
	CHECK_EQ(bad, 0);
	/* It is a copy: writes on either side are not seen by the other. */
	((uint8_t *)data)[0] ^= 0xff;
	((uint8_t *)a)[101] ^= 0xff;
	CHECK_EQ(((uint8_t *)a)[100], gvm_byte(100, 7));
	CHECK_EQ(((uint8_t *)data)[1], gvm_byte(101, 7));
	((uint8_t *)a)[101] ^= 0xff;
	CHECK_EQ(vm_deallocate(self, data, count), KERN_SUCCESS);
	CHECK_EQ(vm_read(self, a, 0, &data, &count), KERN_SUCCESS);
	CHECK_EQ(count, 0);
	vm_address_t h = hole(3 * P);
	CHECK_EQ(vm_read(self, h, P, &data, &count), KERN_INVALID_ADDRESS);
	CHECK_EQ(vm_read(self, a + 3 * P, 2 * P, &data, &count), KERN_INVALID_ADDRESS);  /* runs off the end */
	CHECK_EQ(vm_read(self, USER_END, P, &data, &count), KERN_INVALID_ADDRESS);
	CHECK_EQ(vm_read(self, ~0ul - 100, 200, &data, &count), KERN_INVALID_ADDRESS);    /* wraps */
	CHECK_EQ(vm_protect(self, a + 3 * P, P, FALSE, VM_PROT_NONE), KERN_SUCCESS);
	CHECK_EQ(vm_read(self, a + 3 * P, P, &data, &count), KERN_PROTECTION_FAILURE);
	CHECK_EQ(vm_protect(self, a + 3 * P, P, FALSE, VM_PROT_READ), KERN_SUCCESS);

	/* vm_write: page-aligned data onto a page-aligned, writable destination. */
	vm_address_t src = isolated(2 * P), dst = isolated(3 * P);
	gvm_fill((uint8_t *)src, 2 * P, 9);
	CHECK_EQ(vm_write(self, dst + P, src, 2 * P), KERN_SUCCESS);
	CHECK_EQ(gvm_nonzero((uint8_t *)dst, P), 0);
	CHECK_EQ(gvm_mismatches((uint8_t *)(dst + P), 2 * P, 9), 0);
	((uint8_t *)src)[5] ^= 1;                                  /* the copy does not follow */
	CHECK_EQ(((uint8_t *)dst)[P + 5], gvm_byte(5, 9));
	((uint8_t *)src)[5] ^= 1;
	CHECK_EQ(vm_write(self, a + 3 * P, src, P), KERN_PROTECTION_FAILURE);   /* read-only */
	CHECK_EQ(vm_write(self, h, src, P), KERN_INVALID_ADDRESS);
	CHECK_EQ(vm_write(self, dst + 2 * P, src, 2 * P), KERN_INVALID_ADDRESS); /* runs off the end */
	CHECK_EQ(vm_write(self, dst + 8, src, P), KERN_INVALID_ARGUMENT);        /* unaligned */
	CHECK_EQ(vm_write(self, dst, src, 100), KERN_INVALID_ARGUMENT);
	CHECK_EQ(vm_write(self, dst, src + 8, P), KERN_INVALID_ARGUMENT);

	/* vm_copy: a copy-on-write snapshot of the source written over the destination. */
	gvm_fill((uint8_t *)dst, 3 * P, 3);
	CHECK_EQ(vm_copy(self, src, 2 * P, dst), KERN_SUCCESS);
	CHECK_EQ(gvm_mismatches((uint8_t *)dst, 2 * P, 9), 0);
	CHECK_EQ(((uint8_t *)dst)[2 * P], gvm_byte(2 * P, 3));      /* the third page untouched */
	((uint8_t *)src)[0] ^= 0x80;
	((uint8_t *)dst)[P] ^= 0x40;
	CHECK_EQ(((uint8_t *)dst)[0], gvm_byte(0, 9));
	CHECK_EQ(((uint8_t *)src)[P], gvm_byte(P, 9));
	/* Overlapping ranges: the destination gets the source as it was before the call. */
	gvm_fill((uint8_t *)dst, 3 * P, 5);
	CHECK_EQ(vm_copy(self, dst, 2 * P, dst + P), KERN_SUCCESS);
	CHECK_EQ(gvm_mismatches((uint8_t *)dst, P, 5), 0);
	CHECK_EQ(gvm_mismatches((uint8_t *)(dst + P), 2 * P, 5), 0);
	gvm_fill((uint8_t *)dst, 3 * P, 6);
	CHECK_EQ(vm_copy(self, dst + P, 2 * P, dst), KERN_SUCCESS);
	bad = 0;
	for (size_t i = 0; i < 2 * P; i++)
		bad += ((uint8_t *)dst)[i] != gvm_byte(i + P, 6);
	CHECK_EQ(bad, 0);
	CHECK_EQ(vm_copy(self, src, P, h), KERN_INVALID_ADDRESS);
	CHECK_EQ(vm_copy(self, h, P, dst), KERN_INVALID_ADDRESS);
	CHECK_EQ(vm_copy(self, src, P, a + 3 * P), KERN_PROTECTION_FAILURE);
	CHECK_EQ(vm_copy(self, src + 4, P, dst), KERN_INVALID_ARGUMENT);
	CHECK_EQ(vm_copy(self, src, P, dst + 4), KERN_INVALID_ARGUMENT);
	CHECK_EQ(vm_copy(self, src, 0, h), KERN_SUCCESS);           /* nothing to copy */
	CHECK_EQ(vm_deallocate(self, a, 4 * P), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(self, src, 2 * P), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(self, dst, 3 * P), KERN_SUCCESS);
}

static void check_statistics(void)
{
	vm_statistics_data_t st;
	CHECK_EQ(vm_statistics(self, &st), KERN_SUCCESS);
	CHECK_EQ(st.pagesize, 4096);
	CHECK(st.free_count > 1000 && st.free_count < 128 * 256);
	CHECK_EQ(vm_statistics(host, &st), KERN_INVALID_ARGUMENT);
	long f0 = gvm_free_pages();
	vm_address_t a = alloc(256 * P);
	long f1 = gvm_free_pages();
	CHECK(f0 - f1 < 32);                                     /* allocating takes no pages */
	gvm_touch((uint8_t *)a, 256 * P);
	long f2 = gvm_free_pages();
	CHECK(f1 - f2 >= 250);                                   /* touching does, one each */
	CHECK(f1 - f2 < 256 + 64);
	CHECK_EQ(vm_deallocate(self, a, 256 * P), KERN_SUCCESS);
	long f3 = gvm_free_pages();
	CHECK(f3 - f2 >= 250);                                   /* and they come back */
}

static void check_wire(void)
{
	vm_statistics_data_t st0, st1;
	vm_address_t a = isolated(8 * P);
	CHECK_EQ(vm_statistics(self, &st0), KERN_SUCCESS);
	CHECK_EQ(vm_wire(host_priv, self, a, 8 * P, VM_PROT_READ | VM_PROT_WRITE), KERN_SUCCESS);
	CHECK_EQ(vm_statistics(self, &st1), KERN_SUCCESS);
	CHECK(st1.wire_count >= st0.wire_count + 8);             /* faulted in and wired */
	CHECK(st0.free_count - st1.free_count >= 8);
	CHECK_EQ(vm_wire(host_priv, self, a, 8 * P, VM_PROT_NONE), KERN_SUCCESS);   /* unwire */
	CHECK_EQ(vm_statistics(self, &st1), KERN_SUCCESS);
	CHECK(st1.wire_count < st0.wire_count + 8);
	/* The plain host port may wire up to 8 MiB per task; beyond, KERN_NO_ACCESS. */
	CHECK_EQ(vm_wire(host, self, a, 2 * P, VM_PROT_READ), KERN_SUCCESS);
	CHECK_EQ(vm_wire(host, self, a, 2 * P, VM_PROT_NONE), KERN_SUCCESS);
	CHECK_EQ(vm_wire(host, self, a, 9ul << 20, VM_PROT_READ), KERN_NO_ACCESS);
	/* Holes, unmapped starts and protections short of the access: KERN_NO_SPACE. */
	vm_address_t h = hole(4 * P);
	CHECK_EQ(vm_wire(host_priv, self, h, P, VM_PROT_READ), KERN_NO_SPACE);
	CHECK_EQ(vm_wire(host_priv, self, a + 6 * P, 4 * P, VM_PROT_READ), KERN_NO_SPACE);
	CHECK_EQ(vm_protect(self, a, P, FALSE, VM_PROT_READ), KERN_SUCCESS);
	CHECK_EQ(vm_wire(host_priv, self, a, P, VM_PROT_READ | VM_PROT_WRITE), KERN_NO_SPACE);
	CHECK_EQ(vm_wire(host_priv, self, a, P, 0x10), KERN_INVALID_ARGUMENT);
	CHECK_EQ(vm_wire(self, self, a, P, VM_PROT_READ), KERN_INVALID_HOST);       /* not a host */
	CHECK_EQ(vm_wire(MACH_PORT_NULL, self, a, P, VM_PROT_READ), MACH_SEND_INVALID_DEST);
	/* vm_wire_all: privileged only; flags VM_WIRE_CURRENT / FUTURE / NONE. */
	CHECK_EQ(vm_wire_all(host, self, VM_WIRE_ALL), KERN_INVALID_HOST);
	CHECK_EQ(vm_wire_all(host_priv, self, 8), KERN_INVALID_ARGUMENT);
	CHECK_EQ(vm_wire_all(host_priv, self, VM_WIRE_ALL), KERN_SUCCESS);
	CHECK_EQ(vm_statistics(self, &st1), KERN_SUCCESS);
	CHECK(st1.wire_count >= st0.wire_count + 8);
	vm_address_t b = alloc(4 * P);                            /* VM_WIRE_FUTURE: wired now */
	CHECK_EQ(vm_statistics(self, &st0), KERN_SUCCESS);
	CHECK(st1.free_count - st0.free_count >= 4);
	CHECK_EQ(vm_wire_all(host_priv, self, VM_WIRE_NONE), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(self, a, 8 * P), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(self, b, 4 * P), KERN_SUCCESS);
}

static void check_size_limit(void)
{
	vm_size_t cur = 0, max = 0, big = 1ul << 30;
	vm_address_t a = 0;
	/* GNU Mach's default: both limits are the machine's memory size. */
	CHECK_EQ(gvm_get_size_limit(self, &cur, &max), KERN_SUCCESS);
	CHECK_EQ(cur, max);
	CHECK(cur >= (32ul << 20) && cur <= (128ul << 20));
	CHECK_EQ(vm_allocate(self, &a, big, TRUE), KERN_NO_SPACE);
	/* Lowering is allowed with the plain host port; raising the maximum is not. */
	CHECK_EQ(gvm_set_size_limit(host, self, 48ul << 20, max), KERN_SUCCESS);
	CHECK_EQ(gvm_get_size_limit(self, &cur, &max), KERN_SUCCESS);
	CHECK_EQ(cur, 48ul << 20);
	CHECK_EQ(vm_allocate(self, &a, 64ul << 20, TRUE), KERN_NO_SPACE);
	CHECK_EQ(vm_allocate(self, &a, 8ul << 20, TRUE), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(self, a, 8ul << 20), KERN_SUCCESS);
	CHECK_EQ(gvm_set_size_limit(host, self, max, max + P), KERN_NO_ACCESS);
	CHECK_EQ(gvm_set_size_limit(host, self, 2 * max, max), KERN_INVALID_ARGUMENT);  /* cur > max */
	CHECK_EQ(gvm_set_size_limit(self, self, max, max), KERN_INVALID_HOST);
	/* The privileged port raises both; address space then goes beyond memory. */
	CHECK_EQ(gvm_set_size_limit(host_priv, self, 4 * big, 8 * big), KERN_SUCCESS);
	CHECK_EQ(gvm_get_size_limit(self, &cur, &max), KERN_SUCCESS);
	CHECK_EQ(cur, 4 * big);
	CHECK_EQ(max, 8 * big);
	CHECK_EQ(vm_allocate(self, &a, 2 * big, TRUE), KERN_SUCCESS);
	((volatile uint8_t *)a)[big] = 1;                            /* one page of it, used */
	vm_address_t more = 0;
	CHECK_EQ(vm_allocate(self, &more, 3 * big, TRUE), KERN_NO_SPACE);     /* 2 + 3 > 4 GiB */
	CHECK_EQ(gvm_get_size_limit(host, &cur, &max), KERN_INVALID_TASK);     /* not a task */
	/* VM_PROT_NONE mappings do not count. */
	vm_address_t none = 0;
	CHECK_EQ(vm_map(self, &none, 6 * big, 0, TRUE, MACH_PORT_NULL, 0, FALSE, VM_PROT_NONE, VM_PROT_NONE,
			VM_INHERIT_COPY), KERN_SUCCESS);
	CHECK_EQ(vm_protect(self, none, P, TRUE, VM_PROT_READ), KERN_PROTECTION_FAILURE);
	CHECK_EQ(vm_deallocate(self, none, 6 * big), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(self, a, 2 * big), KERN_SUCCESS);
	CHECK_EQ(gvm_set_size_limit(host_priv, self, 128ul << 20, 128ul << 20), KERN_SUCCESS);
}

static void check_contiguous(void)
{
	vm_address_t va = 0;
	rpc_phys_addr_t pa = 0;
	const rpc_phys_addr_t four_gib = 0x100000000ull;
	CHECK_EQ(vm_allocate_contiguous(host_priv, self, &va, &pa, 5 * P, 0, four_gib, 0), KERN_SUCCESS);
	CHECK(va != 0 && va % P == 0);
	CHECK(pa != 0 && pa % P == 0);
	CHECK(pa + 5 * P <= four_gib);
	CHECK_EQ(gvm_nonzero((uint8_t *)va, 5 * P), 0);
	gvm_fill((uint8_t *)va, 5 * P, 4);
	CHECK_EQ(gvm_mismatches((uint8_t *)va, 5 * P, 4), 0);
	struct gvm_region r;
	CHECK_EQ(gvm_region(self, va, &r), KERN_SUCCESS);
	CHECK_EQ(r.address, va);
	CHECK_EQ(r.size, 5 * P);
	CHECK_EQ(r.prot, VM_PROT_READ | VM_PROT_WRITE);
	CHECK_EQ(r.max_prot, VM_PROT_READ | VM_PROT_WRITE);
	CHECK_EQ(r.inherit, VM_INHERIT_DEFAULT);
	/* The pages are physically contiguous from pa. */
	rpc_phys_addr_t pages_buf[8] = { 0 }, *pages = pages_buf;
	mach_msg_type_number_t n = 8;
	CHECK_EQ(vm_pages_phys(host_priv, self, va, 5 * P, &pages, &n), KERN_SUCCESS);
	CHECK_EQ(n, 5);
	for (unsigned i = 0; i < 5 && i < n; i++)
		CHECK_EQ(pages[i], pa + i * P);
	CHECK_EQ(vm_pages_phys(host_priv, self, va + 1, P, &pages, &n), KERN_INVALID_ARGUMENT);
	CHECK_EQ(vm_pages_phys(host, self, va, P, &pages, &n), KERN_INVALID_HOST);
	/* Under 16 MiB (the DMA zone) when pmax says so; small alignments are pages. */
	vm_address_t va2 = 0;
	rpc_phys_addr_t pa2 = 0;
	CHECK_EQ(vm_allocate_contiguous(host_priv, self, &va2, &pa2, P, 0, 16ul << 20, 512), KERN_SUCCESS);
	CHECK(pa2 + P <= (16ul << 20));
	CHECK_EQ(vm_deallocate(self, va2, P), KERN_SUCCESS);
	/* What GNU Mach does not do: a minimum, alignments above a page, size 0. */
	CHECK_EQ(vm_allocate_contiguous(host_priv, self, &va2, &pa2, P, 0x100000, four_gib, 0), KERN_INVALID_ARGUMENT);
	CHECK_EQ(vm_allocate_contiguous(host_priv, self, &va2, &pa2, P, 0, four_gib, 2 * P), KERN_INVALID_ARGUMENT);
	CHECK_EQ(vm_allocate_contiguous(host_priv, self, &va2, &pa2, 0, 0, four_gib, 0), KERN_INVALID_ARGUMENT);
	CHECK_EQ(vm_allocate_contiguous(host, self, &va2, &pa2, P, 0, four_gib, 0), KERN_INVALID_HOST);
	CHECK_EQ(vm_deallocate(self, va, 5 * P), KERN_SUCCESS);
}

static void check_map(void)
{
	/* Anonymous memory: alignment mask, protections, inheritance as asked. */
	vm_address_t a = 0;
	CHECK_EQ(vm_map(self, &a, 3 * P, 0xfffff, TRUE, MACH_PORT_NULL, 0, TRUE, VM_PROT_READ,
			VM_PROT_READ | VM_PROT_WRITE, VM_INHERIT_SHARE), KERN_SUCCESS);
	CHECK_EQ(a & 0xfffff, 0);
	struct gvm_region r;
	CHECK_EQ(gvm_region(self, a, &r), KERN_SUCCESS);
	CHECK_EQ(r.address, a);
	CHECK_EQ(r.size, 3 * P);
	CHECK_EQ(r.prot, VM_PROT_READ);
	CHECK_EQ(r.max_prot, VM_PROT_READ | VM_PROT_WRITE);
	CHECK_EQ(r.inherit, VM_INHERIT_SHARE);
	CHECK_EQ(gvm_load((void *)a, -1), 0);
	int n = gvm_fault.count;
	gvm_store((void *)(a + P), 5);
	GVM_CHECK_FAULT(n, EXC_BAD_ACCESS, KERN_PROTECTION_FAILURE, a + P);
	CHECK_EQ(vm_protect(self, a, 3 * P, FALSE, VM_PROT_READ | VM_PROT_WRITE), KERN_SUCCESS);
	gvm_store((void *)(a + P), 5);
	CHECK_EQ(gvm_fault.count, n + 1);
	CHECK_EQ(*(volatile long *)(a + P), 5);
	CHECK_EQ(vm_protect(self, a, P, FALSE, VM_PROT_EXECUTE | VM_PROT_READ | VM_PROT_WRITE),
		 KERN_PROTECTION_FAILURE);
	/* Fixed: an address breaking the mask is KERN_NO_SPACE; an unaligned one is
	 * truncated to its page. */
	vm_address_t h = hole(2 * P), f = (h & P) ? h : h + P;     /* not 2-page aligned */
	CHECK_EQ(vm_map(self, &f, P, 2 * P - 1, FALSE, MACH_PORT_NULL, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_ALL,
			VM_INHERIT_COPY), KERN_NO_SPACE);
	f = h + 77;
	CHECK_EQ(vm_map(self, &f, P, 0, FALSE, MACH_PORT_NULL, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_ALL,
			VM_INHERIT_NONE), KERN_SUCCESS);
	CHECK_EQ(f, h);
	CHECK_EQ(gvm_region(self, h, &r), KERN_SUCCESS);
	CHECK_EQ(r.inherit, VM_INHERIT_NONE);
	CHECK_EQ(vm_map(self, &f, P, 0, FALSE, MACH_PORT_NULL, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_ALL,
			VM_INHERIT_NONE), KERN_NO_SPACE);
	/* Bad arguments. */
	vm_address_t x = 0;
	CHECK_EQ(vm_map(self, &x, 0, 0, TRUE, MACH_PORT_NULL, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_ALL,
			VM_INHERIT_COPY), KERN_INVALID_ARGUMENT);
	CHECK_EQ(vm_map(self, &x, P, 0, TRUE, MACH_PORT_NULL, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_ALL, 9),
		 KERN_INVALID_ARGUMENT);
	CHECK_EQ(vm_map(self, &x, P, 0, TRUE, MACH_PORT_NULL, 0, FALSE, 0x20, VM_PROT_ALL, VM_INHERIT_COPY),
		 KERN_INVALID_ARGUMENT);
	CHECK_EQ(vm_map(self, &x, P, 0, TRUE, MACH_PORT_NULL, 0, FALSE, VM_PROT_DEFAULT, 0x40, VM_INHERIT_COPY),
		 KERN_INVALID_ARGUMENT);
	x = USER_END;
	CHECK_EQ(vm_map(self, &x, P, 0, FALSE, MACH_PORT_NULL, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_ALL,
			VM_INHERIT_COPY), KERN_INVALID_ADDRESS);
	CHECK_EQ(vm_deallocate(self, a, 3 * P), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(self, h, P), KERN_SUCCESS);
}

/* Thousands of one-page allocations at random fixed slots of a 512 MiB window, two
 * pages apart so no two can merge; then the map is walked and emptied in two rounds. */
#define SLOTS 65536
#define WINDOW 0x300000000000ul
static uint8_t used[SLOTS];

static uint32_t rng = 12345;
static uint32_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static int count_regions(vm_address_t from, vm_address_t to, int *misplaced)
{
	struct gvm_region r;
	vm_address_t cursor = from;
	int n = 0;
	*misplaced = 0;
	while (gvm_region(self, cursor, &r) == KERN_SUCCESS && r.address < to) {
		size_t slot = (r.address - from) / (2 * P);
		if (r.size != P || (r.address - from) % (2 * P) || !used[slot])
			(*misplaced)++;
		else if (*(volatile uint32_t *)r.address != (uint32_t)slot + 1)
			(*misplaced)++;
		n++;
		cursor = r.address + r.size;
	}
	return n;
}

static void check_many(void)
{
	int made = 0, refused = 0, misplaced = 0;
	CHECK(gvm_unmapped(self, WINDOW, SLOTS * 2 * P));
	for (int i = 0; i < 3000; i++) {
		uint32_t slot = next_random() % SLOTS;
		vm_address_t a = WINDOW + slot * 2 * P;
		kern_return_t kr = vm_allocate(self, &a, P, FALSE);
		if (used[slot]) {
			refused += kr == KERN_NO_SPACE;
			continue;
		}
		if (kr != KERN_SUCCESS || a != WINDOW + slot * 2 * P) {
			CHECK_EQ(kr, KERN_SUCCESS);
			break;
		}
		used[slot] = 1;
		*(volatile uint32_t *)a = slot + 1;
		made++;
	}
	CHECK(made > 2800);
	CHECK_EQ(refused, 3000 - made);
	CHECK_EQ(count_regions(WINDOW, WINDOW + SLOTS * 2 * P, &misplaced), made);
	CHECK_EQ(misplaced, 0);
	/* Free every other one, by ranges that also cover the empty slots around them. */
	int left = made;
	for (uint32_t slot = 0; slot < SLOTS; slot += 2) {
		if (used[slot]) {
			used[slot] = 0;
			left--;
		}
		CHECK_EQ(vm_deallocate(self, WINDOW + slot * 2 * P, 2 * P), KERN_SUCCESS);
	}
	CHECK_EQ(count_regions(WINDOW, WINDOW + SLOTS * 2 * P, &misplaced), left);
	CHECK_EQ(misplaced, 0);
	CHECK_EQ(vm_deallocate(self, WINDOW, SLOTS * 2 * P), KERN_SUCCESS);
	CHECK(gvm_unmapped(self, WINDOW, SLOTS * 2 * P));
}

int main(int argc, char **argv)
{
	self = mach_task_self();
	host = mach_host_self();
	CHECK_EQ(argc, 2);
	host_priv = argc >= 2 ? gvm_parse_port(argv[1]) : MACH_PORT_NULL;
	gvm_fault_handler_start();
	vm_address_t probe = 0;
	kern_return_t kr = vm_allocate(self, &probe, P, TRUE);
	CHECK_EQ(kr, KERN_SUCCESS);
	if (kr != KERN_SUCCESS)                  /* no VM calls at all: say so once */
		return guest_finish();
	CHECK_EQ(vm_deallocate(self, probe, P), KERN_SUCCESS);
	check_wire();                    /* first: vm_wire_all wires the whole (small) map */
	check_allocate();
	check_deallocate();
	check_protect();
	check_inherit();
	check_region();
	check_read_write_copy();
	check_statistics();
	/* vm_set_size_limit / vm_get_size_limit are not in the reference ABI's gnumach.defs
	 * (Debian 13), so Portico does not serve them: their message ids would be a guess.
	 * check_size_limit stays for when the interface is published. */
	(void)check_size_limit;
	check_contiguous();
	check_map();
	check_many();
	return guest_finish();
}
