/*
 * guest_mach.h — helpers for guest tests that run more threads and answer exceptions,
 * through the mach.defs stubs (ours, or GNU MIG's in the foreign builds).
 */
#ifndef GUEST_MACH_H
#define GUEST_MACH_H

#include <stddef.h>
#include <stdint.h>
#include <mach/mach_types.h>
#include <mach/message.h>

/* A new thread of this task that will run fn on the given stack, left suspended (so a
 * caller can set more state, TLS say, before thread_resume); every step is a check. */
mach_port_t guest_thread_create(void (*fn)(void), char *stack, size_t size);
/* The same, resumed. */
mach_port_t guest_thread_start(void (*fn)(void), char *stack, size_t size);

/* A server thread's loop on `port`: receives a request into buf (`size` bytes; options
 * MACH_RCV_MSG | extra, with a 1000 ms time-out if extra asks for one), has answer()
 * turn it into its reply in place, and sends that with the next receive in one trap. A
 * failed receive counts in *errors and is tried again. Never returns. */
__attribute__((noreturn)) void guest_serve(mach_port_t port, mach_msg_option_t extra,
					   mach_msg_header_t *buf, mach_msg_size_t size,
					   void (*answer)(mach_msg_header_t *), volatile int *errors);

/* The send right named by argv[1] (a boot script's ${host-port}, in decimal), checked
 * to be there; MACH_PORT_NULL if it is not. */
mach_port_t guest_port_arg(int argc, char **argv);

/* An exception_raise request (exc.defs, msgh_id 2400) as a handler receives it. */
struct guest_exc_request {
	mach_msg_header_t h;
	mach_msg_type_t thread_t; mach_port_t thread; uint32_t pad1;
	mach_msg_type_t task_t; mach_port_t task; uint32_t pad2;
	mach_msg_type_t exc_t; int32_t exception; uint32_t pad3;
	mach_msg_type_t code_t; int32_t code; uint32_t pad4;
	mach_msg_type_t subcode_t; int64_t subcode;
};

/* Answers the request with rc (KERN_SUCCESS resumes the thread), through its send-once
 * reply right. */
void guest_exc_reply(const struct guest_exc_request *req, kern_return_t rc);

#endif
