/*
 * rpc_task_thread.c — the task and thread routines of mach.defs through the stubs our
 * mig generates: task_info, special ports, a second thread made with thread_create and
 * thread_set_state and run with thread_resume, suspension counts, thread_get_state and
 * thread_info, thread_abort interrupting a blocked receive (MACH_RCV_INTERRUPTED),
 * task_create / suspend / resume / terminate on another task, bad arguments.
 */
//! expect '^guest: [0-9]+ checks, 0 failed'
#include "guest.h"
#include "guest_mach.h"
#include <stddef.h>
#include <mach/mach_interface.h>
#include <mach/mach_port.h>
#include <mach/task_info.h>
#include <mach/thread_info.h>
#include <mach/task_special_ports.h>
#include <mach/thread_special_ports.h>
#include <mach/machine/thread_status.h>

static mach_port_t self;
static volatile int child_ran;
static volatile mach_msg_return_t receive_result;
static mach_port_t blocked_on;
static char stack1[16384] __attribute__((aligned(16)));
static char stack2[16384] __attribute__((aligned(16)));

static void child_spin(void)
{
	child_ran = 1;
	for (;;)
		swtch();
}

static void child_receive(void)
{
	mach_msg_header_t h;
	/* The raw trap: libmach's mach_msg would retry the interrupted receive. */
	receive_result = mach_msg_trap(&h, MACH_RCV_MSG, 0, sizeof(h), blocked_on, 0, 0);
	for (;;)
		swtch();
}

static void wait_until(volatile int *flag)
{
	for (int i = 0; i < 1000 && !*flag; i++)
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 1);
}

static void check_task_info(void)
{
	task_basic_info_data_t info;
	mach_msg_type_number_t n = TASK_BASIC_INFO_COUNT;
	CHECK_EQ(task_info(self, TASK_BASIC_INFO, (task_info_t)&info, &n), KERN_SUCCESS);
	CHECK_EQ(n, TASK_BASIC_INFO_COUNT);
	CHECK_EQ(info.suspend_count, 0);
	CHECK_EQ(info.base_priority, 25);
	CHECK(info.resident_size > 4096);
	CHECK(info.creation_time.seconds > 1600000000);     /* the RTC's real time */
	n = 2;
	CHECK_EQ(task_info(self, TASK_BASIC_INFO, (task_info_t)&info, &n), KERN_INVALID_ARGUMENT);
	n = TASK_BASIC_INFO_COUNT;
	CHECK_EQ(task_info(self, 99, (task_info_t)&info, &n), KERN_INVALID_ARGUMENT);
}

static void check_special_ports(void)
{
	mach_port_t p = MACH_PORT_NULL, boot = MACH_PORT_NULL;
	CHECK_EQ(task_get_special_port(self, TASK_KERNEL_PORT, &p), KERN_SUCCESS);
	CHECK_EQ(p, self);
	CHECK_EQ(task_get_special_port(self, TASK_EXCEPTION_PORT, &p), KERN_SUCCESS);
	CHECK_EQ(p, MACH_PORT_NULL);
	CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &boot), KERN_SUCCESS);
	CHECK_EQ(mach_port_insert_right(self, boot, boot, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	CHECK_EQ(task_set_special_port(self, TASK_BOOTSTRAP_PORT, boot), KERN_SUCCESS);
	CHECK_EQ(task_get_special_port(self, TASK_BOOTSTRAP_PORT, &p), KERN_SUCCESS);
	CHECK_EQ(p, boot);
	CHECK_EQ(task_set_special_port(self, TASK_KERNEL_PORT, boot), KERN_INVALID_ARGUMENT);
	CHECK_EQ(task_get_special_port(self, 77, &p), KERN_INVALID_ARGUMENT);
	mach_port_t me = mach_thread_self();
	CHECK_EQ(thread_get_special_port(me, THREAD_KERNEL_PORT, &p), KERN_SUCCESS);
	CHECK_EQ(p, me);
}

static void check_threads(void)
{
	mach_port_t th = guest_thread_create(child_spin, stack1, sizeof(stack1));
	struct thread_basic_info info;
	mach_msg_type_number_t n = THREAD_BASIC_INFO_COUNT;
	CHECK_EQ(thread_info(th, THREAD_BASIC_INFO, (thread_info_t)&info, &n), KERN_SUCCESS);
	CHECK_EQ(info.suspend_count, 1);            /* thread_create leaves it suspended */
	CHECK_EQ(info.run_state, TH_STATE_STOPPED);
	CHECK_EQ(child_ran, 0);
	CHECK_EQ(thread_resume(th), KERN_SUCCESS);
	wait_until(&child_ran);
	CHECK_EQ(child_ran, 1);
	CHECK_EQ(thread_resume(th), KERN_FAILURE);  /* not suspended any more */
	CHECK_EQ(thread_suspend(th), KERN_SUCCESS);
	CHECK_EQ(thread_suspend(th), KERN_SUCCESS);
	n = THREAD_BASIC_INFO_COUNT;
	CHECK_EQ(thread_info(th, THREAD_BASIC_INFO, (thread_info_t)&info, &n), KERN_SUCCESS);
	CHECK_EQ(info.suspend_count, 2);
	struct i386_thread_state st;
	n = i386_THREAD_STATE_COUNT;
	CHECK_EQ(thread_get_state(th, i386_THREAD_STATE, (thread_state_t)&st, &n), KERN_SUCCESS);
	CHECK(st.ursp > (uint64_t)stack1 && st.ursp < (uint64_t)stack1 + sizeof(stack1));
	CHECK_EQ(st.cs & 3, 3);
	/* States the CPU could not return to are refused. */
	st.rip = 0xffffffff80100000ul;
	CHECK_EQ(thread_set_state(th, i386_THREAD_STATE, (thread_state_t)&st, i386_THREAD_STATE_COUNT),
		 KERN_INVALID_ARGUMENT);
	CHECK_EQ(thread_set_state(th, 42, (thread_state_t)&st, i386_THREAD_STATE_COUNT), KERN_INVALID_ARGUMENT);
	n = 3;
	CHECK_EQ(thread_get_state(th, i386_THREAD_STATE, (thread_state_t)&st, &n), KERN_INVALID_ARGUMENT);
	CHECK_EQ(thread_terminate(th), KERN_SUCCESS);
	n = THREAD_BASIC_INFO_COUNT;
	CHECK_EQ(thread_info(th, THREAD_BASIC_INFO, (thread_info_t)&info, &n), KERN_INVALID_ARGUMENT);
}

static void check_abort(void)
{
	CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, (mach_port_t *)&blocked_on), KERN_SUCCESS);
	receive_result = 0;
	mach_port_t th = guest_thread_create(child_receive, stack2, sizeof(stack2));
	CHECK_EQ(thread_resume(th), KERN_SUCCESS);
	/* Let it block in its receive. */
	for (int i = 0; i < 5; i++)
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 1);
	CHECK_EQ(receive_result, 0);
	CHECK_EQ(thread_abort(th), KERN_SUCCESS);
	for (int i = 0; i < 100 && !receive_result; i++)
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 1);
	CHECK_EQ(receive_result, MACH_RCV_INTERRUPTED);
	CHECK_EQ(thread_terminate(th), KERN_SUCCESS);
}

static void check_other_task(void)
{
	mach_port_t child = MACH_PORT_NULL;
	CHECK_EQ(task_create(self, FALSE, &child), KERN_SUCCESS);
	CHECK(MACH_PORT_VALID(child) && child != self);
	task_basic_info_data_t info;
	mach_msg_type_number_t n = TASK_BASIC_INFO_COUNT;
	CHECK_EQ(task_suspend(child), KERN_SUCCESS);
	CHECK_EQ(task_info(child, TASK_BASIC_INFO, (task_info_t)&info, &n), KERN_SUCCESS);
	CHECK_EQ(info.suspend_count, 1);
	CHECK_EQ(task_resume(child), KERN_SUCCESS);
	CHECK_EQ(task_resume(child), KERN_FAILURE);
	/* A port in the other task's space, through its task port. */
	mach_port_t name;
	CHECK_EQ(mach_port_allocate(child, MACH_PORT_RIGHT_RECEIVE, &name), KERN_SUCCESS);
	CHECK_EQ(name, 1);                           /* its space's first name */
	CHECK_EQ(task_terminate(child), KERN_SUCCESS);
	/* The task port is dead now: the right became a dead name. */
	n = TASK_BASIC_INFO_COUNT;
	CHECK_EQ(task_info(child, TASK_BASIC_INFO, (task_info_t)&info, &n), MACH_SEND_INVALID_DEST);
	mach_port_type_t type;
	CHECK_EQ(mach_port_type(self, child, &type), KERN_SUCCESS);
	CHECK_EQ(type, MACH_PORT_TYPE_DEAD_NAME);
	CHECK_EQ(mach_port_deallocate(self, child), KERN_SUCCESS);
	/* Inheriting memory (vm_cow.c checks what the child sees). */
	CHECK_EQ(task_create(self, TRUE, &child), KERN_SUCCESS);
	n = TASK_BASIC_INFO_COUNT;
	CHECK_EQ(task_info(child, TASK_BASIC_INFO, (task_info_t)&info, &n), KERN_SUCCESS);
	CHECK(info.virtual_size > 0);
	CHECK_EQ(task_terminate(child), KERN_SUCCESS);
	CHECK_EQ(mach_port_deallocate(self, child), KERN_SUCCESS);
}

int main(void)
{
	self = mach_task_self();
	check_task_info();
	check_special_ports();
	check_threads();
	check_abort();
	check_other_task();
	return guest_finish();
}
