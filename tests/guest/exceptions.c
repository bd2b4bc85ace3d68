/*
 * exceptions.c — user faults become exception_raise messages (exc.defs, id 2400) to
 * the thread's exception port, else the task's; the handler's reply decides: success
 * resumes the thread (here after the handler moved rip past the faulting instruction
 * with thread_set_state), anything else terminates the task with the usual report.
 */
//! expect_exit=idle
//! expect '^guest: [0-9]+ checks, 0 failed$'
//! expect '^task 1 "exceptions": invalid opcode \(#UD\) at rip 0x40[0-9a-f]+, .*task terminated$'
//! expect '^kernel: no user task left; idle$'
#include "guest.h"
#include "guest_mach.h"
#include <stddef.h>
#include <mach/mach_interface.h>
#include <mach/mach_port.h>
#include <mach/exception.h>
#include <mach/mig_errors.h>
#include <mach/machine/exception.h>
#include <mach/task_special_ports.h>
#include <mach/thread_special_ports.h>
#include <mach/machine/thread_status.h>

static mach_port_t self, task_exc, thread_exc, handlers;
static volatile int seen_exception, seen_code, handled, refuse;
static volatile int64_t seen_subcode;
static volatile mach_port_t seen_on;
static char stack[16384] __attribute__((aligned(16)));

/* How far to move rip after the fault, by exception kind (the tests use known
 * instruction lengths: ud2 2 bytes, mov (%rdi),%rax 3 bytes, int3 already past). */
static uint64_t skip_for(int exception)
{
	return exception == EXC_BAD_INSTRUCTION ? 2 : exception == EXC_BAD_ACCESS ? 3 : 0;
}

static void handler(void)
{
	union {
		struct guest_exc_request req;
		char bytes[256];
	} m;
	for (;;) {
		if (mach_msg_trap(&m.req.h, MACH_RCV_MSG, 0, sizeof(m), handlers, 0, 0) != MACH_MSG_SUCCESS)
			continue;
		seen_on = m.req.h.msgh_local_port;
		seen_exception = m.req.exception;
		seen_code = m.req.code;
		seen_subcode = m.req.subcode;
		kern_return_t rc = KERN_FAILURE;
		if (m.req.h.msgh_id == 2400 && !refuse) {
			struct i386_thread_state st;
			mach_msg_type_number_t n = i386_THREAD_STATE_COUNT;
			thread_get_state(m.req.thread, i386_THREAD_STATE, (thread_state_t)&st, &n);
			st.rip += skip_for(m.req.exception);
			thread_set_state(m.req.thread, i386_THREAD_STATE, (thread_state_t)&st, n);
			rc = KERN_SUCCESS;
		}
		handled++;
		guest_exc_reply(&m.req, rc);
	}
}

static mach_port_t port_with_send_right(void)
{
	mach_port_t p;
	CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p), KERN_SUCCESS);
	CHECK_EQ(mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	CHECK_EQ(mach_port_move_member(self, p, handlers), KERN_SUCCESS);
	return p;
}

int main(void)
{
	self = mach_task_self();
	CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &handlers), KERN_SUCCESS);
	task_exc = port_with_send_right();
	thread_exc = port_with_send_right();
	CHECK_EQ(task_set_special_port(self, TASK_EXCEPTION_PORT, task_exc), KERN_SUCCESS);
	guest_thread_start(handler, stack, sizeof(stack));

	__asm__ volatile("ud2");                       /* skipped by the handler */
	CHECK_EQ(handled, 1);
	CHECK_EQ(seen_on, task_exc);
	CHECK_EQ(seen_exception, EXC_BAD_INSTRUCTION);
	CHECK_EQ(seen_code, EXC_I386_INVOP);

	long value = 5;
	__asm__ volatile("mov (%%rdi), %%rax" : "=a"(value) : "D"(0x18), "a"(value));
	CHECK_EQ(handled, 2);
	CHECK_EQ(seen_exception, EXC_BAD_ACCESS);
	CHECK_EQ(seen_code, KERN_INVALID_ADDRESS);
	CHECK_EQ(seen_subcode, 0x18);
	CHECK_EQ(value, 5);                            /* the load never happened */

	/* The thread's own exception port comes first. */
	CHECK_EQ(thread_set_special_port(mach_thread_self(), THREAD_EXCEPTION_PORT, thread_exc), KERN_SUCCESS);
	__asm__ volatile("int3");
	CHECK_EQ(handled, 3);
	CHECK_EQ(seen_on, thread_exc);
	CHECK_EQ(seen_exception, EXC_BREAKPOINT);
	CHECK_EQ(seen_code, EXC_I386_BPT);

	/* A handler that refuses: the task is terminated, as with no handler at all. */
	guest_finish();
	refuse = 1;
	__asm__ volatile("ud2");
	mach_print("not reached\n");
	return 1;
}
