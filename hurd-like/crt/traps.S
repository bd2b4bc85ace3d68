/*
 * traps.S — user-side stubs for the kernel traps, in GNU Mach's x86_64 convention:
 * number in eax, the 4th argument moved from rcx to r10 (syscall clobbers rcx and r11).
 */
#define TRAP(name, number)		\
	.globl name;			\
	.type name, @function;		\
name:					\
	movq	$number, %rax;		\
	movq	%rcx, %r10;		\
	syscall;			\
	ret;				\
	.size name, . - name

	.text
TRAP(mach_print, -30)
TRAP(portico_task_exit_trap, -100)
