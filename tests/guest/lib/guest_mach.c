/*
 * guest_mach.c — see guest_mach.h.
 */
#include "guest.h"
#include "guest_mach.h"
#include <mach/mach_interface.h>
#include <mach/mig_errors.h>
#include <mach/machine/thread_status.h>

mach_port_t guest_thread_create(void (*fn)(void), char *stack, size_t size)
{
	mach_port_t th = MACH_PORT_NULL;
	struct i386_thread_state st = { 0 };
	mach_msg_type_number_t n = i386_THREAD_STATE_COUNT;
	CHECK_EQ(thread_create(mach_task_self(), &th), KERN_SUCCESS);
	CHECK_EQ(thread_get_state(th, i386_THREAD_STATE, (thread_state_t)&st, &n), KERN_SUCCESS);
	st.rip = (uint64_t)fn;
	st.ursp = (uint64_t)(stack + size - 8);      /* as if just called */
	CHECK_EQ(thread_set_state(th, i386_THREAD_STATE, (thread_state_t)&st, i386_THREAD_STATE_COUNT),
		 KERN_SUCCESS);
	return th;
}

mach_port_t guest_port_arg(int argc, char **argv)
{
	CHECK_EQ(argc, 2);
	if (argc < 2)
		return MACH_PORT_NULL;
	unsigned long v = 0;
	for (const char *s = argv[1]; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (unsigned long)(*s - '0');
	return (mach_port_t)v;
}

mach_port_t guest_thread_start(void (*fn)(void), char *stack, size_t size)
{
	mach_port_t th = guest_thread_create(fn, stack, size);
	CHECK_EQ(thread_resume(th), KERN_SUCCESS);
	return th;
}

void guest_serve(mach_port_t port, mach_msg_option_t extra, mach_msg_header_t *buf,
		 mach_msg_size_t size, void (*answer)(mach_msg_header_t *), volatile int *errors)
{
	mach_msg_return_t mr = mach_msg_trap(buf, MACH_RCV_MSG | extra, 0, size, port, 1000, 0);
	for (;;) {
		if (mr != MACH_MSG_SUCCESS) {
			(*errors)++;
			mr = mach_msg_trap(buf, MACH_RCV_MSG | extra, 0, size, port, 1000, 0);
			continue;
		}
		answer(buf);
		mr = mach_msg_trap(buf, MACH_SEND_MSG | MACH_RCV_MSG | extra, buf->msgh_size, size, port,
				   1000, 0);
	}
}

void guest_exc_reply(const struct guest_exc_request *req, kern_return_t rc)
{
	mig_reply_header_t reply = {
		.Head = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0),
			  .msgh_size = sizeof(mig_reply_header_t),
			  .msgh_remote_port = req->h.msgh_remote_port,
			  .msgh_id = req->h.msgh_id + 100 },
		.RetCodeType = { .msgt_name = MACH_MSG_TYPE_INTEGER_32, .msgt_size = 32,
				 .msgt_number = 1, .msgt_inline = 1 },
		.RetCode = rc,
	};
	mach_msg_trap(&reply.Head, MACH_SEND_MSG, sizeof(reply), 0, MACH_PORT_NULL, 0, 0);
}
