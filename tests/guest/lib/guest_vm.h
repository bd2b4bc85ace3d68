/*
 * guest_vm.h — helpers shared by the VM and out-of-line memory guest tests (vm_*.c,
 * ool_*.c): position-dependent byte patterns, the free page count, probes that read or
 * write one word with an instruction of known length (so an exception handler can step
 * over a faulting one), a thread that answers exception_raise for this task and
 * records what it saw, a child task that runs one function at a time (each step ends in
 * ud2, raised to a port the parent receives on), and the gnumach.defs size-limit calls
 * our libmach has no stubs for yet. All static: each test is one translation unit.
 */
#ifndef GUEST_VM_H
#define GUEST_VM_H

#include "guest.h"
#include "guest_mach.h"
#include <stddef.h>
#include <stdint.h>
#include <mach/mach_interface.h>
#include <mach/mach_port.h>
#include <mach/mig_support.h>
#include <mach/mig_errors.h>
#include <mach/exception.h>
#include <mach/task_special_ports.h>
#include <mach/vm_statistics.h>
#include <mach/machine/thread_status.h>

#define GVM_PAGE 4096ul
#define GVM_ROUND(x) (((x) + GVM_PAGE - 1) & ~(GVM_PAGE - 1))
#define GVM_TRUNC(x) ((x) & ~(GVM_PAGE - 1))

/* Byte i of a pattern: depends on the position and the seed, so a page shifted or
 * swapped is seen. */
static inline uint8_t gvm_byte(size_t i, uint32_t seed)
{
	uint32_t x = (uint32_t)i * 2654435761u + seed;
	return (uint8_t)((x >> 24) ^ (x >> 11) ^ (uint32_t)(i >> 12));
}

static inline void gvm_fill(volatile uint8_t *p, size_t n, uint32_t seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = gvm_byte(i, seed);
}

/* The number of bytes that differ from the pattern (all of them are looked at). */
static inline size_t gvm_mismatches(const volatile uint8_t *p, size_t n, uint32_t seed)
{
	size_t bad = 0;
	for (size_t i = 0; i < n; i++)
		bad += p[i] != gvm_byte(i, seed);
	return bad;
}

static inline size_t gvm_nonzero(const volatile uint8_t *p, size_t n)
{
	size_t bad = 0;
	for (size_t i = 0; i < n; i++)
		bad += p[i] != 0;
	return bad;
}

static inline long gvm_free_pages(void)
{
	vm_statistics_data_t st;
	if (vm_statistics(mach_task_self(), &st) != KERN_SUCCESS)
		return -1;
	return (long)st.free_count;
}

/* Touches n bytes from p, one write per page. */
static inline void gvm_touch(volatile uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i += GVM_PAGE)
		p[i] = (uint8_t)(i >> 12 | 1);
}

/* One load or store of a quadword with a 3-byte instruction (mov (%rdi),%rax = 48 8b 07;
 * mov %rax,(%rdi) = 48 89 07): a handler that moves rip by 3 resumes after it. A load
 * that faulted and was stepped over leaves the value given as `otherwise`. */
#define GVM_PROBE_LEN 3
static inline long gvm_load(const volatile void *p, long otherwise)
{
	long v = otherwise;
	__asm__ volatile("mov (%%rdi), %%rax" : "+a"(v) : "D"(p) : "memory");
	return v;
}

static inline void gvm_store(volatile void *p, long v)
{
	__asm__ volatile("mov %%rax, (%%rdi)" : : "a"(v), "D"(p) : "memory");
}

/* vm_region in one call, the object name right dropped. */
struct gvm_region {
	vm_address_t address;
	vm_size_t size;
	vm_prot_t prot, max_prot;
	vm_inherit_t inherit;
	boolean_t shared;
	mach_port_t object_name;
	vm_offset_t offset;
};

static inline kern_return_t gvm_region(mach_port_t task, vm_address_t at, struct gvm_region *r)
{
	r->address = at;
	r->object_name = MACH_PORT_NULL;
	kern_return_t kr = vm_region(task, &r->address, &r->size, &r->prot, &r->max_prot, &r->inherit,
				     &r->shared, &r->object_name, &r->offset);
	if (kr == KERN_SUCCESS && MACH_PORT_VALID(r->object_name))
		mach_port_deallocate(mach_task_self(), r->object_name);
	return kr;
}

/* True when no region contains [at, at + size). */
static inline int gvm_unmapped(mach_port_t task, vm_address_t at, vm_size_t size)
{
	struct gvm_region r;
	kern_return_t kr = gvm_region(task, at, &r);
	return kr == KERN_NO_SPACE || (kr == KERN_SUCCESS && r.address >= at + size);
}

/* size bytes of fresh memory with a free page on each side: an object of its own,
 * which no neighbouring allocation grows into or merges with. */
static inline vm_address_t gvm_isolated(vm_size_t size)
{
	mach_port_t self = mach_task_self();
	vm_address_t h = 0, a;
	CHECK_EQ(vm_allocate(self, &h, size + 2 * GVM_PAGE, TRUE), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(self, h, size + 2 * GVM_PAGE), KERN_SUCCESS);
	a = h + GVM_PAGE;
	CHECK_EQ(vm_allocate(self, &a, size, FALSE), KERN_SUCCESS);
	return a;
}

/* A receive right with a send right under the same name. */
static inline mach_port_t gvm_port(void)
{
	mach_port_t p = MACH_PORT_NULL;
	CHECK_EQ(mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &p), KERN_SUCCESS);
	CHECK_EQ(mach_port_insert_right(mach_task_self(), p, p, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	return p;
}

union gvm_exc_buf {
	struct guest_exc_request req;
	char bytes[512];
};

/* Receives one exception_raise on port within timeout_ms; 0 when it came. */
static inline mach_msg_return_t gvm_exc_receive(mach_port_t port, union gvm_exc_buf *m,
						mach_msg_timeout_t timeout_ms)
{
	return mach_msg_trap(&m->req.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(*m), port,
			     timeout_ms, 0);
}

/* ---- This task's faults: a handler thread that records and steps over them. ---- */

static struct {
	mach_port_t port;
	volatile int count;
	volatile int exception, code;
	volatile int64_t subcode;
	volatile int resume;              /* step over (else refuse: the task dies) */
} gvm_fault;
static char gvm_handler_stack[16384] __attribute__((aligned(16)));
static uint64_t gvm_handler_tls[4];

static void gvm_fault_handler(void)
{
	union gvm_exc_buf m;
	for (;;) {
		if (mach_msg_trap(&m.req.h, MACH_RCV_MSG, 0, sizeof(m), gvm_fault.port, 0, 0) != MACH_MSG_SUCCESS)
			continue;
		gvm_fault.exception = m.req.exception;
		gvm_fault.code = m.req.code;
		gvm_fault.subcode = m.req.subcode;
		kern_return_t rc = KERN_FAILURE;
		if (m.req.h.msgh_id == 2400 && gvm_fault.resume) {
			struct i386_thread_state st;
			mach_msg_type_number_t n = i386_THREAD_STATE_COUNT;
			thread_get_state(m.req.thread, i386_THREAD_STATE, (thread_state_t)&st, &n);
			/* Only a probe is stepped over; any other fault is refused, which ends
			 * the task with the kernel's report rather than running on at random. */
			const uint8_t *ip = (const uint8_t *)st.rip;
			if (ip[0] == 0x48 && (ip[1] == 0x8b || ip[1] == 0x89) && ip[2] == 0x07) {
				st.rip += GVM_PROBE_LEN;
				thread_set_state(m.req.thread, i386_THREAD_STATE, (thread_state_t)&st, n);
				rc = KERN_SUCCESS;
			} else {
				guest_print("guest: a fault outside a probe at rip ");
				guest_print_hex(st.rip);
				guest_print(", address ");
				guest_print_hex((unsigned long)m.req.subcode);
				guest_print("\n");
				guest_finish();
			}
		}
		mach_port_deallocate(mach_task_self(), m.req.thread);
		mach_port_deallocate(mach_task_self(), m.req.task);
		gvm_fault.count++;
		guest_exc_reply(&m.req, rc);
	}
}

/* Installs the handler as this task's exception port (call once, early). */
static inline void gvm_fault_handler_start(void)
{
	CHECK_EQ(mig_tls_setup(), KERN_SUCCESS);
	gvm_fault.port = gvm_port();
	gvm_fault.resume = 1;
	CHECK_EQ(task_set_special_port(mach_task_self(), TASK_EXCEPTION_PORT, gvm_fault.port), KERN_SUCCESS);
	mach_port_t th = guest_thread_create(gvm_fault_handler, gvm_handler_stack, sizeof(gvm_handler_stack));
	CHECK_EQ(mig_thread_tls_setup(th, gvm_handler_tls, sizeof(gvm_handler_tls)), KERN_SUCCESS);
	CHECK_EQ(thread_resume(th), KERN_SUCCESS);
}

/* Checks that the last probe faulted (once) as expected. */
#define GVM_CHECK_FAULT(before, exc, kr, addr) do { \
	CHECK_EQ(gvm_fault.count, (before) + 1); \
	CHECK_EQ(gvm_fault.exception, (exc)); \
	CHECK_EQ(gvm_fault.code, (kr)); \
	CHECK_EQ(gvm_fault.subcode, (int64_t)(addr)); \
} while (0)

/* ---- A child task made by task_create(inherit_memory=TRUE) running our code. ---- */

/* A step runs fn(a, b) on the child's thread; its result is in rax when the step's ud2
 * raises EXC_BAD_INSTRUCTION to the parent's port. */
typedef long (*gvm_step_fn)(long a, long b);

static void gvm_child_trampoline(gvm_step_fn fn, long a, long b)
{
	long r = fn(a, b);
	for (;;)
		__asm__ volatile("ud2" : : "a"(r));
}

struct gvm_child {
	mach_port_t task, thread, exc_port;
	char *stack;                      /* the child's stack: the same address in both */
	size_t stack_size;
	int waiting;                      /* the thread sits in an exception: reply first */
	union gvm_exc_buf last;           /* the last exception message */
};

static inline kern_return_t gvm_child_create(struct gvm_child *c, char *stack, size_t stack_size)
{
	c->stack = stack;
	c->stack_size = stack_size;
	c->waiting = 0;
	c->task = c->thread = MACH_PORT_NULL;
	kern_return_t kr = task_create(mach_task_self(), TRUE, &c->task);
	if (kr != KERN_SUCCESS)
		return kr;
	c->exc_port = gvm_port();
	CHECK_EQ(task_set_special_port(c->task, TASK_EXCEPTION_PORT, c->exc_port), KERN_SUCCESS);
	CHECK_EQ(thread_create(c->task, &c->thread), KERN_SUCCESS);
	return KERN_SUCCESS;
}

/* Starts fn(a, b) in the child and waits for the step to end (its ud2) or to fault.
 * Returns the exception seen (EXC_BAD_INSTRUCTION for a step that ran to its end), 0 if
 * nothing came within timeout_ms; the step's result goes to *result. */
static inline int gvm_child_run(struct gvm_child *c, gvm_step_fn fn, long a, long b, long *result,
				mach_msg_timeout_t timeout_ms)
{
	struct i386_thread_state st = { 0 };
	mach_msg_type_number_t n = i386_THREAD_STATE_COUNT;
	CHECK_EQ(thread_get_state(c->thread, i386_THREAD_STATE, (thread_state_t)&st, &n), KERN_SUCCESS);
	st.rip = (uint64_t)gvm_child_trampoline;
	st.rdi = (uint64_t)fn;
	st.rsi = (uint64_t)a;
	st.rdx = (uint64_t)b;
	st.ursp = (uint64_t)(c->stack + c->stack_size - 8);
	CHECK_EQ(thread_set_state(c->thread, i386_THREAD_STATE, (thread_state_t)&st, i386_THREAD_STATE_COUNT),
		 KERN_SUCCESS);
	if (c->waiting)
		guest_exc_reply(&c->last.req, KERN_SUCCESS);
	else
		CHECK_EQ(thread_resume(c->thread), KERN_SUCCESS);
	c->waiting = 0;
	if (gvm_exc_receive(c->exc_port, &c->last, timeout_ms) != MACH_MSG_SUCCESS)
		return 0;
	c->waiting = 1;
	mach_port_deallocate(mach_task_self(), c->last.req.thread);
	mach_port_deallocate(mach_task_self(), c->last.req.task);
	n = i386_THREAD_STATE_COUNT;
	CHECK_EQ(thread_get_state(c->thread, i386_THREAD_STATE, (thread_state_t)&st, &n), KERN_SUCCESS);
	if (result)
		*result = (long)st.rax;
	return c->last.req.exception;
}

/* A step that must run to its end; returns its result. */
static inline long gvm_child_call(struct gvm_child *c, gvm_step_fn fn, long a, long b)
{
	long r = -1;
	CHECK_EQ(gvm_child_run(c, fn, a, b, &r, 20000), EXC_BAD_INSTRUCTION);
	return r;
}

static inline void gvm_child_destroy(struct gvm_child *c)
{
	if (MACH_PORT_VALID(c->task))
		CHECK_EQ(task_terminate(c->task), KERN_SUCCESS);
	mach_port_deallocate(mach_task_self(), c->task);
	mach_port_deallocate(mach_task_self(), c->thread);
	mach_port_destroy(mach_task_self(), c->exc_port);
	c->task = c->thread = MACH_PORT_NULL;
}

/* ---- gnumach.defs vm_set_size_limit / vm_get_size_limit (GNU Mach 2025), by hand. ----
 * They follow thread_get_name (4214) in the gnumach subsystem (4200): ids 4215, 4216.
 * vm_set_size_limit(host_port, map, current, max) is sent to the host port (its first
 * argument) with the task port in the body; vm_get_size_limit(map, out current, out max)
 * to the task. */
#define GVM_ID_SET_SIZE_LIMIT 4215
#define GVM_ID_GET_SIZE_LIMIT 4216

static inline mach_msg_type_t gvm_type(unsigned name, unsigned bits)
{
	return (mach_msg_type_t){ .msgt_name = name, .msgt_size = bits, .msgt_number = 1, .msgt_inline = 1 };
}

static inline kern_return_t gvm_set_size_limit(mach_port_t host, mach_port_t task, vm_size_t cur, vm_size_t max)
{
	union {
		struct {
			mach_msg_header_t h;
			mach_msg_type_t task_t; mach_port_t task; uint32_t pad;
			mach_msg_type_t cur_t; uint64_t cur;
			mach_msg_type_t max_t; uint64_t max;
		} req;
		mig_reply_header_t rep;
		char bytes[256];
	} m = { .req = {
		.h = { .msgh_bits = MACH_MSGH_BITS_COMPLEX |
			       MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE),
		       .msgh_size = sizeof(m.req), .msgh_remote_port = host,
		       .msgh_local_port = mig_get_reply_port(), .msgh_id = GVM_ID_SET_SIZE_LIMIT },
		.task_t = gvm_type(MACH_MSG_TYPE_COPY_SEND, 64), .task = task,
		.cur_t = gvm_type(MACH_MSG_TYPE_INTEGER_64, 64), .cur = cur,
		.max_t = gvm_type(MACH_MSG_TYPE_INTEGER_64, 64), .max = max } };
	mach_msg_return_t mr = mach_msg(&m.req.h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(m.req), sizeof(m),
					m.req.h.msgh_local_port, 0, 0);
	if (mr != MACH_MSG_SUCCESS)
		return mr;
	if (m.rep.Head.msgh_id != GVM_ID_SET_SIZE_LIMIT + 100)
		return MIG_REPLY_MISMATCH;
	return m.rep.RetCode;
}

static inline kern_return_t gvm_get_size_limit(mach_port_t task, vm_size_t *cur, vm_size_t *max)
{
	union {
		mach_msg_header_t h;
		struct {
			mig_reply_header_t r;
			mach_msg_type_t cur_t; uint64_t cur;
			mach_msg_type_t max_t; uint64_t max;
		} rep;
		char bytes[256];
	} m = { .h = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE),
		       .msgh_size = sizeof(mach_msg_header_t), .msgh_remote_port = task,
		       .msgh_local_port = mig_get_reply_port(), .msgh_id = GVM_ID_GET_SIZE_LIMIT } };
	mach_msg_return_t mr = mach_msg(&m.h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(m.h), sizeof(m),
					m.h.msgh_local_port, 0, 0);
	if (mr != MACH_MSG_SUCCESS)
		return mr;
	if (m.h.msgh_id != GVM_ID_GET_SIZE_LIMIT + 100)
		return MIG_REPLY_MISMATCH;
	if (m.rep.r.RetCode != KERN_SUCCESS)
		return m.rep.r.RetCode;
	*cur = m.rep.cur;
	*max = m.rep.max;
	return KERN_SUCCESS;
}

/* Parses a decimal port name from the command line (${host-port}). */
static inline mach_port_t gvm_parse_port(const char *s)
{
	unsigned long v = 0;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (unsigned long)(*s++ - '0');
	return (mach_port_t)v;
}

#endif
