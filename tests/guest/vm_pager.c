/*
 * vm_pager.c — external memory managers, GNU Mach's protocol: this task is the pager of
 * memory objects (ports it receives on) that it maps with vm_map into child tasks, whose
 * threads touch them (see lib/guest_pager.h for how). In order:
 *
 * - the first vm_map of a port: memory_object_init (control and name send rights, page
 *   size 4096); memory_object_get_attributes says not ready; a fault meanwhile waits and
 *   no data_request comes until memory_object_ready; then ready, not cached, COPY_DELAY;
 * - data_request for the faulting page (offset = the mapping's offset + page * 4096,
 *   length 4096, VM_PROT_READ for a read, the write bit for a write); data_supply makes
 *   the thread resume and see every word supplied;
 * - a second and a third vm_map of the port (the third at object offset 8 pages): no
 *   second init, the same pages (writes seen at once through the other mapping);
 * - two threads faulting on one page: one request, both resume on the one supply;
 * - a supply of three pages with reply_to: all resident (no more requests),
 *   memory_object_supply_completed(offset, length, KERN_SUCCESS) on the reply port;
 * - data_unavailable: zeros; data_error: EXC_BAD_ACCESS, KERN_MEMORY_ERROR, the address;
 * - pages supplied write-locked: reads are fine, a write sends data_unlock and waits for
 *   lock_request(..., VM_PROT_NONE);
 * - the last of three mappings going: the written pages come back (data_return, dirty,
 *   every word checked), then memory_object_terminate with the receive rights of the
 *   control and name ports; mapping the port again starts over (new init, new ports,
 *   nothing cached);
 * - vm_map's bad cases: offset not page-aligned, size 0, a kernel port, a dead name
 *   (KERN_INVALID_ARGUMENT, no init sent); cur beyond max clipped to max; an object
 *   made ready by memory_object_change_attributes instead of memory_object_ready;
 * - memory_object_lock_request: RETURN_DIRTY (the written pages, then clean), RETURN_ALL (dirty and precious)
 *   (every resident page), should_flush (the next access asks again), lock_value
 *   VM_PROT_WRITE (the next write sends data_unlock), lock_completed after the returns;
 * - copy=TRUE: reads from the pager, writes private, never returned;
 * - 16 pages of computed content served to another task through a port set, every word
 *   checked there; its writes come back on RETURN_DIRTY and when the task is terminated.
 *
 * Fails at its first vm_map until the kernel serves memory objects.
 */
//! timeout=300
//! expect '^guest: [0-9]+ checks, 0 failed$'
#include "guest_pager.h"

#define MARK(n) ((long)(0x5eed000000000000ul | (n)))
#define PAGE(n) (1u << (n))

static mach_port_t self, client;
static struct pg_thread t1, t2;
static char stack1[16384] __attribute__((aligned(16)));
static char stack2[16384] __attribute__((aligned(16)));
static char stack3[16384] __attribute__((aligned(16)));

/* Object A, 16 pages, mapped at a1 (then a2, and a3 from page 8). */
static struct pg_object A;
static vm_address_t a1, a2, a3;

static void check_attributes(mach_port_t control, boolean_t ready, boolean_t cache, int strategy)
{
	boolean_t r = !ready, c = !cache;
	memory_object_copy_strategy_t s = -1;
	CHECK_EQ(memory_object_get_attributes(control, &r, &c, &s), KERN_SUCCESS);
	CHECK_EQ(r, ready);
	if (ready) {
		CHECK_EQ(c, cache);
		CHECK_EQ(s, strategy);
	}
}

static int check_first_use(void)
{
	pg_section("first mapping: init, nothing before ready, a request, a supply");
	pg_object_new(&A);
	kern_return_t kr = pg_map(client, &a1, 16 * P, &A, 0, FALSE);
	CHECK_EQ(kr, KERN_SUCCESS);
	if (kr != KERN_SUCCESS)
		return 0;
	struct gvm_region r;
	CHECK_EQ(gvm_region(client, a1, &r), KERN_SUCCESS);
	CHECK_EQ(r.address, a1);
	CHECK_EQ(r.size, 16 * P);
	CHECK_EQ(r.prot, VM_PROT_READ | VM_PROT_WRITE);
	CHECK_EQ(r.max_prot, VM_PROT_ALL);
	if (!EXPECT_INIT(&A))
		return 0;
	check_attributes(A.control, FALSE, FALSE, 0);
	pg_start(&t1, pg_read, (long)(a1 + 8), 0);
	EXPECT_NOTHING(A.port);                  /* no data_request before ready */
	EXPECT_BLOCKED(&t1);
	PG_READY(&A);
	check_attributes(A.control, TRUE, FALSE, MEMORY_OBJECT_COPY_DELAY);
	if (!EXPECT_REQUEST(&A, 0, 0))
		return 0;
	EXPECT_BLOCKED(&t1);
	SUPPLY(&A, 0, 1, 1, VM_PROT_NONE, MACH_PORT_NULL);
	EXPECT_DONE(&t1, PG_STEP_MS, pg_word(1, 8));
	CHECK_EQ(PG_CALL(&t1, step_check, (long)a1, PG_ARGS(0, 1, 1)), 0);
	EXPECT_NOTHING_NOW(A.port);
	return 1;
}

static void check_sharing(void)
{
	pg_section("more mappings of the port: the same object, the same pages");
	CHECK_EQ(pg_map(client, &a2, 16 * P, &A, 0, FALSE), KERN_SUCCESS);
	CHECK(a2 != a1);
	CHECK_EQ(pg_map(client, &a3, 4 * P, &A, 8 * P, FALSE), KERN_SUCCESS);
	EXPECT_NOTHING(A.port);                  /* no second init */
	CHECK_EQ(PG_CALL(&t1, step_check, (long)a2, PG_ARGS(0, 1, 1)), 0);
	CLIENT_WRITE(&t1, a1 + 16, &A, 16, MARK(1));
	CHECK_EQ(PG_CALL(&t1, pg_read, (long)(a2 + 16), 0), MARK(1));
	CLIENT_WRITE(&t1, a2 + P - 8, &A, P - 8, MARK(2));
	CHECK_EQ(PG_CALL(&t1, pg_read, (long)(a1 + P - 8), 0), MARK(2));
	/* a3's second page is the object's page 9. */
	pg_start(&t1, pg_read, (long)(a3 + P + 24), 0);
	EXPECT_REQUEST(&A, 9 * P, 0);
	SUPPLY(&A, 9 * P, 1, 9, VM_PROT_NONE, MACH_PORT_NULL);
	EXPECT_DONE(&t1, PG_STEP_MS, pg_word(9, 9 * P + 24));
	CHECK_EQ(PG_CALL(&t1, step_check, (long)(a1 + 9 * P), PG_ARGS(9, 1, 9)), 0);
	EXPECT_NOTHING_NOW(A.port);
}

static void check_requests(void)
{
	pg_section("two threads fault on one page: one request; a write asks for write");
	pg_start(&t1, pg_read, (long)(a1 + P + 40), 0);
	EXPECT_REQUEST(&A, P, 0);
	pg_start(&t2, pg_read, (long)(a1 + P + 48), 0);
	EXPECT_NOTHING(A.port);
	EXPECT_BLOCKED(&t1);
	EXPECT_BLOCKED(&t2);
	SUPPLY(&A, P, 1, 2, VM_PROT_NONE, MACH_PORT_NULL);
	EXPECT_DONE(&t1, PG_STEP_MS, pg_word(2, P + 40));
	EXPECT_DONE(&t2, PG_STEP_MS, pg_word(2, P + 48));

	pg_start(&t1, pg_write, (long)(a1 + 7 * P + 16), MARK(3));
	EXPECT_REQUEST(&A, 7 * P, 1);
	SUPPLY(&A, 7 * P, 1, 7, VM_PROT_NONE, MACH_PORT_NULL);
	EXPECT_DONE(&t1, PG_STEP_MS, MARK(3));
	pg_model_write(&A, 7 * P + 16, (uint64_t)MARK(3));
	CHECK_EQ(PG_CALL(&t1, pg_read, (long)(a2 + 7 * P + 16), 0), MARK(3));
}

static void check_supply(void)
{
	pg_section("three pages in one supply, with reply_to");
	mach_port_t reply = gvm_port();
	pg_start(&t1, pg_read, (long)(a1 + 2 * P), 0);
	EXPECT_REQUEST(&A, 2 * P, 0);
	SUPPLY(&A, 2 * P, 3, 3, VM_PROT_NONE, reply);
	EXPECT_SUPPLY_COMPLETED(&A, reply, 2 * P, 3 * P);
	EXPECT_DONE(&t1, PG_STEP_MS, pg_word(3, 2 * P));
	CHECK_EQ(PG_CALL(&t1, step_check, (long)(a1 + 2 * P), PG_ARGS(2, 3, 3)), 0);
	EXPECT_NOTHING_NOW(A.port);              /* pages 3 and 4 came without a request */
	EXPECT_NOTHING_NOW(reply);
	CHECK_EQ(mach_port_destroy(self, reply), KERN_SUCCESS);
}

static void check_unavailable_and_error(void)
{
	pg_section("data_unavailable: zeros; data_error: EXC_BAD_ACCESS");
	pg_start(&t1, step_check, (long)(a1 + 5 * P), PG_ARGS(5, 1, 0));
	EXPECT_REQUEST(&A, 5 * P, 0);
	CHECK_EQ(memory_object_data_unavailable(A.control, 5 * P, P), KERN_SUCCESS);
	pg_model_supply(&A, 5 * P, 1, 0);
	EXPECT_DONE(&t1, PG_STEP_MS, 0);         /* no word that is not zero */

	pg_start(&t1, pg_read, (long)(a1 + 6 * P + 8), 0);
	EXPECT_REQUEST(&A, 6 * P, 0);
	CHECK_EQ(memory_object_data_error(A.control, 6 * P, P, KERN_MEMORY_FAILURE), KERN_SUCCESS);
	EXPECT_FAULT(&t1, KERN_MEMORY_ERROR, a1 + 6 * P + 8, pg_read);
}

static void check_unlock(void)
{
	pg_section("a write-locked page: reads fine, a write sends data_unlock");
	pg_start(&t1, pg_read, (long)(a1 + 8 * P + 8), 0);
	EXPECT_REQUEST(&A, 8 * P, 0);
	SUPPLY(&A, 8 * P, 1, 8, VM_PROT_WRITE, MACH_PORT_NULL);
	EXPECT_DONE(&t1, PG_STEP_MS, pg_word(8, 8 * P + 8));
	pg_start(&t1, pg_write, (long)(a1 + 8 * P + 8), MARK(4));
	EXPECT_UNLOCK(&A, 8 * P);
	EXPECT_BLOCKED(&t1);
	CHECK_EQ(memory_object_lock_request(A.control, 8 * P, P, MEMORY_OBJECT_RETURN_NONE, FALSE, VM_PROT_NONE,
					    MACH_PORT_NULL), KERN_SUCCESS);
	EXPECT_DONE(&t1, PG_STEP_MS, MARK(4));
	pg_model_write(&A, 8 * P + 8, (uint64_t)MARK(4));
	CHECK_EQ(PG_CALL(&t1, pg_read, (long)(a3 + 8), 0), MARK(4));   /* a3 starts at page 8 */
	EXPECT_NOTHING_NOW(A.port);
}

static void check_last_mapping(void)
{
	pg_section("the last mapping goes: written pages back, then terminate; a new start");
	CHECK_EQ(vm_deallocate(client, a2, 16 * P), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(client, a3, 4 * P), KERN_SUCCESS);
	EXPECT_NOTHING(A.port);                  /* a1 still maps it */
	CHECK_EQ(vm_deallocate(client, a1, 16 * P), KERN_SUCCESS);
	mach_port_t old_control = A.control, old_name = A.name;
	if (!EXPECT_TERMINATE_KEEP(&A, PAGE(0) | PAGE(7) | PAGE(8)))
		return;
	/* Not cached: the same port mapped again is a new object, with new ports (the old
	 * ones are still ours, so the names differ), and asks for its pages again. */
	CHECK_EQ(pg_map(client, &a1, 4 * P, &A, 0, FALSE), KERN_SUCCESS);
	if (EXPECT_INIT(&A)) {
		CHECK(A.control != old_control);
		CHECK(A.name != old_name);
		PG_READY(&A);
		pg_start(&t1, pg_read, (long)(a1 + 16), 0);
		EXPECT_REQUEST(&A, 0, 0);
		SUPPLY(&A, 0, 1, 11, VM_PROT_NONE, MACH_PORT_NULL);
		EXPECT_DONE(&t1, PG_STEP_MS, pg_word(11, 16));
	}
	CHECK_EQ(mach_port_destroy(self, old_control), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, old_name), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(client, a1, 4 * P), KERN_SUCCESS);
	EXPECT_TERMINATE(&A, 0);
}

static mach_port_t dead_name(void)
{
	mach_port_t p = gvm_port();
	CHECK_EQ(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_RECEIVE, -1), KERN_SUCCESS);
	mach_port_type_t type = 0;
	CHECK_EQ(mach_port_type(self, p, &type), KERN_SUCCESS);
	CHECK_EQ(type, MACH_PORT_TYPE_DEAD_NAME);
	return p;
}

static kern_return_t map_raw(mach_port_t object, vm_size_t size, vm_offset_t offset)
{
	vm_address_t at = 0;
	return vm_map(client, &at, size, 0, TRUE, object, offset, FALSE, VM_PROT_DEFAULT, VM_PROT_ALL,
		      VM_INHERIT_COPY);
}

/* A current protection beyond the maximum is clipped to it: a write faults there, and
 * the pager is not asked. (Its object is made ready by change_attributes.) */
static void check_clipped(struct pg_object *x)
{
	vm_address_t ro = 0;
	CHECK_EQ(vm_map(client, &ro, 2 * P, 0, TRUE, x->port, 0, FALSE, VM_PROT_READ | VM_PROT_WRITE, VM_PROT_READ,
			VM_INHERIT_COPY), KERN_SUCCESS);
	struct gvm_region r;
	CHECK_EQ(gvm_region(client, ro, &r), KERN_SUCCESS);
	CHECK_EQ(r.prot, VM_PROT_READ);
	CHECK_EQ(r.max_prot, VM_PROT_READ);
	if (!EXPECT_INIT(x))
		return;
	/* memory_object_change_attributes answers init as well as ready does. */
	pg_start(&t1, pg_read, (long)(ro + 8), 0);
	EXPECT_NOTHING(x->port);
	CHECK_EQ(memory_object_change_attributes(x->control, FALSE, MEMORY_OBJECT_COPY_DELAY, MACH_PORT_NULL),
		 KERN_SUCCESS);
	check_attributes(x->control, TRUE, FALSE, MEMORY_OBJECT_COPY_DELAY);
	EXPECT_REQUEST(x, 0, 0);
	SUPPLY(x, 0, 1, 12, VM_PROT_NONE, MACH_PORT_NULL);
	EXPECT_DONE(&t1, PG_STEP_MS, pg_word(12, 8));
	pg_start(&t1, pg_write, (long)(ro + 8), 1);
	EXPECT_FAULT(&t1, KERN_PROTECTION_FAILURE, ro + 8, pg_write);
	EXPECT_NOTHING_NOW(x->port);
	CHECK_EQ(vm_deallocate(client, ro, 2 * P), KERN_SUCCESS);
	EXPECT_TERMINATE(x, 0);
}

static void check_bad_maps(void)
{
	pg_section("vm_map: bad offsets, size 0, kernel ports, dead names; cur beyond max");
	struct pg_object x;
	pg_object_new(&x);
	CHECK_EQ(map_raw(x.port, 4 * P, 100), KERN_INVALID_ARGUMENT);
	CHECK_EQ(map_raw(x.port, 4 * P, P + 8), KERN_INVALID_ARGUMENT);
	CHECK_EQ(map_raw(x.port, 0, 0), KERN_INVALID_ARGUMENT);
	CHECK_EQ(map_raw(self, 4 * P, 0), KERN_INVALID_ARGUMENT);
	/* A dead name: an entry of our space is refused by the message's copyin
	 * (MACH_SEND_INVALID_RIGHT); MACH_PORT_DEAD itself reaches vm_map as an invalid
	 * port, which means anonymous memory, as in GNU Mach. */
	mach_port_t dead = dead_name();
	CHECK_EQ(map_raw(dead, 4 * P, 0), MACH_SEND_INVALID_RIGHT);
	vm_address_t anon = 0;
	CHECK_EQ(vm_map(client, &anon, 4 * P, 0, TRUE, MACH_PORT_DEAD, 0, FALSE, VM_PROT_DEFAULT,
			VM_PROT_ALL, VM_INHERIT_COPY), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(client, anon, 4 * P), KERN_SUCCESS);
	CHECK_EQ(mach_port_destroy(self, dead), KERN_SUCCESS);
	EXPECT_NOTHING(x.port);                  /* none of them made an object */
	check_clipped(&x);
	pg_object_forget(&x);
}

static void check_lock_returns(struct pg_object *b, vm_address_t b1)
{
	CLIENT_WRITE(&t1, b1 + P + 24, b, P + 24, MARK(5));
	CLIENT_WRITE(&t1, b1 + 2 * P, b, 2 * P, MARK(6));
	CLIENT_WRITE(&t1, b1 + 5 * P + 8, b, 5 * P + 8, MARK(7));
	/* The written pages come back, dirty; they stay, clean: nothing more to return. */
	LOCK_REQUEST(b, 0, 8 * P, MEMORY_OBJECT_RETURN_DIRTY, FALSE, VM_PROT_NONE, PAGE(1) | PAGE(2) | PAGE(5));
	LOCK_REQUEST(b, 0, 8 * P, MEMORY_OBJECT_RETURN_DIRTY, FALSE, VM_PROT_NONE, 0);
	CHECK_EQ(PG_CALL(&t1, pg_read, (long)(b1 + 5 * P + 8), 0), MARK(7));
	EXPECT_NOTHING_NOW(b->port);
	/* RETURN_ALL: dirty and precious pages (GNU Mach's rule; none is precious here),
	 * not the clean ones. */
	CLIENT_WRITE(&t1, b1 + 3 * P + 32, b, 3 * P + 32, MARK(8));
	LOCK_REQUEST(b, 0, 8 * P, MEMORY_OBJECT_RETURN_ALL, FALSE, VM_PROT_NONE, PAGE(3));
}

static void check_lock_flush(struct pg_object *b, vm_address_t b1)
{
	CLIENT_WRITE(&t1, b1 + 4 * P, b, 4 * P, MARK(9));
	LOCK_REQUEST(b, 0, 8 * P, MEMORY_OBJECT_RETURN_DIRTY, TRUE, VM_PROT_NONE, PAGE(4));
	/* Gone: the next access asks again, and sees the new data, not the old page. */
	pg_start(&t1, step_check, (long)(b1 + 4 * P), PG_ARGS(4, 1, 24));
	EXPECT_REQUEST(b, 4 * P, 0);
	SUPPLY(b, 4 * P, 1, 24, VM_PROT_NONE, MACH_PORT_NULL);
	EXPECT_DONE(&t1, PG_STEP_MS, 0);
	pg_start(&t1, pg_read, (long)(b1 + 6 * P), 0);
	EXPECT_REQUEST(b, 6 * P, 0);
	SUPPLY(b, 6 * P, 1, 26, VM_PROT_NONE, MACH_PORT_NULL);
	EXPECT_DONE(&t1, PG_STEP_MS, pg_word(26, 6 * P));
}

static void check_lock_write(struct pg_object *b, vm_address_t b1)
{
	LOCK_REQUEST(b, 0, 8 * P, MEMORY_OBJECT_RETURN_NONE, FALSE, VM_PROT_WRITE, 0);
	CHECK_EQ(PG_CALL(&t1, pg_read, (long)(b1 + 6 * P + 8), 0), pg_word(26, 6 * P + 8));
	EXPECT_NOTHING_NOW(b->port);
	pg_start(&t1, pg_write, (long)(b1 + 6 * P + 8), MARK(10));
	EXPECT_UNLOCK(b, 6 * P);
	EXPECT_BLOCKED(&t1);
	CHECK_EQ(memory_object_lock_request(b->control, 6 * P, P, MEMORY_OBJECT_RETURN_NONE, FALSE, VM_PROT_NONE,
					    MACH_PORT_NULL), KERN_SUCCESS);
	EXPECT_DONE(&t1, PG_STEP_MS, MARK(10));
	pg_model_write(b, 6 * P + 8, (uint64_t)MARK(10));
}

static void check_lock_request(void)
{
	pg_section("lock_request: return dirty, return all, flush, write lock");
	struct pg_object b;
	vm_address_t b1 = 0;
	if (PG_SETUP(client, &b1, 8 * P, &b)) {
		pg_start(&t1, pg_read, (long)b1, 0);
		EXPECT_REQUEST(&b, 0, 0);
		SUPPLY(&b, 0, 8, 21, VM_PROT_NONE, MACH_PORT_NULL);
		EXPECT_DONE(&t1, PG_STEP_MS, pg_word(21, 0));
		check_lock_returns(&b, b1);
		check_lock_flush(&b, b1);
		check_lock_write(&b, b1);
		CHECK_EQ(vm_deallocate(client, b1, 8 * P), KERN_SUCCESS);
		EXPECT_TERMINATE(&b, PAGE(6));
	}
	pg_object_forget(&b);
}

static void check_copy(void)
{
	pg_section("copy=TRUE: reads from the pager, writes private and never returned");
	struct pg_object c;
	vm_address_t c1 = 0, c2 = 0;
	if (!PG_SETUP(client, &c1, 4 * P, &c)) {
		pg_object_forget(&c);
		return;
	}
	/* Mapped after init and ready: a copy is taken of a ready object (GNU Mach waits
	 * for ready in such a vm_map, and we are the pager). */
	CHECK_EQ(pg_map(client, &c2, 4 * P, &c, 0, TRUE), KERN_SUCCESS);
	pg_start(&t1, pg_read, (long)(c2 + 8), 0);
	EXPECT_REQUEST(&c, 0, 0);
	SUPPLY(&c, 0, 2, 31, VM_PROT_NONE, MACH_PORT_NULL);
	EXPECT_DONE(&t1, PG_STEP_MS, pg_word(31, 8));
	CHECK_EQ(PG_CALL(&t1, pg_read, (long)(c1 + 8), 0), pg_word(31, 8));
	CLIENT_WRITE(&t1, c2 + 8, NULL, 0, MARK(11));
	CLIENT_WRITE(&t1, c2 + P + 16, NULL, 0, MARK(12));
	CHECK_EQ(PG_CALL(&t1, pg_read, (long)(c2 + 8), 0), MARK(11));
	CHECK_EQ(PG_CALL(&t1, pg_read, (long)(c1 + 8), 0), pg_word(31, 8));
	CHECK_EQ(PG_CALL(&t1, pg_read, (long)(c1 + P + 16), 0), pg_word(31, P + 16));
	pg_start(&t1, pg_read, (long)(c2 + 2 * P + 8), 0);
	EXPECT_REQUEST(&c, 2 * P, 0);
	SUPPLY(&c, 2 * P, 1, 33, VM_PROT_NONE, MACH_PORT_NULL);
	EXPECT_DONE(&t1, PG_STEP_MS, pg_word(33, 2 * P + 8));
	LOCK_REQUEST(&c, 0, 4 * P, MEMORY_OBJECT_RETURN_DIRTY, FALSE, VM_PROT_NONE, 0);
	CHECK_EQ(vm_deallocate(client, c2, 4 * P), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(client, c1, 4 * P), KERN_SUCCESS);
	EXPECT_TERMINATE(&c, 0);
	pg_object_forget(&c);
}

/* ---- Computed content for another task. ---- */

#define F_PAGES 16
#define F_SEED 41

/* Answers f's data requests with F_SEED's pattern until t's step ends; returns the
 * exception that ended it (0 if it did not), counting the requests. */
static int serve_until_done(struct pg_object *f, struct pg_thread *t, int *requests)
{
	for (int i = 0; i < 2000; i++) {
		int exc = pg_wait(t, 0);
		if (exc)
			return exc;
		mach_msg_return_t mr = pg_receive(f->rcv, 20);
		if (mr == MACH_RCV_TIMED_OUT)
			continue;
		CHECK_EQ(mr, MACH_MSG_SUCCESS);
		CHECK_EQ(pg_msg.id, PG_ID_DATA_REQUEST);
		CHECK_EQ(pg_msg.port, f->port);
		CHECK_EQ(pg_msg.control, f->control);
		CHECK_EQ(pg_msg.length, P);
		CHECK_EQ(pg_msg.access, VM_PROT_READ);
		vm_offset_t off = pg_msg.offset;
		if (mr != MACH_MSG_SUCCESS || pg_msg.id != PG_ID_DATA_REQUEST || off % P || off >= F_PAGES * P) {
			pg_print_msg("guest: unexpected");
			return 0;
		}
		SUPPLY(f, off, 1, F_SEED, VM_PROT_NONE, MACH_PORT_NULL);
		(*requests)++;
	}
	return pg_wait(t, 0);
}

/* A client write of a word computed from its offset, somewhere in page p. */
static void write_computed(struct pg_thread *t, struct pg_object *f, vm_address_t f1, unsigned p)
{
	vm_offset_t off = p * P + 8 * (p * 37 % (P / 8));
	CLIENT_WRITE(t, f1 + off, f, off, ~pg_word(F_SEED, off));
}

static void serve_computed(struct pg_object *f, struct pg_thread *t, mach_port_t task, vm_address_t f1)
{
	int requests = 0;
	pg_start(t, step_check, (long)f1, PG_ARGS(0, F_PAGES, F_SEED));
	CHECK_EQ(serve_until_done(f, t, &requests), EXC_BAD_INSTRUCTION);
	CHECK_EQ(t->result, 0);                  /* every word of every page */
	CHECK_EQ(requests, F_PAGES);             /* one request per page */
	for (unsigned p = 0; p < F_PAGES; p += 3)
		write_computed(t, f, f1, p);
	LOCK_REQUEST(f, 0, F_PAGES * P, MEMORY_OBJECT_RETURN_DIRTY, FALSE, VM_PROT_NONE,
		     PAGE(0) | PAGE(3) | PAGE(6) | PAGE(9) | PAGE(12) | PAGE(15));
	write_computed(t, f, f1, 1);
	write_computed(t, f, f1, 2);
	/* The client task ends: its last writes come back before terminate. */
	CHECK_EQ(task_terminate(task), KERN_SUCCESS);
	EXPECT_TERMINATE(f, PAGE(1) | PAGE(2));
}

static void check_computed_content(void)
{
	pg_section("computed pages for another task; its writes come back");
	mach_port_t task = pg_task_create(), set = MACH_PORT_NULL;
	struct pg_thread t3;
	pg_thread_create(&t3, task, stack3, sizeof(stack3));
	struct pg_object f;
	pg_object_new(&f);
	CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &set), KERN_SUCCESS);
	CHECK_EQ(mach_port_move_member(self, f.port, set), KERN_SUCCESS);
	f.rcv = set;                              /* as servers do: a port set */
	vm_address_t f1 = 0;
	CHECK_EQ(pg_map(task, &f1, F_PAGES * P, &f, 0, FALSE), KERN_SUCCESS);
	if (EXPECT_INIT(&f)) {
		PG_READY(&f);
		serve_computed(&f, &t3, task, f1);
	} else {
		CHECK_EQ(task_terminate(task), KERN_SUCCESS);
	}
	pg_thread_forget(&t3);
	mach_port_deallocate(self, task);
	pg_object_forget(&f);
	mach_port_destroy(self, set);
}

int main(void)
{
	self = mach_task_self();
	client = pg_task_create();
	pg_thread_create(&t1, client, stack1, sizeof(stack1));
	pg_thread_create(&t2, client, stack2, sizeof(stack2));
	if (check_first_use()) {
		check_sharing();
		check_requests();
		check_supply();
		check_unavailable_and_error();
		check_unlock();
		check_last_mapping();
		check_bad_maps();
		check_lock_request();
		check_copy();
		check_computed_content();
	} else {
		guest_print("guest: the kernel does not serve memory objects (yet?)\n");
	}
	CHECK_EQ(task_terminate(client), KERN_SUCCESS);
	pg_thread_forget(&t1);
	pg_thread_forget(&t2);
	mach_port_deallocate(self, client);
	pg_object_forget(&A);
	return guest_finish();
}
