/*
 * guest_pager.h — helpers for the external memory manager tests (vm_pager*.c).
 *
 * This task plays the memory manager: it receives what the kernel sends to a memory
 * object port and decodes it with the server stubs our mig makes from
 * memory_object.defs (tests/guest/gen/memory_objectServer.c, linked into these tests);
 * the routines below, which those stubs call, only record the message in pg_msg for
 * the test to check. It answers with libmach's memory_object_* calls (mach.defs).
 *
 * The clients are threads of child tasks made by task_create(inherit_memory=TRUE), so
 * they run functions of this same program. Each thread has its own exception port: a
 * step is started (pg_start), the test serves the kernel meanwhile, then sees how the
 * step ended (pg_wait: the trampoline's ud2 when it ran to its end, EXC_BAD_ACCESS
 * when it faulted). The test never touches a mapped memory object itself: it is the
 * pager, and a fault of its own would wait for itself.
 *
 * A model of each object (what every page holds: the seed it was supplied with and
 * the words written since) checks data_return messages word by word.
 *
 * Every wait has a time-out, so a kernel that does not send what is expected makes
 * checks fail instead of hanging the test. Helpers named in capitals report failures
 * at the caller's line. All static except the stubs' routines: one test, one program.
 */
#ifndef GUEST_PAGER_H
#define GUEST_PAGER_H

#include "guest_vm.h"
#include <mach/memory_object.h>
#include <mach/thread_special_ports.h>
#include <mach/vm_prot.h>
#include <mach/vm_inherit.h>
#include "memory_object_S.h"

#define P GVM_PAGE
#define PG_WAIT_MS 5000         /* for a message the kernel must send */
#define PG_NONE_MS 2000         /* how long to watch for one it must not send */
#define PG_STEP_MS 20000        /* for a client step that must end */

/* memory_object.defs message ids. */
#define PG_ID_INIT 2200
#define PG_ID_TERMINATE 2201
#define PG_ID_COPY 2202
#define PG_ID_DATA_REQUEST 2203
#define PG_ID_DATA_UNLOCK 2204
#define PG_ID_LOCK_COMPLETED 2206
#define PG_ID_SUPPLY_COMPLETED 2207
#define PG_ID_DATA_RETURN 2208
#define PG_ID_CHANGE_COMPLETED 2209

/* Where a failing check inside a helper is reported: the caller's line. */
static const char *pg_file = "?";
static int pg_line;
#define PG_AT() (pg_file = __FILE__, pg_line = __LINE__)
#define HCHECK(c) guest_check(!!(c), #c, pg_file, pg_line)
#define HCHECK_EQ(got, want) guest_check_eq((long)(got), (long)(want), #got, #want, pg_file, pg_line)

/* ---- Page contents: each 8-byte word a function of the seed and its object offset
 * (seed 0: zeros, what data_unavailable gives). ---- */

static inline uint64_t pg_word(unsigned seed, vm_offset_t off)
{
	if (!seed)
		return 0;
	uint64_t x = (off + 1) * 0x9e3779b97f4a7c15ull ^ (uint64_t)seed << 48;
	return x ^ (x >> 29);
}

static inline void pg_fill(uint64_t *w, vm_offset_t off, size_t npages, unsigned seed)
{
	for (size_t i = 0; i < npages * P / 8; i++)
		w[i] = pg_word(seed, off + 8 * i);
}

/* The second argument of step_check: pages [first, first + n) supplied with seed. */
#define PG_ARGS(first, n, seed) ((long)(first) | (long)(n) << 32 | (long)(seed) << 48)

/* ---- Client steps (run by child threads; no RPC in them: the child's reply port
 * name is the parent's). pg_read and pg_write fault on their first instruction, so a
 * thread stopped in their fault has rip == the function's address. ---- */

long pg_read(long addr, long unused);
long pg_write(long addr, long value);
__asm__(".text\n"
	".globl pg_read\n.type pg_read, @function\n"
	"pg_read:\n\tmovq (%rdi), %rax\n\tret\n.size pg_read, . - pg_read\n"
	".globl pg_write\n.type pg_write, @function\n"
	"pg_write:\n\tmovq %rsi, (%rdi)\n\tmovq %rsi, %rax\n\tret\n.size pg_write, . - pg_write\n");

/* How many words of the pages at addr differ from the pattern PG_ARGS describes. */
static inline long step_check(long addr, long args)
{
	vm_offset_t first = (vm_offset_t)(args & 0xffffffff) * P;
	long words = ((args >> 32) & 0xffff) * (long)(P / 8);
	unsigned seed = (unsigned)((unsigned long)args >> 48);
	const volatile uint64_t *w = (const volatile uint64_t *)addr;
	long bad = 0;
	for (long i = 0; i < words; i++)
		bad += w[i] != pg_word(seed, first + 8 * (vm_offset_t)i);
	return bad;
}

static inline long step_value(long a, long unused)
{
	(void)unused;
	return a;
}

/* ---- Client threads. ---- */

struct pg_thread {
	mach_port_t thread, exc;
	char *stack;
	size_t stack_size;
	int waiting;                    /* stopped in an exception: answering it runs it */
	union gvm_exc_buf last;         /* the exception that ended the last step */
	long result;                    /* rax then */
	uint64_t rip;                   /* rip then */
};

static inline void pg_thread_create(struct pg_thread *t, mach_port_t task, char *stack, size_t size)
{
	*t = (struct pg_thread){ .stack = stack, .stack_size = size };
	CHECK_EQ(thread_create(task, &t->thread), KERN_SUCCESS);
	t->exc = gvm_port();
	CHECK_EQ(thread_set_special_port(t->thread, THREAD_EXCEPTION_PORT, t->exc), KERN_SUCCESS);
}

/* Starts fn(a, b) on t and returns at once. */
static inline void pg_start(struct pg_thread *t, gvm_step_fn fn, long a, long b)
{
	struct i386_thread_state st = { 0 };
	mach_msg_type_number_t n = i386_THREAD_STATE_COUNT;
	CHECK_EQ(thread_get_state(t->thread, i386_THREAD_STATE, (thread_state_t)&st, &n), KERN_SUCCESS);
	st.rip = (uint64_t)gvm_child_trampoline;
	st.rdi = (uint64_t)fn;
	st.rsi = (uint64_t)a;
	st.rdx = (uint64_t)b;
	st.ursp = (uint64_t)(t->stack + t->stack_size - 8);
	CHECK_EQ(thread_set_state(t->thread, i386_THREAD_STATE, (thread_state_t)&st, i386_THREAD_STATE_COUNT),
		 KERN_SUCCESS);
	if (t->waiting)
		guest_exc_reply(&t->last.req, KERN_SUCCESS);
	else
		CHECK_EQ(thread_resume(t->thread), KERN_SUCCESS);
	t->waiting = 0;
}

/* The exception that ended t's step, waiting up to ms for it (EXC_BAD_INSTRUCTION: it
 * ran to its end), or 0 when it is still running (or blocked). */
static inline int pg_wait(struct pg_thread *t, mach_msg_timeout_t ms)
{
	if (t->waiting)
		return t->last.req.exception;
	if (gvm_exc_receive(t->exc, &t->last, ms) != MACH_MSG_SUCCESS)
		return 0;
	t->waiting = 1;
	mach_port_deallocate(mach_task_self(), t->last.req.thread);
	mach_port_deallocate(mach_task_self(), t->last.req.task);
	struct i386_thread_state st = { 0 };
	mach_msg_type_number_t n = i386_THREAD_STATE_COUNT;
	thread_get_state(t->thread, i386_THREAD_STATE, (thread_state_t)&st, &n);
	t->result = (long)st.rax;
	t->rip = st.rip;
	return t->last.req.exception;
}

/* A step that must run to its end: its result. */
#define PG_CALL(t, fn, a, b) (PG_AT(), pg_call(t, fn, a, b))
static inline long pg_call(struct pg_thread *t, gvm_step_fn fn, long a, long b)
{
	pg_start(t, fn, a, b);
	HCHECK_EQ(pg_wait(t, PG_STEP_MS), EXC_BAD_INSTRUCTION);
	return t->result;
}

/* The step ended, or ends within ms, by running to its end with this result. */
#define EXPECT_DONE(t, ms, value) (PG_AT(), pg_expect_done(t, ms, value))
static inline void pg_expect_done(struct pg_thread *t, mach_msg_timeout_t ms, long value)
{
	int exc = pg_wait(t, ms);
	HCHECK_EQ(exc, EXC_BAD_INSTRUCTION);
	if (exc == EXC_BAD_INSTRUCTION)
		HCHECK_EQ(t->result, value);
}

/* The step faulted on addr at rip with EXC_BAD_ACCESS and code kr. */
#define EXPECT_FAULT(t, kr, addr, rip) (PG_AT(), pg_expect_fault(t, kr, addr, rip))
static inline void pg_expect_fault(struct pg_thread *t, kern_return_t kr, vm_address_t addr, gvm_step_fn rip)
{
	HCHECK_EQ(pg_wait(t, PG_STEP_MS), EXC_BAD_ACCESS);
	if (t->last.req.exception != EXC_BAD_ACCESS)
		return;
	HCHECK_EQ(t->last.req.code, kr);
	HCHECK_EQ(t->last.req.subcode, (int64_t)addr);
	HCHECK_EQ(t->rip, (uint64_t)rip);
}

/* t is still in its step (blocked in a fault): no exception has come. */
#define EXPECT_BLOCKED(t) (PG_AT(), HCHECK_EQ(pg_wait(t, 0), 0))

static inline mach_port_t pg_task_create(void)
{
	mach_port_t task = MACH_PORT_NULL;
	CHECK_EQ(task_create(mach_task_self(), TRUE, &task), KERN_SUCCESS);
	return task;
}

static inline void pg_thread_forget(struct pg_thread *t)
{
	mach_port_deallocate(mach_task_self(), t->thread);
	mach_port_destroy(mach_task_self(), t->exc);
	t->thread = t->exc = MACH_PORT_NULL;
}

/* ---- What the kernel sent. ---- */

struct pg_msg {
	int id;                         /* msgh_id; 0 when nothing came */
	boolean_t decoded;              /* the stubs accepted the message's format */
	mach_port_t port;               /* the port it came to */
	mach_port_t control, name;
	vm_size_t page_size;
	vm_offset_t offset, data, error_offset;
	vm_size_t length;
	vm_prot_t access;
	boolean_t dirty, kernel_copy, may_cache;
	kern_return_t result;
	memory_object_copy_strategy_t copy_strategy;
};
static struct pg_msg pg_msg;

kern_return_t memory_object_init(mach_port_t object, mach_port_t control, mach_port_t name,
				 vm_size_t page_size)
{
	(void)object;
	pg_msg.control = control;
	pg_msg.name = name;
	pg_msg.page_size = page_size;
	return KERN_SUCCESS;
}

kern_return_t memory_object_terminate(mach_port_t object, mach_port_t control, mach_port_t name)
{
	(void)object;
	pg_msg.control = control;
	pg_msg.name = name;
	return KERN_SUCCESS;
}

kern_return_t memory_object_copy(mach_port_t object, mach_port_t control, vm_offset_t offset,
				 vm_size_t length, mach_port_t new_object)
{
	(void)object;
	(void)new_object;
	pg_msg.control = control;
	pg_msg.offset = offset;
	pg_msg.length = length;
	return KERN_SUCCESS;
}

kern_return_t memory_object_data_request(mach_port_t object, mach_port_t control, vm_offset_t offset,
					 vm_size_t length, vm_prot_t access)
{
	(void)object;
	pg_msg.control = control;
	pg_msg.offset = offset;
	pg_msg.length = length;
	pg_msg.access = access;
	return KERN_SUCCESS;
}

kern_return_t memory_object_data_unlock(mach_port_t object, mach_port_t control, vm_offset_t offset,
					vm_size_t length, vm_prot_t access)
{
	return memory_object_data_request(object, control, offset, length, access);
}

kern_return_t memory_object_lock_completed(mach_port_t reply, mach_port_t control, vm_offset_t offset,
					   vm_size_t length)
{
	(void)reply;
	pg_msg.control = control;
	pg_msg.offset = offset;
	pg_msg.length = length;
	return KERN_SUCCESS;
}

kern_return_t memory_object_supply_completed(mach_port_t reply, mach_port_t control, vm_offset_t offset,
					     vm_size_t length, kern_return_t result, vm_offset_t error_offset)
{
	memory_object_lock_completed(reply, control, offset, length);
	pg_msg.result = result;
	pg_msg.error_offset = error_offset;
	return KERN_SUCCESS;
}

kern_return_t memory_object_data_return(mach_port_t object, mach_port_t control, vm_offset_t offset,
					vm_offset_t data, mach_msg_type_number_t count, boolean_t dirty,
					boolean_t kernel_copy)
{
	(void)object;
	pg_msg.control = control;
	pg_msg.offset = offset;
	pg_msg.data = data;
	pg_msg.length = count;
	pg_msg.dirty = dirty;
	pg_msg.kernel_copy = kernel_copy;
	return KERN_SUCCESS;
}

kern_return_t memory_object_change_completed(mach_port_t reply, boolean_t may_cache,
					     memory_object_copy_strategy_t copy_strategy)
{
	(void)reply;
	pg_msg.may_cache = may_cache;
	pg_msg.copy_strategy = copy_strategy;
	return KERN_SUCCESS;
}

static union {
	mach_msg_header_t h;
	char bytes[4096];
} pg_in;

/* Receives one message on port (or port set) within ms into pg_msg; MACH_RCV_TIMED_OUT
 * when none came. Makes no RPC, so a pager child can use it too. */
static inline mach_msg_return_t pg_receive_raw(mach_port_t port, mach_msg_timeout_t ms)
{
	pg_msg = (struct pg_msg){ 0 };
	mach_msg_return_t mr = mach_msg(&pg_in.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(pg_in), port, ms,
					MACH_PORT_NULL);
	if (mr != MACH_MSG_SUCCESS)
		return mr;
	pg_msg.id = pg_in.h.msgh_id;
	pg_msg.port = pg_in.h.msgh_local_port;
	mig_reply_header_t out;
	pg_msg.decoded = memory_object_server(&pg_in.h, &out.Head) && out.RetCode == KERN_SUCCESS;
	return MACH_MSG_SUCCESS;
}

/* The same, dropping the send right to the control port that every message but init
 * and terminate carries (we keep the one init gave). */
static inline mach_msg_return_t pg_receive(mach_port_t port, mach_msg_timeout_t ms)
{
	mach_msg_return_t mr = pg_receive_raw(port, ms);
	if (mr == MACH_MSG_SUCCESS && pg_msg.id != PG_ID_INIT && pg_msg.id != PG_ID_TERMINATE &&
	    MACH_PORT_VALID(pg_msg.control))
		mach_port_deallocate(mach_task_self(), pg_msg.control);
	return mr;
}

static inline void pg_print_msg(const char *what)
{
	guest_print(what);
	guest_print(": message id ");
	guest_print_dec(pg_msg.id);
	guest_print(" offset ");
	guest_print_hex(pg_msg.offset);
	guest_print(" length ");
	guest_print_hex(pg_msg.length);
	guest_print("\n");
}

/* ---- Memory objects served here, with a model of their pages. ---- */

#define PG_MAX_PAGES 16
#define PG_MAX_WRITES 32

struct pg_write {
	vm_offset_t off;
	uint64_t value;
};

struct pg_object {
	mach_port_t port;               /* the memory object: receive right + a send right */
	mach_port_t rcv;                /* where its messages are received (it, or a set) */
	mach_port_t control, name;      /* from memory_object_init */
	uint16_t seed[PG_MAX_PAGES];    /* what each page was supplied with */
	uint32_t dirty;                 /* pages written since supplied or returned */
	struct pg_write writes[PG_MAX_WRITES];  /* words clients wrote since supplied */
	int nwrites;
};

static inline void pg_object_new(struct pg_object *o)
{
	*o = (struct pg_object){ 0 };
	o->port = o->rcv = gvm_port();
}

/* vm_map of size bytes of o at offset in task, anywhere, read/write. */
static inline kern_return_t pg_map(mach_port_t task, vm_address_t *addr, vm_size_t size, struct pg_object *o,
			    vm_offset_t offset, boolean_t copy)
{
	*addr = 0;
	return vm_map(task, addr, size, 0, TRUE, o->port, offset, copy, VM_PROT_READ | VM_PROT_WRITE,
		      VM_PROT_ALL, VM_INHERIT_COPY);
}

static inline uint64_t pg_model_word(const struct pg_object *o, vm_offset_t off)
{
	for (int i = o->nwrites - 1; i >= 0; i--)
		if (o->writes[i].off == off)
			return o->writes[i].value;
	return pg_word(o->seed[off / P], off);
}

/* A client wrote value at object offset off. */
static inline void pg_model_write(struct pg_object *o, vm_offset_t off, uint64_t value)
{
	CHECK(o->nwrites < PG_MAX_WRITES);
	if (o->nwrites < PG_MAX_WRITES)
		o->writes[o->nwrites++] = (struct pg_write){ off, value };
	o->dirty |= 1u << (off / P);
}

/* Pages [off, off + n pages) now hold what seed gives: earlier writes there are gone. */
static inline void pg_model_supply(struct pg_object *o, vm_offset_t off, size_t n, unsigned seed)
{
	for (size_t p = off / P; p < off / P + n && p < PG_MAX_PAGES; p++) {
		o->seed[p] = (uint16_t)seed;
		o->dirty &= ~(1u << p);
	}
	int kept = 0;
	for (int i = 0; i < o->nwrites; i++)
		if (o->writes[i].off < off || o->writes[i].off >= off + n * P)
			o->writes[kept++] = o->writes[i];
	o->nwrites = kept;
}

/* A client writes value at addr, which maps object offset off of o (0: o is not
 * written, e.g. a copy=TRUE mapping). */
#define CLIENT_WRITE(t, addr, o, off, value) (PG_AT(), pg_client_write(t, addr, o, off, value))
static inline void pg_client_write(struct pg_thread *t, vm_address_t addr, struct pg_object *o, vm_offset_t off,
			    uint64_t value)
{
	HCHECK_EQ(pg_call(t, pg_write, (long)addr, (long)value), (long)value);
	if (o)
		pg_model_write(o, off, value);
}

/* ---- The pager's side of the protocol. ---- */

/* The first message for o: memory_object_init, with fresh send rights to the control
 * and name ports, and the page size. */
#define EXPECT_INIT(o) (PG_AT(), pg_expect_init(o))
static inline int pg_expect_init(struct pg_object *o)
{
	mach_msg_return_t mr = pg_receive(o->rcv, PG_WAIT_MS);
	HCHECK_EQ(mr, MACH_MSG_SUCCESS);
	if (mr != MACH_MSG_SUCCESS)
		return 0;
	HCHECK_EQ(pg_msg.id, PG_ID_INIT);
	HCHECK(pg_msg.decoded);
	HCHECK_EQ(pg_msg.port, o->port);
	HCHECK_EQ(pg_msg.page_size, P);
	HCHECK(MACH_PORT_VALID(pg_msg.control));
	HCHECK(MACH_PORT_VALID(pg_msg.name));
	HCHECK(pg_msg.control != pg_msg.name && pg_msg.control != o->port);
	mach_port_type_t type = 0;
	HCHECK_EQ(mach_port_type(mach_task_self(), pg_msg.control, &type), KERN_SUCCESS);
	HCHECK_EQ(type, MACH_PORT_TYPE_SEND);
	HCHECK_EQ(mach_port_type(mach_task_self(), pg_msg.name, &type), KERN_SUCCESS);
	HCHECK_EQ(type, MACH_PORT_TYPE_SEND);
	if (pg_msg.id != PG_ID_INIT || !pg_msg.decoded)
		return 0;
	o->control = pg_msg.control;
	o->name = pg_msg.name;
	return 1;
}

/* Objects are not cached; copies are delayed (copy-on-write, no memory_object_copy). */
#define PG_READY(o) (PG_AT(), HCHECK_EQ(memory_object_ready((o)->control, FALSE, MEMORY_OBJECT_COPY_DELAY), \
					 KERN_SUCCESS))

/* vm_map of a fresh object, its init, and ready: the common start. */
#define PG_SETUP(task, addr, size, o) (PG_AT(), pg_setup(task, addr, size, o))
static inline int pg_setup(mach_port_t task, vm_address_t *addr, vm_size_t size, struct pg_object *o)
{
	pg_object_new(o);
	kern_return_t kr = pg_map(task, addr, size, o, 0, FALSE);
	HCHECK_EQ(kr, KERN_SUCCESS);
	if (kr != KERN_SUCCESS || !pg_expect_init(o))
		return 0;
	HCHECK_EQ(memory_object_ready(o->control, FALSE, MEMORY_OBJECT_COPY_DELAY), KERN_SUCCESS);
	return 1;
}

/* A message that must be the kernel's next one on o: returns 1 when it came, decoded,
 * with this id, for o's control port. */
static inline int pg_expect_msg(struct pg_object *o, mach_port_t on, int id)
{
	mach_msg_return_t mr = pg_receive(on, PG_WAIT_MS);
	HCHECK_EQ(mr, MACH_MSG_SUCCESS);
	if (mr != MACH_MSG_SUCCESS)
		return 0;
	HCHECK_EQ(pg_msg.id, id);
	HCHECK(pg_msg.decoded);
	HCHECK_EQ(pg_msg.control, o->control);
	if (pg_msg.id != id)
		pg_print_msg("guest: unexpected");
	return pg_msg.id == id && pg_msg.decoded;
}

/* memory_object_data_request (write: memory_object_data_unlock) for one page at off,
 * for reading (exactly VM_PROT_READ) or writing (VM_PROT_WRITE among the bits). */
#define EXPECT_REQUEST(o, off, write) (PG_AT(), pg_expect_access(o, PG_ID_DATA_REQUEST, off, write))
#define EXPECT_UNLOCK(o, off) (PG_AT(), pg_expect_access(o, PG_ID_DATA_UNLOCK, off, 1))
static inline int pg_expect_access(struct pg_object *o, int id, vm_offset_t off, int write)
{
	if (!pg_expect_msg(o, o->rcv, id))
		return 0;
	HCHECK_EQ(pg_msg.port, o->port);
	HCHECK_EQ(pg_msg.offset, off);
	HCHECK_EQ(pg_msg.length, P);
	if (write)
		HCHECK(pg_msg.access & VM_PROT_WRITE);
	else
		HCHECK_EQ(pg_msg.access, VM_PROT_READ);
	return pg_msg.offset == off;
}

/* No message comes on port for PG_NONE_MS. */
#define EXPECT_NOTHING(port) (PG_AT(), pg_expect_nothing(port, PG_NONE_MS))
#define EXPECT_NOTHING_NOW(port) (PG_AT(), pg_expect_nothing(port, 0))
static inline void pg_expect_nothing(mach_port_t port, mach_msg_timeout_t ms)
{
	mach_msg_return_t mr = pg_receive(port, ms);
	HCHECK_EQ(mr, MACH_RCV_TIMED_OUT);
	if (mr == MACH_MSG_SUCCESS)
		pg_print_msg("guest: not expected");
}

/* memory_object_data_supply of n pages of seed's pattern at off, out of line (moved out
 * of our map), with lock_value lock, not precious. */
#define SUPPLY(o, off, n, seed, lock, reply) (PG_AT(), pg_supply(o, off, n, seed, lock, reply))
static inline void pg_supply(struct pg_object *o, vm_offset_t off, size_t n, unsigned seed, vm_prot_t lock,
		      mach_port_t reply)
{
	vm_address_t buf = 0;
	HCHECK_EQ(vm_allocate(mach_task_self(), &buf, n * P, TRUE), KERN_SUCCESS);
	pg_fill((uint64_t *)buf, off, n, seed);
	HCHECK_EQ(memory_object_data_supply(o->control, off, buf, (mach_msg_type_number_t)(n * P), TRUE, lock,
					    FALSE, reply), KERN_SUCCESS);
	pg_model_supply(o, off, n, seed);
}

/* memory_object_supply_completed on reply for [off, off + length) of o. */
#define EXPECT_SUPPLY_COMPLETED(o, reply, off, length) \
	(PG_AT(), pg_expect_supply_completed(o, reply, off, length))
static inline void pg_expect_supply_completed(struct pg_object *o, mach_port_t reply, vm_offset_t off, vm_size_t length)
{
	if (!pg_expect_msg(o, reply, PG_ID_SUPPLY_COMPLETED))
		return;
	HCHECK_EQ(pg_msg.port, reply);
	HCHECK_EQ(pg_msg.offset, off);
	HCHECK_EQ(pg_msg.length, length);
	HCHECK_EQ(pg_msg.result, KERN_SUCCESS);
}

/* Checks one memory_object_data_return (in pg_msg) against o's model, page by page, and
 * frees its data; *returned gets its pages (each at most once). */
static inline void pg_check_return(struct pg_object *o, uint32_t *returned, int want_dirty)
{
	HCHECK_EQ(pg_msg.port, o->port);
	HCHECK_EQ(pg_msg.offset % P, 0);
	HCHECK(pg_msg.length > 0 && pg_msg.length % P == 0);
	if (want_dirty)
		HCHECK_EQ(pg_msg.dirty, TRUE);
	const uint64_t *w = (const uint64_t *)pg_msg.data;
	for (vm_offset_t at = 0; at < pg_msg.length && pg_msg.offset + at < PG_MAX_PAGES * P; at += P) {
		vm_offset_t off = pg_msg.offset + at;
		long bad = 0;
		for (size_t i = 0; i < P / 8; i++)
			bad += w[(at + 8 * i) / 8] != pg_model_word(o, off + 8 * i);
		HCHECK_EQ(bad, 0);
		HCHECK_EQ(*returned & (1u << (off / P)), 0);
		*returned |= 1u << (off / P);
	}
	vm_deallocate(mach_task_self(), pg_msg.data, pg_msg.length);
}

/* Receives o's data_returns until a message of id `last` (lock_completed, terminate)
 * comes; checks that exactly the pages `want` came back, with the model's bytes. Those
 * pages are clean afterwards. Returns 1 when `last` came (it is left in pg_msg). */
#define EXPECT_RETURNS(o, want, want_dirty, last) (PG_AT(), pg_expect_returns(o, want, want_dirty, last))
static inline int pg_expect_returns(struct pg_object *o, uint32_t want, int want_dirty, int last)
{
	uint32_t returned = 0;
	for (;;) {
		mach_msg_return_t mr = pg_receive(o->rcv, PG_WAIT_MS);
		HCHECK_EQ(mr, MACH_MSG_SUCCESS);
		if (mr != MACH_MSG_SUCCESS)
			break;
		HCHECK(pg_msg.decoded);
		if (pg_msg.id != PG_ID_DATA_RETURN)
			break;
		HCHECK_EQ(pg_msg.control, o->control);
		pg_check_return(o, &returned, want_dirty);
	}
	HCHECK_EQ(returned, want);
	o->dirty &= ~returned;
	HCHECK_EQ(pg_msg.id, last);
	if (pg_msg.id != last && pg_msg.id)
		pg_print_msg("guest: unexpected");
	return pg_msg.id == last;
}

/* memory_object_lock_request on [off, off + size) with o's port as reply_to (so that
 * lock_completed queues behind the data_returns it follows); the pages `want` must come
 * back first, then memory_object_lock_completed for the range. */
#define LOCK_REQUEST(o, off, size, ret, flush, lock, want) \
	(PG_AT(), pg_lock_request(o, off, size, ret, flush, lock, want))
static inline void pg_lock_request(struct pg_object *o, vm_offset_t off, vm_size_t size, memory_object_return_t ret,
			    boolean_t flush, vm_prot_t lock, uint32_t want)
{
	HCHECK_EQ(memory_object_lock_request(o->control, off, size, ret, flush, lock, o->port), KERN_SUCCESS);
	if (!pg_expect_returns(o, want, ret == MEMORY_OBJECT_RETURN_DIRTY, PG_ID_LOCK_COMPLETED))
		return;
	HCHECK_EQ(pg_msg.port, o->port);
	HCHECK_EQ(pg_msg.control, o->control);
	HCHECK_EQ(pg_msg.offset, off);
	HCHECK_EQ(pg_msg.length, size);
}

/* After the pages `want` came back (dirty), memory_object_terminate: the receive rights
 * of o's control and name ports, which we then hold (beside our send rights). With
 * keep, o's old ports stay for the caller to compare and destroy. */
#define EXPECT_TERMINATE(o, want) (PG_AT(), pg_expect_terminate(o, want, 0))
#define EXPECT_TERMINATE_KEEP(o, want) (PG_AT(), pg_expect_terminate(o, want, 1))
static inline int pg_expect_terminate(struct pg_object *o, uint32_t want, int keep)
{
	if (!pg_expect_returns(o, want, 1, PG_ID_TERMINATE))
		return 0;
	HCHECK_EQ(pg_msg.port, o->port);
	HCHECK_EQ(pg_msg.control, o->control);
	HCHECK_EQ(pg_msg.name, o->name);
	mach_port_type_t type = 0;
	HCHECK_EQ(mach_port_type(mach_task_self(), o->control, &type), KERN_SUCCESS);
	HCHECK(type & MACH_PORT_TYPE_RECEIVE);
	HCHECK_EQ(mach_port_type(mach_task_self(), o->name, &type), KERN_SUCCESS);
	HCHECK(type & MACH_PORT_TYPE_RECEIVE);
	if (!keep) {
		HCHECK_EQ(mach_port_destroy(mach_task_self(), o->control), KERN_SUCCESS);
		HCHECK_EQ(mach_port_destroy(mach_task_self(), o->name), KERN_SUCCESS);
		o->control = o->name = MACH_PORT_NULL;
	}
	*o = (struct pg_object){ .port = o->port, .rcv = o->rcv, .control = o->control, .name = o->name };
	return 1;
}

/* Drops what is left of o (its port, and its control and name rights if any). */
static inline void pg_object_forget(struct pg_object *o)
{
	mach_port_t self = mach_task_self();
	if (MACH_PORT_VALID(o->control))
		mach_port_destroy(self, o->control);
	if (MACH_PORT_VALID(o->name))
		mach_port_destroy(self, o->name);
	if (MACH_PORT_VALID(o->port))
		mach_port_destroy(self, o->port);
	*o = (struct pg_object){ 0 };
}

static inline void pg_section(const char *what)
{
	guest_print("guest: ");
	guest_print(what);
	guest_print("\n");
}

#endif
