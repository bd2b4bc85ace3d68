/*
 * portico_traps.h — the kernel traps available to programs before the Mach headers and
 * generated stubs arrive in user space.
 */
#ifndef PORTICO_TRAPS_H
#define PORTICO_TRAPS_H

/* Prints a NUL-terminated string on the kernel console. Returns 0 (KERN_SUCCESS), or 1
 * (KERN_INVALID_ADDRESS) having printed nothing if any byte of it is not readable. */
int mach_print(const char *s);

/* Portico's own trap: ends the calling task with a status (see docs/abi.md). */
int portico_task_exit_trap(int status);

__attribute__((noreturn)) static inline void portico_task_exit(int status)
{
	portico_task_exit_trap(status);
	for (;;)
		;               /* not reached: the kernel does not return from it */
}

#endif
