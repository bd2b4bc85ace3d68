/*
 * bench_vm.c — the VM benchmarks (the "VM" issue's figures), run with the others by
 * bench_ipc.c's main:
 *   ool_SIZE        an out-of-line round trip between two tasks: the client sends one
 *                   page-aligned region of SIZE (4k, 64k, 1m, 16m) with msgt_deallocate
 *                   in a request with a MAKE_SEND_ONCE reply port (send and receive in
 *                   one trap); the server receives it at a fresh address and sends it
 *                   back the same way with its reply (reply and receive in one trap).
 *                   The region's pages are resident (written once before timing) and
 *                   nobody touches them during the round trips.
 *   ool_per_page    (ool_16m - ool_4k) / 4095: what each page past the first adds.
 *   ool_SIZE_touch  the same, and each side writes one word in every page of the region
 *                   it received (the server before replying, the client after the
 *                   reply): every page faults once on each side.
 *   fault_zero      one zero-fill fault: the first write to a page of fresh vm_allocate
 *                   memory (FAULT_PAGES pages touched in a row, per page; allocation
 *                   and deallocation untimed).
 *   fault_cow       one copy-on-write fault: the first write to a page of a vm_copy of
 *                   resident memory (the page is copied; per page, as fault_zero).
 */
#include "bench.h"
#include <mach/mach_interface.h>

#define PAGE 4096ul
#define ID_OOL 700
#define ID_OOL_TOUCH 701
#define CLIENT_WORD 0          /* the word of each page each side writes */
#define SERVER_WORD 1
#define CLIENT_TAG 0x1111000000000000ull
#define SERVER_TAG 0x2222000000000000ull
#define FAULT_PAGES 256

struct ool_msg {
	mach_msg_header_t h;
	mach_msg_type_t t;
	vm_offset_t addr;
};

static mach_msg_type_t ool_type(uint64_t size)
{
	return (mach_msg_type_t){ .msgt_name = MACH_MSG_TYPE_BYTE, .msgt_size = 8,
				  .msgt_number = (uint32_t)size, .msgt_inline = 0,
				  .msgt_deallocate = 1 };
}

/* Writes tag + (offset of the page) into word `word` of each page of the region. */
static void touch_words(vm_offset_t addr, uint64_t size, unsigned word, uint64_t tag)
{
	for (uint64_t off = 0; off < size; off += PAGE)
		((volatile uint64_t *)(addr + off))[word] = tag + off;
}

static int word_ok(vm_offset_t addr, uint64_t off, unsigned word, uint64_t tag)
{
	return ((volatile uint64_t *)(addr + off))[word] == tag + off;
}

/* ---- The server (a thread of the server task). ---- */

void bench_vm_serve(mach_port_t port)
{
	struct ool_msg m;
	mach_msg_return_t mr = mach_msg_trap(&m.h, MACH_RCV_MSG, 0, sizeof(m), port, 0, 0);
	for (;;) {
		if (mr != MACH_MSG_SUCCESS) {
			mr = mach_msg_trap(&m.h, MACH_RCV_MSG, 0, sizeof(m), port, 0, 0);
			continue;
		}
		uint64_t size = m.t.msgt_number;
		if (m.h.msgh_id == ID_OOL_TOUCH)
			touch_words(m.addr, size, SERVER_WORD, SERVER_TAG);
		m.h = (mach_msg_header_t){
			.msgh_bits = MACH_MSGH_BITS_COMPLEX | MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0),
			.msgh_size = sizeof(m), .msgh_remote_port = m.h.msgh_remote_port,
			.msgh_id = m.h.msgh_id + 100 };
		m.t = ool_type(size);
		mr = mach_msg_trap(&m.h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(m), sizeof(m), port, 0, 0);
	}
}

/* ---- The client. ---- */

/* One round trip of the region at addr; returns where it came back. Not inlined, so
 * that tools/trace-rpc can find each operation's start. */
static __attribute__((noinline)) vm_offset_t ool_round_trip(mach_port_t service, mach_port_t reply, vm_offset_t addr,
				  uint64_t size, int touch)
{
	struct ool_msg m = {
		.h = { .msgh_bits = MACH_MSGH_BITS_COMPLEX |
				    MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE),
		       .msgh_size = sizeof(m), .msgh_remote_port = service, .msgh_local_port = reply,
		       .msgh_id = touch ? ID_OOL_TOUCH : ID_OOL },
		.t = ool_type(size),
		.addr = addr,
	};
	if (mach_msg_trap(&m.h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(m), sizeof(m), reply, 0, 0) !=
	    MACH_MSG_SUCCESS || m.t.msgt_number != size || (m.addr & (PAGE - 1)))
		bench_fail("out-of-line round trip");
	if (touch)
		touch_words(m.addr, size, CLIENT_WORD, CLIENT_TAG);
	return m.addr;
}

struct ool_case {
	const char *name;
	uint64_t size;
	int iters;
};

/* Measures round trips of one region of c->size (resident, both words of each page
 * written), checks that its first and last pages kept both words, and frees it. */
static uint64_t bench_ool(const struct ool_case *c, mach_port_t service, mach_port_t reply,
			  int touch)
{
	vm_address_t a = 0;
	uint64_t median, last = c->size - PAGE;
	if (vm_allocate(self, &a, c->size, 1) != KERN_SUCCESS)
		bench_fail("vm_allocate");
	touch_words(a, c->size, CLIENT_WORD, CLIENT_TAG);
	touch_words(a, c->size, SERVER_WORD, SERVER_TAG);
	MEASURE_N(c->name, ROUNDS, c->iters, median, (void)0,
		  a = ool_round_trip(service, reply, a, c->size, touch));
	if (!word_ok(a, 0, CLIENT_WORD, CLIENT_TAG) || !word_ok(a, last, CLIENT_WORD, CLIENT_TAG) ||
	    !word_ok(a, 0, SERVER_WORD, SERVER_TAG) || !word_ok(a, last, SERVER_WORD, SERVER_TAG))
		bench_fail("the region's data changed in transit");
	vm_deallocate(self, a, c->size);
	return median;
}

/* The cost per page of writing the first word of each of FAULT_PAGES pages at `a`. */
static uint64_t time_page_writes(vm_address_t a)
{
	uint64_t t0 = rdtsc();
	touch_words(a, FAULT_PAGES * PAGE, CLIENT_WORD, CLIENT_TAG);
	return (rdtsc() - t0) / FAULT_PAGES;
}

static void bench_fault_zero(void)
{
	uint64_t per_page[ROUNDS];
	for (int r = 0; r < ROUNDS; r++) {
		vm_address_t a = 0;
		if (vm_allocate(self, &a, FAULT_PAGES * PAGE, 1) != KERN_SUCCESS)
			bench_fail("vm_allocate");
		per_page[r] = time_page_writes(a);
		vm_deallocate(self, a, FAULT_PAGES * PAGE);
	}
	bench_report("fault_zero", per_page, ROUNDS);
}

static void bench_fault_cow(void)
{
	uint64_t per_page[ROUNDS], size = FAULT_PAGES * PAGE;
	for (int r = 0; r < ROUNDS; r++) {
		vm_address_t src = 0, dst = 0;
		if (vm_allocate(self, &src, size, 1) != KERN_SUCCESS ||
		    vm_allocate(self, &dst, size, 1) != KERN_SUCCESS)
			bench_fail("vm_allocate");
		touch_words(src, size, SERVER_WORD, SERVER_TAG);      /* resident */
		if (vm_copy(self, src, size, dst) != KERN_SUCCESS)
			bench_fail("vm_copy");
		per_page[r] = time_page_writes(dst);
		if (!word_ok(dst, size - PAGE, SERVER_WORD, SERVER_TAG) ||
		    !word_ok(src, 0, SERVER_WORD, SERVER_TAG) || word_ok(src, 0, CLIENT_WORD, CLIENT_TAG))
			bench_fail("copy-on-write");
		vm_deallocate(self, src, size);
		vm_deallocate(self, dst, size);
	}
	bench_report("fault_cow", per_page, ROUNDS);
}

void bench_vm_client(mach_port_t service, mach_port_t reply)
{
	static const struct ool_case plain[] = {
		{ "ool_4k", 4096, 200 }, { "ool_64k", 65536, 100 },
		{ "ool_1m", 1ul << 20, 40 }, { "ool_16m", 16ul << 20, 10 },
	};
	static const struct ool_case touched[] = {
		{ "ool_4k_touch", 4096, 200 }, { "ool_64k_touch", 65536, 50 },
		{ "ool_1m_touch", 1ul << 20, 4 }, { "ool_16m_touch", 16ul << 20, 1 },
	};
	uint64_t first = 0, biggest = 0;
	for (unsigned i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
		uint64_t v = bench_ool(&plain[i], service, reply, 0);
		first = i == 0 ? v : first;
		biggest = v;
	}
	/* Per page past the first, from 4 KiB to 16 MiB (0 if the big one were cheaper). */
	bench_print("ool_per_page", biggest > first ? (biggest - first) / 4095 : 0);
	for (unsigned i = 0; i < sizeof(touched) / sizeof(touched[0]); i++)
		bench_ool(&touched[i], service, reply, 1);
	bench_fault_zero();
	bench_fault_cow();
}
