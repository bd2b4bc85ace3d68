/*
 * exception.h — turning a user thread's fault into an exception_raise message to its
 * exception port, then its task's (exc.defs), and acting on the handler's reply.
 */
#ifndef KERN_EXCEPTION_H
#define KERN_EXCEPTION_H

#include <stdbool.h>
#include <stdint.h>

/* Offers the exception to the handlers of the current thread. true: a handler answered
 * KERN_SUCCESS and the thread goes on (with whatever state the handler set); false: no
 * handler took it (none, dead, or refusing) and the caller ends the task. */
bool exception_deliver(int exception, int code, int64_t subcode);

#endif
