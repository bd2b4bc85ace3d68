/*
 * bootstrap_ports.c — the bootstrap task's rights: ${host-port} and ${device-port}
 * expand to the names of send rights inserted into the task (the lowest free names, 1
 * and 2, when they come first), ${kernel-command-line} and NAME=VALUE kernel options to
 * text. The rights are real: a message to each is accepted by the kernel.
 */
//! kernel_options='root=device:hd0s1'
//! modules() { printf '%s|%s\n' "$test_path" '/boot/bootstrap_ports ${host-port} ${device-port} ${root} $(task-create) $(task-resume)'; }
//! expect '^guest: [0-9]+ checks, 0 failed'
#include "guest.h"

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* A message to the kernel object with a reply port: the kernel answers. */
static void check_kernel_answers(mach_port_t port)
{
	mach_port_t reply = mach_reply_port();
	union {
		mach_msg_header_t h;
		char bytes[128];
	} m = { .h = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE),
		       .msgh_size = sizeof(mach_msg_header_t), .msgh_remote_port = port,
		       .msgh_local_port = reply, .msgh_id = 999999 } };
	CHECK_EQ(mach_msg_trap(&m.h, MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_TIMEOUT, sizeof(m.h),
			       sizeof(m), reply, 1000, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(m.h.msgh_id, 999999 + 100);
}

int main(int argc, char **argv)
{
	CHECK_EQ(argc, 4);
	CHECK(streq(argv[1], "1"));
	CHECK(streq(argv[2], "2"));
	CHECK(streq(argv[3], "device:hd0s1"));
	check_kernel_answers(1);
	check_kernel_answers(2);
	return guest_finish();
}
