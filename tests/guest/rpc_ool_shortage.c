/*
 * rpc_ool_shortage.c — the kernel's out-of-line replies (see rpc_ool_replies.c) when
 * physical memory runs out. We take memory in physically contiguous blocks
 * (vm_allocate_contiguous, host_priv) until no page is free, then give it back one page
 * at a time; at each level every routine must either succeed or answer
 * KERN_RESOURCE_SHORTAGE (GNU Mach's code), or, when the reply's port names find no
 * page on the way in, the receive reports MACH_RCV_BODY_ERROR with the rights destroyed.
 * Whatever the outcome the free page count and our user references are as before the
 * call; which outcome each routine has at each level is known exactly (see
 * `expected`), down to every routine being KERN_RESOURCE_SHORTAGE with no page free.
 * The requests are raw messages on a reply port of our own, and arrays
 * that arrive are given back untouched (touching them could need a page-table page).
 * Needs ${host-port} as argv[1].
 */
//! modules() { printf '%s|%s\n' "$test_path" '/boot/rpc_ool_shortage ${host-port} $(task-create) $(task-resume)'; }
//! timeout=120
//! expect '^guest: [0-9]+ checks, 0 failed$'
//! expect '^kernel: allocator statistics are back to where they were before the first task$'
#include "guest.h"
#include "guest_mach.h"
#include <stddef.h>
#include <mach/mach_interface.h>
#include <mach/mach_port.h>
#include <mach/mach_host.h>
#include <mach/gnumach.h>
#include <mach/vm_statistics.h>

#define PAGE 4096ul
#define MAX_BLOCKS 512
#define LEVELS 6                  /* free pages tried: 0 .. LEVELS-1 */

static mach_port_t self, me, host, host_priv, pset, pset_name, processor, set, member;
static mach_port_t reply_port;
static vm_address_t block_va[MAX_BLOCKS];
static vm_size_t block_size[MAX_BLOCKS];
static int nblocks;

static long free_pages(void)
{
	vm_statistics_data_t st;
	CHECK_EQ(vm_statistics(self, &st), KERN_SUCCESS);
	return (long)st.free_count;
}

static mach_port_urefs_t send_refs(mach_port_t name)
{
	mach_port_urefs_t refs = 0;
	CHECK_EQ(mach_port_get_refs(self, name, MACH_PORT_RIGHT_SEND, &refs), KERN_SUCCESS);
	return refs;
}

/* ---- raw calls ---- */

struct reply {
	mach_msg_header_t h;
	mach_msg_type_t ret_t;
	kern_return_t ret;
	uint32_t pad;
	struct { mach_msg_type_t t; vm_address_t addr; } item[2];
};

/* Routine `id` on `to`, with one port-name argument unless arg is MACH_PORT_NULL: the
 * kernel's answer, or the receive's error (the reply is in *r either way). */
static kern_return_t call(mach_port_t to, mach_msg_id_t id, mach_port_name_t arg, struct reply *r)
{
	union {
		struct { mach_msg_header_t h; mach_msg_type_t t; mach_port_name_t name; uint32_t pad; } q;
		struct reply r;
	} m = { 0 };
	mach_msg_size_t size = arg ? sizeof(m.q) : sizeof(mach_msg_header_t);
	m.q.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m.q.h.msgh_size = size;
	m.q.h.msgh_remote_port = to;
	m.q.h.msgh_local_port = reply_port;
	m.q.h.msgh_id = id;
	m.q.t = (mach_msg_type_t){ .msgt_name = MACH_MSG_TYPE_PORT_NAME, .msgt_size = 32,
				   .msgt_number = 1, .msgt_inline = 1 };
	m.q.name = arg;
	mach_msg_return_t mr = mach_msg_trap(&m.q.h, MACH_SEND_MSG | MACH_RCV_MSG, size,
					     sizeof(m), reply_port, 0, 0);
	*r = m.r;
	if (mr != MACH_MSG_SUCCESS)
		return mr;
	CHECK_EQ(r->h.msgh_id, id + 100);
	return r->ret;
}

static void give_back(const struct reply *r, int items)
{
	for (int i = 0; i < items; i++)
		if (r->item[i].addr)
			CHECK_EQ(vm_deallocate(self, r->item[i].addr, r->item[i].t.msgt_number * 4),
				 KERN_SUCCESS);
}

/* A data-array routine (names, members): `items` arrays of 32-bit words. */
static kern_return_t data_call(mach_port_t to, mach_msg_id_t id, mach_port_name_t arg, int items)
{
	struct reply r;
	kern_return_t kr = call(to, id, arg, &r);
	if (kr == KERN_SUCCESS)
		give_back(&r, items);
	return kr;
}

/* A port-array routine whose answer must be exactly the rights `want` (n of them, known
 * by name before memory ran short): each such right is given back by name. */
static kern_return_t port_call(mach_port_t to, mach_msg_id_t id, const mach_port_t *want, unsigned n)
{
	struct reply r;
	kern_return_t kr = call(to, id, MACH_PORT_NULL, &r);
	if (kr == MACH_RCV_BODY_ERROR)
		CHECK_EQ(r.item[0].addr, 0);          /* no memory for the names: rights gone */
	if (kr != KERN_SUCCESS)
		return kr;
	CHECK_EQ(r.item[0].t.msgt_number, n);
	for (unsigned i = 0; i < n; i++)
		if (MACH_PORT_VALID(want[i]))
			CHECK_EQ(mach_port_deallocate(self, want[i]), KERN_SUCCESS);
	give_back(&r, 1);
	return kr;
}

#define SHORT KERN_RESOURCE_SHORTAGE
#define BODY MACH_RCV_BODY_ERROR

/* What each routine gives with `level` pages free (the two data-array routines first,
 * then the six port-array ones), by the pages each needs at once: mach_port_names a
 * buffer for the names, one for the types, and a page for each copy made while its
 * buffer is still held (three); mach_port_get_set_status its buffer and its copy
 * (two); a port-array routine one page for its buffer, then on the way in a page for
 * the names while the buffer is still held (two: with one, the receive fails). */
static const kern_return_t expected[4][8] = {
	{ SHORT, SHORT, SHORT, SHORT, SHORT, SHORT, SHORT, SHORT },
	{ SHORT, SHORT, BODY, BODY, BODY, BODY, BODY, BODY },
	{ SHORT, KERN_SUCCESS, KERN_SUCCESS, KERN_SUCCESS, KERN_SUCCESS, KERN_SUCCESS,
	  KERN_SUCCESS, KERN_SUCCESS },
	{ KERN_SUCCESS, KERN_SUCCESS, KERN_SUCCESS, KERN_SUCCESS, KERN_SUCCESS, KERN_SUCCESS,
	  KERN_SUCCESS, KERN_SUCCESS },
};

/* Every routine once, each checked against what `level` free pages give (a level of 3
 * or more, or -1 for plenty: all succeed). */
static void all_routines(long level)
{
	mach_port_t none[3] = { MACH_PORT_NULL, MACH_PORT_NULL, MACH_PORT_NULL };
	kern_return_t kr[8] = {
		data_call(self, 3200, MACH_PORT_NULL, 2),          /* mach_port_names */
		data_call(self, 3212, set, 1),                      /* mach_port_get_set_status */
		port_call(self, 2011, &me, 1),                      /* task_threads */
		port_call(self, 2034, none, 3),                     /* mach_ports_lookup */
		port_call(host_priv, 2600, &processor, 1),          /* host_processors */
		port_call(host, 2629, &pset_name, 1),               /* host_processor_sets */
		port_call(pset, 2627, &self, 1),                    /* processor_set_tasks */
		port_call(pset, 2628, &me, 1),                      /* processor_set_threads */
	};
	const kern_return_t *want = expected[level >= 0 && level < 3 ? level : 3];
	for (int i = 0; i < 8; i++)
		CHECK_EQ(kr[i], want[i]);
}

/* ---- taking memory ---- */

static int take(vm_size_t size)
{
	vm_address_t va = 0;
	rpc_phys_addr_t pa = 0;
	if (nblocks == MAX_BLOCKS ||
	    vm_allocate_contiguous(host_priv, self, &va, &pa, size, 0, 0, 0) != KERN_SUCCESS)
		return 0;
	block_va[nblocks] = va;
	block_size[nblocks++] = size;
	return 1;
}

/* Gives back the last block taken, a single page (a block's pages go back only with
 * the whole block). */
static void give_page(void)
{
	CHECK(nblocks > 0 && block_size[nblocks - 1] == PAGE);
	if (!nblocks)
		return;
	nblocks--;
	CHECK_EQ(vm_deallocate(self, block_va[nblocks], block_size[nblocks]), KERN_SUCCESS);
}

/* Takes every free page: the biggest blocks first, the last few dozen one by one (so
 * that they can be given back one by one). */
static void take_all(void)
{
	for (int order = 10; order >= 1; order--)
		while (free_pages() >= (1l << order) + 4 * LEVELS && take(PAGE << order))
			;
	while (free_pages() >= 1 && take(PAGE))
		;
}

static void give_all(void)
{
	while (nblocks > 0) {
		nblocks--;
		CHECK_EQ(vm_deallocate(self, block_va[nblocks], block_size[nblocks]), KERN_SUCCESS);
	}
}

int main(int argc, char **argv)
{
	self = mach_task_self();
	me = mach_thread_self();
	host = mach_host_self();
	host_priv = guest_port_arg(argc, argv);
	CHECK_EQ(processor_set_default(host, &pset_name), KERN_SUCCESS);
	CHECK_EQ(host_processor_set_priv(host_priv, pset_name, &pset), KERN_SUCCESS);
	processor_array_t procs = NULL;
	mach_msg_type_number_t n = 0;
	CHECK_EQ(host_processors(host_priv, &procs, &n), KERN_SUCCESS);
	processor = n ? procs[0] : MACH_PORT_NULL;   /* its name stays: we keep one reference */
	CHECK_EQ(vm_deallocate(self, (vm_address_t)procs, n * sizeof(*procs)), KERN_SUCCESS);
	CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &reply_port), KERN_SUCCESS);
	CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &set), KERN_SUCCESS);
	CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &member), KERN_SUCCESS);
	CHECK_EQ(mach_port_move_member(self, member, set), KERN_SUCCESS);

	for (int i = 0; i < 3; i++)                   /* zones and caches warm, all succeed */
		all_routines(-1);
	mach_port_urefs_t refs[5] = { send_refs(self), send_refs(me), send_refs(processor),
				      send_refs(pset_name), send_refs(pset) };
	take_all();
	CHECK_EQ(free_pages(), 0);
	for (long level = 0; level < LEVELS; level++) {
		long f = free_pages();
		CHECK_EQ(f, level);
		all_routines(level);
		CHECK_EQ(free_pages(), f);                /* nothing kept, whatever happened */
		give_page();
	}
	CHECK_EQ(send_refs(self), refs[0]);
	CHECK_EQ(send_refs(me), refs[1]);
	CHECK_EQ(send_refs(processor), refs[2]);
	CHECK_EQ(send_refs(pset_name), refs[3]);
	CHECK_EQ(send_refs(pset), refs[4]);
	give_all();
	all_routines(-1);
	return guest_finish();
}
