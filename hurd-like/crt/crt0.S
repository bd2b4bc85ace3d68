/*
 * crt0.S — where a Portico program starts. The kernel enters here with rsp pointing at
 * argc, then the argv pointers, NULL, the envp pointers, NULL (see docs/boot.md).
 */
	.text
	.globl _start
_start:
	xorl	%ebp, %ebp		/* outermost frame for debuggers and backtraces */
	movq	%rsp, %rdi
	andq	$-16, %rsp
	call	__portico_start		/* does not return */
	ud2
