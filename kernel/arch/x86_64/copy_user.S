/*
 * copy_user.S — the instructions that touch user memory from the kernel, each listed in the
 * .copy_fixup table with where to resume if it faults (trap.c looks the faulting rip up
 * there). Range checks are done by the C callers in copy.c.
 */
	.text

/* long copy_user_bytes(void *dst, const void *src, size_t len): 0, or -1 on a fault.
 * Eight bytes at a time, then the rest: messages are multiples of 8 bytes. */
	.globl copy_user_bytes
copy_user_bytes:
	movq	%rdx, %rcx
	shrq	$3, %rcx
1:	rep movsq
	movq	%rdx, %rcx
	andq	$7, %rcx
4:	rep movsb
	xorl	%eax, %eax
	ret

/* long copy_user_string(char *dst, const char *src, size_t max): length, max if no NUL
 * within max bytes, -1 on a fault. */
	.globl copy_user_string
copy_user_string:
	xorl	%eax, %eax
3:	cmpq	%rdx, %rax
	jae	5f
2:	movb	(%rsi,%rax), %cl
	movb	%cl, (%rdi,%rax)
	testb	%cl, %cl
	jz	5f
	incq	%rax
	jmp	3b
5:	ret

copy_fault:
	movq	$-1, %rax
	ret

	.section .copy_fixup, "a"
	.balign 8
	.quad	1b, copy_fault
	.quad	4b, copy_fault
	.quad	2b, copy_fault
