/*
 * rpc_ool_replies.c — the kernel routines whose replies carry out-of-line arrays,
 * through the user stubs (ours, or GNU MIG's in foreign-rpc_ool_replies.elf):
 * mach_port_names and mach_port_get_set_status (mach_port.defs), task_threads and
 * mach_ports_lookup (mach.defs), host_processors, host_processor_sets,
 * processor_set_tasks and processor_set_threads (mach_host.defs).
 *
 * Good cases check every value, and that each array arrives at a fresh page-aligned
 * address that vm_deallocate takes back (an empty array arrives as address 0); bad
 * cases check GNU Mach's codes. The wire form of replies (out-of-line ports as 32-bit
 * names, GNU Mach's descriptor bits) is checked on raw messages. Repeated calls must
 * leave the free page count, the name space and the user references where they were,
 * and the run ends with the kernel's leak check. Needs ${host-port} as argv[1].
 */
//! modules() { printf '%s|%s\n' "$test_path" '/boot/rpc_ool_replies ${host-port} $(task-create) $(task-resume)'; }
//! expect '^guest: [0-9]+ checks, 0 failed$'
//! expect '^kernel: allocator statistics are back to where they were before the first task$'
#include "guest.h"
#include "guest_mach.h"
#include <mach/mach_interface.h>
#include <mach/mach_port.h>
#include <mach/mach_host.h>
#include <mach/mig_errors.h>
#include <mach/notify.h>
#include <mach/processor_info.h>
#include <mach/vm_statistics.h>

#define PAGE 4096ul

static mach_port_t self, me, host, host_priv;
static char stack1[16384] __attribute__((aligned(16)));

static void spin(void)
{
	for (;;)
		swtch();
}

static mach_port_t new_port(mach_port_right_t right)
{
	mach_port_t p = MACH_PORT_NULL;
	CHECK_EQ(mach_port_allocate(self, right, &p), KERN_SUCCESS);
	return p;
}

static mach_port_t new_send_receive(void)
{
	mach_port_t p = new_port(MACH_PORT_RIGHT_RECEIVE);
	CHECK_EQ(mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	return p;
}

static mach_port_urefs_t send_refs(mach_port_t name)
{
	mach_port_urefs_t refs = 0;
	CHECK_EQ(mach_port_get_refs(self, name, MACH_PORT_RIGHT_SEND, &refs), KERN_SUCCESS);
	return refs;
}

/* An array as it must arrive (0 when empty; else at a page boundary, mapped, ours to
 * write), then given back: vm_deallocate takes it and the page is gone after. */
static void release_array(const void *array, mach_msg_type_number_t n, size_t elem)
{
	vm_address_t a = (vm_address_t)array;
	if (n == 0) {
		CHECK_EQ(a, 0);
		return;
	}
	CHECK(a != 0);
	CHECK_EQ(a % PAGE, 0);
	vm_address_t at = a;
	vm_size_t size = 0;
	vm_prot_t prot = 0, max = 0;
	vm_inherit_t inh = 0;
	boolean_t shared = 0;
	mach_port_t object = MACH_PORT_NULL;
	vm_offset_t offset = 0;
	CHECK_EQ(vm_region(self, &at, &size, &prot, &max, &inh, &shared, &object, &offset), KERN_SUCCESS);
	CHECK_EQ(at, a);
	CHECK(size >= n * elem);
	CHECK_EQ(prot, VM_PROT_READ | VM_PROT_WRITE);
	((volatile char *)a)[n * elem - 1] ^= 0;   /* writable */
	CHECK_EQ(vm_deallocate(self, a, n * elem), KERN_SUCCESS);
	at = a;
	if (vm_region(self, &at, &size, &prot, &max, &inh, &shared, &object, &offset) == KERN_SUCCESS)
		CHECK(at > a);
}

/* Port arrays: the rights each name holds are the caller's to give back too. */
static void release_ports(mach_port_t *ports, mach_msg_type_number_t n)
{
	for (mach_msg_type_number_t i = 0; i < n; i++)
		if (MACH_PORT_VALID(ports[i]))
			CHECK_EQ(mach_port_deallocate(self, ports[i]), KERN_SUCCESS);
	release_array(ports, n, sizeof(*ports));
}

/* ---- mach_port_names ---- */

struct listing {
	mach_port_name_t *names;
	mach_port_type_t *types;
	mach_msg_type_number_t n;
};

static kern_return_t list_names(mach_port_t task, struct listing *l)
{
	mach_msg_type_number_t ntypes = 0;
	l->names = NULL;
	l->types = NULL;
	l->n = 0;
	kern_return_t kr = mach_port_names(task, &l->names, &l->n, &l->types, &ntypes);
	if (kr == KERN_SUCCESS) {
		CHECK_EQ(ntypes, l->n);
		CHECK(l->n == 0 || l->names != (void *)l->types);
	}
	return kr;
}

static void free_listing(struct listing *l)
{
	release_array(l->names, l->n, sizeof(mach_port_name_t));
	release_array(l->types, l->n, sizeof(mach_port_type_t));
}

/* The type the listing gives a name, or 0 if the name is not in it. */
static mach_port_type_t listed_type(const struct listing *l, mach_port_name_t name)
{
	for (mach_msg_type_number_t i = 0; i < l->n; i++)
		if (l->names[i] == name)
			return l->types[i];
	return 0;
}

/* A name's slot: Portico's names carry the slot in their low 24 bits, a generation
 * above (kernel/ipc/space.h); listings come in slot order. */
#define SLOT(name) ((name) & 0xffffffu)

/* Names in slot order, each with what mach_port_type says of it. */
static void check_consistent(mach_port_t task, const struct listing *l)
{
	for (mach_msg_type_number_t i = 0; i < l->n; i++) {
		mach_port_type_t t = 0;
		CHECK(i == 0 || SLOT(l->names[i]) > SLOT(l->names[i - 1]));
		CHECK_EQ(mach_port_type(task, l->names[i], &t), KERN_SUCCESS);
		CHECK_EQ(l->types[i], t);
	}
}

/* The same names with the same types, in the same order. */
static void check_same_listing(const struct listing *a, const struct listing *b)
{
	CHECK_EQ(a->n, b->n);
	for (mach_msg_type_number_t i = 0; i < a->n && i < b->n; i++) {
		CHECK_EQ(a->names[i], b->names[i]);
		CHECK_EQ(a->types[i], b->types[i]);
	}
}

static void check_names_self(mach_port_t child)
{
	struct listing l0, l1, l2;
	CHECK_EQ(list_names(self, &l0), KERN_SUCCESS);
	check_consistent(self, &l0);
	CHECK_EQ(listed_type(&l0, self), MACH_PORT_TYPE_SEND);
	CHECK_EQ(listed_type(&l0, me), MACH_PORT_TYPE_SEND);
	CHECK_EQ(listed_type(&l0, child), MACH_PORT_TYPE_SEND);

	mach_port_t r = new_port(MACH_PORT_RIGHT_RECEIVE), sr = new_send_receive();
	mach_port_t set = new_port(MACH_PORT_RIGHT_PORT_SET), d = new_port(MACH_PORT_RIGHT_DEAD_NAME);
	/* A send right under its own name: made from a port of the child's. */
	mach_port_t cport = MACH_PORT_NULL, x = MACH_PORT_NULL, prev = MACH_PORT_NULL;
	mach_msg_type_name_t xt = 0;
	CHECK_EQ(mach_port_allocate(child, MACH_PORT_RIGHT_RECEIVE, &cport), KERN_SUCCESS);
	CHECK_EQ(mach_port_extract_right(child, cport, MACH_MSG_TYPE_MAKE_SEND, &x, &xt), KERN_SUCCESS);
	CHECK_EQ(mach_port_request_notification(self, x, MACH_NOTIFY_DEAD_NAME, 0, r,
						MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev), KERN_SUCCESS);
	CHECK_EQ(list_names(self, &l1), KERN_SUCCESS);
	check_consistent(self, &l1);
	CHECK_EQ(l1.n, l0.n + 5);
	CHECK_EQ(listed_type(&l1, r), MACH_PORT_TYPE_RECEIVE);
	CHECK_EQ(listed_type(&l1, sr), MACH_PORT_TYPE_SEND_RECEIVE);
	CHECK_EQ(listed_type(&l1, set), MACH_PORT_TYPE_PORT_SET);
	CHECK_EQ(listed_type(&l1, d), MACH_PORT_TYPE_DEAD_NAME);
	CHECK_EQ(listed_type(&l1, x), MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_DNREQUEST);
	free_listing(&l1);

	/* Its port dies: a dead name now, the request spent (its notification went to r). */
	CHECK_EQ(mach_port_destroy(child, cport), KERN_SUCCESS);
	CHECK_EQ(list_names(self, &l2), KERN_SUCCESS);
	CHECK_EQ(l2.n, l0.n + 5);
	CHECK_EQ(listed_type(&l2, x), MACH_PORT_TYPE_DEAD_NAME);
	check_consistent(self, &l2);
	free_listing(&l2);

	mach_port_t gone[] = { r, sr, set, d, x };
	for (unsigned i = 0; i < 5; i++)
		CHECK_EQ(mach_port_destroy(self, gone[i]), KERN_SUCCESS);
	CHECK_EQ(list_names(self, &l2), KERN_SUCCESS);
	check_same_listing(&l2, &l0);
	free_listing(&l2);
	free_listing(&l0);
}

/* Another task's space, known exactly: empty, then three rights (in slot order, as
 * they were allocated: each takes the lowest free slot). */
static void check_names_child(mach_port_t child)
{
	struct listing l;
	CHECK_EQ(list_names(child, &l), KERN_SUCCESS);
	CHECK_EQ(l.n, 0);
	free_listing(&l);
	mach_port_t a = 0, b = 0, c = 0;
	CHECK_EQ(mach_port_allocate(child, MACH_PORT_RIGHT_RECEIVE, &a), KERN_SUCCESS);
	CHECK_EQ(mach_port_allocate(child, MACH_PORT_RIGHT_PORT_SET, &b), KERN_SUCCESS);
	CHECK_EQ(mach_port_allocate(child, MACH_PORT_RIGHT_DEAD_NAME, &c), KERN_SUCCESS);
	CHECK_EQ(mach_port_move_member(child, a, b), KERN_SUCCESS);
	CHECK_EQ(list_names(child, &l), KERN_SUCCESS);
	CHECK_EQ(l.n, 3);
	if (l.n == 3) {
		CHECK_EQ(l.names[0], a);
		CHECK_EQ(l.names[1], b);
		CHECK_EQ(l.names[2], c);
		CHECK_EQ(l.types[0], MACH_PORT_TYPE_RECEIVE);
		CHECK_EQ(l.types[1], MACH_PORT_TYPE_PORT_SET);
		CHECK_EQ(l.types[2], MACH_PORT_TYPE_DEAD_NAME);
	}
	free_listing(&l);
	mach_port_name_t *m = NULL;
	mach_msg_type_number_t n = 0;
	CHECK_EQ(mach_port_get_set_status(child, b, &m, &n), KERN_SUCCESS);
	CHECK_EQ(n, 1);
	CHECK_EQ(n ? m[0] : 0, a);
	release_array(m, n, sizeof(*m));
	mach_port_t gone[] = { a, b, c };
	for (unsigned i = 0; i < 3; i++)
		CHECK_EQ(mach_port_destroy(child, gone[i]), KERN_SUCCESS);
}

static void check_names_errors(mach_port_t dead)
{
	struct listing l;
	CHECK_EQ(list_names(me, &l), KERN_INVALID_TASK);          /* a thread port */
	CHECK_EQ(list_names(host, &l), KERN_INVALID_TASK);
	CHECK_EQ(list_names(MACH_PORT_NULL, &l), MACH_SEND_INVALID_DEST);
	CHECK_EQ(list_names(dead, &l), MACH_SEND_INVALID_DEST);
	CHECK_EQ(list_names(0x7777, &l), MACH_SEND_INVALID_DEST);
}

/* ---- mach_port_get_set_status ---- */

/* The set's members must be exactly want[0..n) (slot order). */
static void check_members(mach_port_t set, const mach_port_t *want, mach_msg_type_number_t n)
{
	mach_port_name_t *m = NULL;
	mach_msg_type_number_t got = 99;
	CHECK_EQ(mach_port_get_set_status(self, set, &m, &got), KERN_SUCCESS);
	CHECK_EQ(got, n);
	for (mach_msg_type_number_t i = 0; i < n && i < got; i++)
		CHECK_EQ(m[i], want[i]);
	release_array(m, got, sizeof(*m));
}

static void check_set_status(mach_port_t dead)
{
	mach_port_t s = new_port(MACH_PORT_RIGHT_PORT_SET), s2 = new_port(MACH_PORT_RIGHT_PORT_SET);
	mach_port_t p1 = new_port(MACH_PORT_RIGHT_RECEIVE), p2 = new_send_receive();
	mach_port_t p3 = new_port(MACH_PORT_RIGHT_RECEIVE);
	CHECK(SLOT(p1) < SLOT(p2) && SLOT(p2) < SLOT(p3));
	check_members(s, NULL, 0);                    /* empty: no memory at all */
	CHECK_EQ(mach_port_move_member(self, p3, s), KERN_SUCCESS);
	CHECK_EQ(mach_port_move_member(self, p1, s), KERN_SUCCESS);
	CHECK_EQ(mach_port_move_member(self, p2, s), KERN_SUCCESS);
	check_members(s, (mach_port_t[]){ p1, p2, p3 }, 3);
	CHECK_EQ(mach_port_move_member(self, p2, MACH_PORT_NULL), KERN_SUCCESS);
	check_members(s, (mach_port_t[]){ p1, p3 }, 2);
	CHECK_EQ(mach_port_move_member(self, p1, s2), KERN_SUCCESS);
	check_members(s, (mach_port_t[]){ p3 }, 1);
	check_members(s2, (mach_port_t[]){ p1 }, 1);
	CHECK_EQ(mach_port_destroy(self, p3), KERN_SUCCESS);
	check_members(s, NULL, 0);

	mach_port_name_t *m = NULL;
	mach_msg_type_number_t n = 0;
	CHECK_EQ(mach_port_get_set_status(self, p1, &m, &n), KERN_INVALID_RIGHT);
	CHECK_EQ(mach_port_get_set_status(self, p2, &m, &n), KERN_INVALID_RIGHT);
	CHECK_EQ(mach_port_get_set_status(self, self, &m, &n), KERN_INVALID_RIGHT);
	CHECK_EQ(mach_port_get_set_status(self, dead, &m, &n), KERN_INVALID_RIGHT);
	CHECK_EQ(mach_port_get_set_status(self, 0x7777, &m, &n), KERN_INVALID_NAME);
	CHECK_EQ(mach_port_get_set_status(self, MACH_PORT_NULL, &m, &n), KERN_INVALID_NAME);
	CHECK_EQ(mach_port_get_set_status(me, s, &m, &n), KERN_INVALID_TASK);
	CHECK_EQ(mach_port_get_set_status(dead, s, &m, &n), MACH_SEND_INVALID_DEST);
	mach_port_t gone[] = { s, s2, p1, p2 };
	for (unsigned i = 0; i < 4; i++)
		CHECK_EQ(mach_port_destroy(self, gone[i]), KERN_SUCCESS);
}

/* ---- task_threads ---- */

/* The task's threads must be exactly want[0..n), each a send right we now hold once
 * more under the same name. */
static void check_threads_of(mach_port_t task, const mach_port_t *want, mach_msg_type_number_t n)
{
	thread_array_t list = NULL;
	mach_msg_type_number_t got = 99;
	mach_port_urefs_t refs0 = n ? send_refs(want[0]) : 0;
	CHECK_EQ(task_threads(task, &list, &got), KERN_SUCCESS);
	CHECK_EQ(got, n);
	for (mach_msg_type_number_t i = 0; i < n && i < got; i++)
		CHECK_EQ(list[i], want[i]);
	if (n)
		CHECK_EQ(send_refs(want[0]), refs0 + 1);
	release_ports(list, got);
}

static mach_msg_type_number_t thread_count(mach_port_t task)
{
	thread_array_t list = NULL;
	mach_msg_type_number_t n = 0;
	CHECK_EQ(task_threads(task, &list, &n), KERN_SUCCESS);
	release_ports(list, n);
	return n;
}

static void check_task_threads(mach_port_t child, mach_port_t dead)
{
	check_threads_of(self, (mach_port_t[]){ me }, 1);
	mach_port_t th = guest_thread_create(spin, stack1, sizeof(stack1));
	check_threads_of(self, (mach_port_t[]){ me, th }, 2);
	check_threads_of(child, NULL, 0);             /* a task with no threads */
	mach_port_t c1 = MACH_PORT_NULL, c2 = MACH_PORT_NULL;
	CHECK_EQ(thread_create(child, &c1), KERN_SUCCESS);
	CHECK_EQ(thread_create(child, &c2), KERN_SUCCESS);
	check_threads_of(child, (mach_port_t[]){ c1, c2 }, 2);
	CHECK_EQ(thread_terminate(c1), KERN_SUCCESS);
	CHECK_EQ(thread_terminate(th), KERN_SUCCESS);
	for (int i = 0; i < 100 && (thread_count(self) != 1 || thread_count(child) != 1); i++)
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 1);
	check_threads_of(self, (mach_port_t[]){ me }, 1);
	check_threads_of(child, (mach_port_t[]){ c2 }, 1);
	CHECK_EQ(thread_terminate(c2), KERN_SUCCESS);
	mach_port_t gone[] = { th, c1, c2 };
	for (unsigned i = 0; i < 3; i++)
		CHECK_EQ(mach_port_deallocate(self, gone[i]), KERN_SUCCESS);

	thread_array_t list = NULL;
	mach_msg_type_number_t n = 0;
	CHECK_EQ(task_threads(me, &list, &n), KERN_INVALID_ARGUMENT);
	CHECK_EQ(task_threads(host, &list, &n), KERN_INVALID_ARGUMENT);
	CHECK_EQ(task_threads(dead, &list, &n), MACH_SEND_INVALID_DEST);
	CHECK_EQ(task_threads(MACH_PORT_NULL, &list, &n), MACH_SEND_INVALID_DEST);
}

/* ---- mach_ports_lookup ---- */

static void check_lookup(mach_port_t task, const mach_port_t *want)
{
	mach_port_array_t ports = NULL;
	mach_msg_type_number_t n = 0;
	CHECK_EQ(mach_ports_lookup(task, &ports, &n), KERN_SUCCESS);
	CHECK_EQ(n, 3);                               /* always TASK_PORT_REGISTER_MAX */
	for (mach_msg_type_number_t i = 0; i < n && i < 3; i++)
		CHECK_EQ(ports[i], want[i]);
	release_ports(ports, n);
}

static void check_ports_lookup(mach_port_t child)
{
	mach_port_t none[3] = { MACH_PORT_NULL, MACH_PORT_NULL, MACH_PORT_NULL };
	check_lookup(self, none);
	check_lookup(child, none);
	mach_port_t a = new_send_receive(), b = new_send_receive(), c = new_send_receive();
	mach_port_t two[] = { a, b }, three[] = { a, b, c };
	CHECK_EQ(mach_ports_register(self, two, 2), KERN_SUCCESS);
	mach_port_urefs_t refs = send_refs(a);
	check_lookup(self, (mach_port_t[]){ a, b, MACH_PORT_NULL });
	CHECK_EQ(send_refs(a), refs);                 /* what it gave was given back */
	CHECK_EQ(mach_ports_register(self, three, 3), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, c), KERN_SUCCESS);
	check_lookup(self, (mach_port_t[]){ a, b, MACH_PORT_DEAD });
	CHECK_EQ(mach_ports_register(self, NULL, 0), KERN_SUCCESS);
	check_lookup(self, none);
	CHECK_EQ(mach_port_destroy(self, a), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, b), KERN_SUCCESS);

	mach_port_array_t ports = NULL;
	mach_msg_type_number_t n = 0;
	CHECK_EQ(mach_ports_lookup(me, &ports, &n), KERN_INVALID_ARGUMENT);
	CHECK_EQ(mach_ports_lookup(host, &ports, &n), KERN_INVALID_ARGUMENT);
}

/* ---- mach_host.defs ---- */

static void check_processors(void)
{
	processor_array_t list = NULL;
	mach_msg_type_number_t n = 0;
	CHECK_EQ(host_processors(host_priv, &list, &n), KERN_SUCCESS);
	CHECK_EQ(n, 1);
	if (n == 1) {
		struct processor_basic_info info;
		mach_msg_type_number_t count = PROCESSOR_BASIC_INFO_COUNT;
		mach_port_t h = MACH_PORT_NULL;
		CHECK_EQ(processor_info(list[0], PROCESSOR_BASIC_INFO, &h, (processor_info_t)&info, &count),
			 KERN_SUCCESS);
		CHECK_EQ(info.is_master, TRUE);
		CHECK_EQ(h, host);
		CHECK_EQ(mach_port_deallocate(self, h), KERN_SUCCESS);
	}
	release_ports(list, n);
	CHECK_EQ(host_processors(host, &list, &n), KERN_INVALID_ARGUMENT);   /* needs host_priv */
	CHECK_EQ(host_processors(self, &list, &n), KERN_INVALID_ARGUMENT);
}

static void check_processor_sets(mach_port_t name)
{
	processor_set_name_array_t sets = NULL;
	mach_msg_type_number_t n = 0;
	mach_port_t hosts[] = { host, host_priv };
	for (unsigned i = 0; i < 2; i++) {
		CHECK_EQ(host_processor_sets(hosts[i], &sets, &n), KERN_SUCCESS);
		CHECK_EQ(n, 1);
		CHECK_EQ(n ? sets[0] : 0, name);      /* the default set's name port */
		release_ports(sets, n);
	}
	CHECK_EQ(host_processor_sets(self, &sets, &n), KERN_INVALID_ARGUMENT);
}

static void check_pset_lists(mach_port_t pset, mach_port_t name)
{
	task_array_t tasks = NULL;
	thread_array_t threads = NULL;
	mach_msg_type_number_t n = 0;
	mach_port_t child = MACH_PORT_NULL, c1 = MACH_PORT_NULL;
	CHECK_EQ(processor_set_tasks(pset, &tasks, &n), KERN_SUCCESS);
	CHECK_EQ(n, 1);                               /* the only task: this one */
	CHECK_EQ(n ? tasks[0] : 0, self);
	release_ports(tasks, n);
	CHECK_EQ(processor_set_threads(pset, &threads, &n), KERN_SUCCESS);
	CHECK_EQ(n, 1);
	CHECK_EQ(n ? threads[0] : 0, me);
	release_ports(threads, n);

	CHECK_EQ(task_create(self, FALSE, &child), KERN_SUCCESS);
	CHECK_EQ(thread_create(child, &c1), KERN_SUCCESS);
	CHECK_EQ(processor_set_tasks(pset, &tasks, &n), KERN_SUCCESS);
	CHECK_EQ(n, 2);                               /* oldest first */
	CHECK_EQ(n == 2 ? tasks[0] : 0, self);
	CHECK_EQ(n == 2 ? tasks[1] : 0, child);
	release_ports(tasks, n);
	CHECK_EQ(processor_set_threads(pset, &threads, &n), KERN_SUCCESS);
	CHECK_EQ(n, 2);
	CHECK_EQ(n == 2 ? threads[0] : 0, me);
	CHECK_EQ(n == 2 ? threads[1] : 0, c1);
	release_ports(threads, n);
	CHECK_EQ(task_terminate(child), KERN_SUCCESS);
	CHECK_EQ(processor_set_tasks(pset, &tasks, &n), KERN_SUCCESS);
	CHECK_EQ(n, 1);
	release_ports(tasks, n);
	CHECK_EQ(mach_port_deallocate(self, child), KERN_SUCCESS);
	CHECK_EQ(mach_port_deallocate(self, c1), KERN_SUCCESS);

	/* The control port is needed: the name port, or any other, is refused. */
	CHECK_EQ(processor_set_tasks(name, &tasks, &n), KERN_INVALID_ARGUMENT);
	CHECK_EQ(processor_set_threads(name, &threads, &n), KERN_INVALID_ARGUMENT);
	CHECK_EQ(processor_set_tasks(host, &tasks, &n), KERN_INVALID_ARGUMENT);
	CHECK_EQ(processor_set_threads(self, &threads, &n), KERN_INVALID_ARGUMENT);
}

/* ---- the wire form, on raw messages ---- */

struct raw_reply {
	mach_msg_header_t h;
	mach_msg_type_t ret_t;
	kern_return_t ret;
	uint32_t pad;
	struct { mach_msg_type_t t; vm_address_t addr; } item[2];
};

/* A request of `size` bytes (header, then zeros) with id to `to`; its reply in *r. */
static mach_msg_return_t raw_rpc(mach_port_t to, mach_msg_id_t id, mach_msg_size_t size,
				 struct raw_reply *r)
{
	mach_port_t reply = new_port(MACH_PORT_RIGHT_RECEIVE);
	union { mach_msg_header_t h; char bytes[sizeof(struct raw_reply)]; } m = { 0 };
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m.h.msgh_size = size;
	m.h.msgh_remote_port = to;
	m.h.msgh_local_port = reply;
	m.h.msgh_id = id;
	mach_msg_return_t mr = mach_msg_trap(&m.h, MACH_SEND_MSG | MACH_RCV_MSG, size, sizeof(m),
					     reply, 0, 0);
	*r = *(struct raw_reply *)&m;
	CHECK_EQ(mach_port_destroy(self, reply), KERN_SUCCESS);
	return mr;
}

/* GNU Mach's out-of-line descriptor as a receiver sees it. */
static void check_ool_type(const mach_msg_type_t *t, unsigned name, mach_msg_type_number_t n)
{
	CHECK_EQ(t->msgt_name, name);
	CHECK_EQ(t->msgt_size, 32);
	CHECK_EQ(t->msgt_number, n);
	CHECK_EQ(t->msgt_inline, 0);
	CHECK_EQ(t->msgt_longform, 1);
	CHECK_EQ(t->msgt_deallocate, 1);
}

static void check_wire(void)
{
	struct raw_reply r;
	CHECK_EQ(raw_rpc(self, 2011, sizeof(mach_msg_header_t), &r), MACH_MSG_SUCCESS);  /* task_threads */
	CHECK_EQ(r.h.msgh_id, 2111);
	CHECK_EQ(r.h.msgh_size, 64);
	CHECK(r.h.msgh_bits & MACH_MSGH_BITS_COMPLEX);
	CHECK_EQ(r.ret, KERN_SUCCESS);
	check_ool_type(&r.item[0].t, MACH_MSG_TYPE_PORT_SEND, 1);
	if (r.ret == KERN_SUCCESS && r.item[0].addr) {
		CHECK_EQ(*(uint32_t *)r.item[0].addr, me);   /* a 32-bit name */
		release_ports((mach_port_t *)r.item[0].addr, 1);
	}
	CHECK_EQ(raw_rpc(self, 3200, sizeof(mach_msg_header_t), &r), MACH_MSG_SUCCESS);  /* mach_port_names */
	CHECK_EQ(r.h.msgh_size, 80);
	check_ool_type(&r.item[0].t, MACH_MSG_TYPE_PORT_NAME, r.item[0].t.msgt_number);
	check_ool_type(&r.item[1].t, MACH_MSG_TYPE_INTEGER_32, r.item[0].t.msgt_number);
	if (r.ret == KERN_SUCCESS) {
		release_array((void *)r.item[0].addr, r.item[0].t.msgt_number, 4);
		release_array((void *)r.item[1].addr, r.item[0].t.msgt_number, 4);
	}
	/* A request with a body the routine does not take: MIG_BAD_ARGUMENTS. */
	CHECK_EQ(raw_rpc(self, 2011, sizeof(mach_msg_header_t) + 8, &r), MACH_MSG_SUCCESS);
	CHECK_EQ(r.ret, MIG_BAD_ARGUMENTS);
	CHECK_EQ(raw_rpc(host, 2629, sizeof(mach_msg_header_t) + 8, &r), MACH_MSG_SUCCESS);
	CHECK_EQ(r.ret, MIG_BAD_ARGUMENTS);
}

/* ---- nothing kept: memory, names and user references come back ---- */

static void one_round(mach_port_t pset)
{
	struct listing l;
	mach_port_t *ports = NULL;
	mach_msg_type_number_t n = 0;
	mach_port_t s = new_port(MACH_PORT_RIGHT_PORT_SET), p = new_port(MACH_PORT_RIGHT_RECEIVE);
	CHECK_EQ(mach_port_move_member(self, p, s), KERN_SUCCESS);
	CHECK_EQ(list_names(self, &l), KERN_SUCCESS);
	free_listing(&l);
	CHECK_EQ(mach_port_get_set_status(self, s, &ports, &n), KERN_SUCCESS);
	release_array(ports, n, sizeof(*ports));
	CHECK_EQ(mach_port_destroy(self, p), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, s), KERN_SUCCESS);
	CHECK_EQ(task_threads(self, &ports, &n), KERN_SUCCESS);
	release_ports(ports, n);
	CHECK_EQ(mach_ports_lookup(self, &ports, &n), KERN_SUCCESS);
	release_ports(ports, n);
	CHECK_EQ(host_processors(host_priv, &ports, &n), KERN_SUCCESS);
	release_ports(ports, n);
	CHECK_EQ(host_processor_sets(host, &ports, &n), KERN_SUCCESS);
	release_ports(ports, n);
	CHECK_EQ(processor_set_tasks(pset, &ports, &n), KERN_SUCCESS);
	release_ports(ports, n);
	CHECK_EQ(processor_set_threads(pset, &ports, &n), KERN_SUCCESS);
	release_ports(ports, n);
}

static long free_pages(void)
{
	vm_statistics_data_t st;
	CHECK_EQ(vm_statistics(self, &st), KERN_SUCCESS);
	return (long)st.free_count;
}

static void check_no_leak(mach_port_t pset)
{
	one_round(pset);                              /* zones and caches warm */
	one_round(pset);
	struct listing before, after;
	CHECK_EQ(list_names(self, &before), KERN_SUCCESS);
	mach_port_urefs_t self_refs = send_refs(self), me_refs = send_refs(me);
	mach_port_urefs_t pset_refs = send_refs(pset);
	long f0 = free_pages();
	for (int i = 0; i < 20; i++)
		one_round(pset);
	CHECK_EQ(free_pages(), f0);
	CHECK_EQ(send_refs(self), self_refs);
	CHECK_EQ(send_refs(me), me_refs);
	CHECK_EQ(send_refs(pset), pset_refs);
	CHECK_EQ(list_names(self, &after), KERN_SUCCESS);
	check_same_listing(&after, &before);
	free_listing(&after);
	free_listing(&before);
}

int main(int argc, char **argv)
{
	self = mach_task_self();
	me = mach_thread_self();
	host = mach_host_self();
	host_priv = guest_port_arg(argc, argv);
	mach_port_t name = MACH_PORT_NULL, pset = MACH_PORT_NULL, child = MACH_PORT_NULL;
	CHECK_EQ(processor_set_default(host, &name), KERN_SUCCESS);
	CHECK_EQ(host_processor_set_priv(host_priv, name, &pset), KERN_SUCCESS);
	check_processors();
	check_processor_sets(name);
	check_pset_lists(pset, name);

	mach_port_t dead = new_port(MACH_PORT_RIGHT_DEAD_NAME);
	CHECK_EQ(task_create(self, FALSE, &child), KERN_SUCCESS);
	check_names_self(child);
	check_names_child(child);
	check_names_errors(dead);
	check_set_status(dead);
	check_task_threads(child, dead);
	check_ports_lookup(child);
	check_wire();
	check_no_leak(pset);

	/* A dead task's port is a dead name: nothing is sent. */
	CHECK_EQ(task_terminate(child), KERN_SUCCESS);
	struct listing l;
	CHECK_EQ(list_names(child, &l), MACH_SEND_INVALID_DEST);
	thread_array_t list = NULL;
	mach_msg_type_number_t n = 0;
	CHECK_EQ(task_threads(child, &list, &n), MACH_SEND_INVALID_DEST);
	CHECK_EQ(mach_ports_lookup(child, &list, &n), MACH_SEND_INVALID_DEST);
	return guest_finish();
}
