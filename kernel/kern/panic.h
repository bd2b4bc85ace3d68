/*
 * panic.h — stopping the kernel on a broken invariant.
 *
 * panic() prints the message, a backtrace, and halts (under the test harness QEMU exits
 * with EXIT_PANIC, which fails the test). assert() is always compiled in: the checks are
 * cheap and a kernel that goes on with a broken invariant is worse than one that stops.
 */
#ifndef KERN_PANIC_H
#define KERN_PANIC_H

__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);

#define assert(cond)                                                              \
	do {                                                                      \
		if (__builtin_expect(!(cond), 0))                                 \
			panic("assertion failed: %s (%s:%d, %s)", #cond, __FILE__, \
			      __LINE__, __func__);                                \
	} while (0)

#endif
