/*
 * vm_pager_death.c — external memory managers that fail their clients (see vm_pager.c
 * for the protocol when all goes well, lib/guest_pager.h for how the test runs):
 *
 * - the pager destroys the memory object's receive right while a data_request is
 *   outstanding: the faulting thread gets EXC_BAD_ACCESS / KERN_MEMORY_ERROR with the
 *   address, so do later faults on pages not resident; resident pages stay readable;
 *   the client task carries on and can vm_deallocate the region;
 * - the same when the pager is a task of its own (a child running this program's
 *   step_pager) that is terminated instead of answering;
 * - a pager that does not answer: the faulting thread waits; thread_suspend and
 *   thread_abort succeed, thread_get_state shows rip at the faulting instruction; no
 *   second data_request comes, neither while suspended nor after thread_resume (the
 *   thread faults again on the same page); the late supply lets it complete its access;
 * - task_terminate of a client blocked in such a fault succeeds, and the pager then
 *   gets memory_object_terminate;
 * - memory_object_destroy: memory_object_terminate follows (GNU Mach's documented
 *   behaviour), and the client can still vm_deallocate the region.
 *
 * Fails at its first vm_map until the kernel serves memory objects.
 */
//! timeout=240
//! expect '^guest: [0-9]+ checks, 0 failed$'
#include "guest_pager.h"

static mach_port_t self, client;
static struct pg_thread t1;
static char stack1[16384] __attribute__((aligned(16)));
static char pager_stack[16384] __attribute__((aligned(16)));
static uint64_t pager_page[P / 8] __attribute__((aligned(4096)));

/* Maps 4 pages of a fresh object o into the client and makes page 0 resident (seed);
 * returns the address, 0 if that failed. */
static vm_address_t map_with_page0(struct pg_object *o, unsigned seed)
{
	vm_address_t at = 0;
	if (!PG_SETUP(client, &at, 4 * P, o))
		return 0;
	pg_start(&t1, pg_read, (long)(at + 8), 0);
	EXPECT_REQUEST(o, 0, 0);
	SUPPLY(o, 0, 1, seed, VM_PROT_NONE, MACH_PORT_NULL);
	EXPECT_DONE(&t1, PG_STEP_MS, pg_word(seed, 8));
	return at;
}

/* What a client sees after its pager died with a request for page 2 outstanding (the
 * thread is in that fault): errors for pages not resident, page 0 as it was; it goes
 * on and can unmap the region. */
static void check_after_death(vm_address_t at, unsigned seed)
{
	EXPECT_FAULT(&t1, KERN_MEMORY_ERROR, at + 2 * P + 8, pg_read);
	pg_start(&t1, pg_read, (long)(at + 3 * P + 16), 0);
	EXPECT_FAULT(&t1, KERN_MEMORY_ERROR, at + 3 * P + 16, pg_read);
	CHECK_EQ(PG_CALL(&t1, step_check, (long)at, PG_ARGS(0, 1, seed)), 0);
	CHECK_EQ(vm_deallocate(client, at, 4 * P), KERN_SUCCESS);
	CHECK_EQ(PG_CALL(&t1, step_value, 42, 0), 42);
}

static int check_port_destroyed(void)
{
	pg_section("the pager destroys the object's port during a fault");
	struct pg_object o;
	vm_address_t at = map_with_page0(&o, 51);
	if (at) {
		pg_start(&t1, pg_read, (long)(at + 2 * P + 8), 0);
		EXPECT_REQUEST(&o, 2 * P, 0);
		CHECK_EQ(mach_port_destroy(self, o.port), KERN_SUCCESS);
		o.port = MACH_PORT_NULL;
		check_after_death(at, 51);
	}
	pg_object_forget(&o);
	return at != 0;
}

/* ---- A pager task of its own. ---- */

/* Run by the pager task's thread: serves port (a name in its space) — ready on init,
 * page 0 of seed's pattern on its request — until a request for another page comes,
 * which it leaves unanswered: the step ends with that offset + 1 (-1 for anything
 * else, or nothing for 10 s). Only simple routines: no reply port is needed. */
static long step_pager(long port, long seed)
{
	mach_port_t control = MACH_PORT_NULL;
	for (;;) {
		if (pg_receive_raw((mach_port_t)port, 10000) != MACH_MSG_SUCCESS || !pg_msg.decoded)
			return -1;
		if (pg_msg.id == PG_ID_INIT) {
			control = pg_msg.control;
			memory_object_ready(control, FALSE, MEMORY_OBJECT_COPY_DELAY);
		} else if (pg_msg.id == PG_ID_DATA_REQUEST && pg_msg.offset == 0) {
			pg_fill(pager_page, 0, 1, (unsigned)seed);
			memory_object_data_supply(control, 0, (vm_offset_t)pager_page, P, FALSE, VM_PROT_NONE, FALSE,
						  MACH_PORT_NULL);
		} else if (pg_msg.id == PG_ID_DATA_REQUEST) {
			return (long)pg_msg.offset + 1;
		} else {
			return -1;
		}
	}
}

/* The pager task's port: made in its space, a send right for us to map. */
static mach_port_t pager_port(mach_port_t pager, mach_port_t *name)
{
	mach_port_t send = MACH_PORT_NULL;
	mach_msg_type_name_t type = 0;
	CHECK_EQ(mach_port_allocate(pager, MACH_PORT_RIGHT_RECEIVE, name), KERN_SUCCESS);
	CHECK_EQ(mach_port_extract_right(pager, *name, MACH_MSG_TYPE_MAKE_SEND, &send, &type), KERN_SUCCESS);
	CHECK_EQ(type, MACH_MSG_TYPE_PORT_SEND);
	return send;
}

static void check_pager_task_killed(void)
{
	pg_section("the pager's task is terminated during a fault");
	mach_port_t pager = pg_task_create(), name = MACH_PORT_NULL;
	struct pg_thread pt;
	pg_thread_create(&pt, pager, pager_stack, sizeof(pager_stack));
	mach_port_t object = pager_port(pager, &name);
	vm_address_t at = 0;
	kern_return_t kr = vm_map(client, &at, 4 * P, 0, TRUE, object, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_ALL,
				  VM_INHERIT_COPY);
	CHECK_EQ(kr, KERN_SUCCESS);
	if (kr == KERN_SUCCESS) {
		pg_start(&pt, step_pager, (long)name, 52);
		CHECK_EQ(PG_CALL(&t1, pg_read, (long)(at + 8), 0), (long)pg_word(52, 8));
		pg_start(&t1, pg_read, (long)(at + 2 * P + 8), 0);
		EXPECT_DONE(&pt, PG_WAIT_MS, (long)(2 * P + 1));     /* it got the request */
		EXPECT_BLOCKED(&t1);
		CHECK_EQ(task_terminate(pager), KERN_SUCCESS);
		check_after_death(at, 52);
	} else {
		CHECK_EQ(task_terminate(pager), KERN_SUCCESS);
	}
	pg_thread_forget(&pt);
	mach_port_deallocate(self, pager);
	mach_port_destroy(self, object);
}

/* ---- A pager that does not answer. ---- */

static void check_abort(void)
{
	pg_section("no answer: the fault waits; suspend, abort, resume; a late supply");
	struct pg_object o;
	vm_address_t at = map_with_page0(&o, 53);
	if (!at) {
		pg_object_forget(&o);
		return;
	}
	pg_start(&t1, pg_read, (long)(at + P + 16), 0);
	EXPECT_REQUEST(&o, P, 0);
	CHECK_EQ(thread_suspend(t1.thread), KERN_SUCCESS);
	CHECK_EQ(thread_abort(t1.thread), KERN_SUCCESS);
	struct i386_thread_state st = { 0 };
	mach_msg_type_number_t n = i386_THREAD_STATE_COUNT;
	CHECK_EQ(thread_get_state(t1.thread, i386_THREAD_STATE, (thread_state_t)&st, &n), KERN_SUCCESS);
	CHECK_EQ(st.rip, (uint64_t)pg_read);     /* at the faulting instruction, to run it again */
	CHECK_EQ(st.rdi, at + P + 16);
	EXPECT_NOTHING(o.port);
	EXPECT_BLOCKED(&t1);                      /* an abort is not an error */
	CHECK_EQ(thread_resume(t1.thread), KERN_SUCCESS);
	EXPECT_NOTHING(o.port);                   /* the same page: the same request */
	EXPECT_BLOCKED(&t1);
	SUPPLY(&o, P, 1, 54, VM_PROT_NONE, MACH_PORT_NULL);
	EXPECT_DONE(&t1, PG_STEP_MS, pg_word(54, P + 16));
	CHECK_EQ(vm_deallocate(client, at, 4 * P), KERN_SUCCESS);
	EXPECT_TERMINATE(&o, 0);
	pg_object_forget(&o);
}

static void check_client_killed(void)
{
	pg_section("task_terminate of a client waiting for its pager");
	mach_port_t task = pg_task_create();
	struct pg_thread t;
	pg_thread_create(&t, task, stack1, sizeof(stack1));
	struct pg_object o;
	vm_address_t at = 0;
	if (PG_SETUP(task, &at, 4 * P, &o)) {
		pg_start(&t, pg_read, (long)(at + 8), 0);
		EXPECT_REQUEST(&o, 0, 0);
		CHECK_EQ(task_terminate(task), KERN_SUCCESS);
		EXPECT_TERMINATE(&o, 0);
	} else {
		CHECK_EQ(task_terminate(task), KERN_SUCCESS);
	}
	pg_thread_forget(&t);
	mach_port_deallocate(self, task);
	pg_object_forget(&o);
}

static void check_destroy(void)
{
	pg_section("memory_object_destroy: terminate follows");
	struct pg_object o;
	vm_address_t at = map_with_page0(&o, 55);
	if (at) {
		CHECK_EQ(memory_object_destroy(o.control, KERN_FAILURE), KERN_SUCCESS);
		EXPECT_TERMINATE(&o, 0);
		CHECK_EQ(vm_deallocate(client, at, 4 * P), KERN_SUCCESS);
		EXPECT_NOTHING(o.port);
	}
	pg_object_forget(&o);
}

int main(void)
{
	self = mach_task_self();
	client = pg_task_create();
	pg_thread_create(&t1, client, stack1, sizeof(stack1));
	if (check_port_destroyed()) {
		check_pager_task_killed();
		check_abort();
		check_client_killed();
		check_destroy();
	} else {
		guest_print("guest: the kernel does not serve memory objects (yet?)\n");
	}
	CHECK_EQ(task_terminate(client), KERN_SUCCESS);
	pg_thread_forget(&t1);
	mach_port_deallocate(self, client);
	return guest_finish();
}
