/*
 * traps.S — user-side stubs for the kernel traps. The Mach traps come from
 * <mach/syscall_sw.h> (GNU Mach's numbers and convention: number in eax, the 4th
 * argument moved from rcx to r10); Portico's own task-exit trap is added here.
 */
#include <mach/syscall_sw.h>

	.text
kernel_trap(portico_task_exit_trap, -100, 1)
