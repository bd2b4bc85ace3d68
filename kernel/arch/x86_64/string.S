/*
 * string.S — memcpy, memmove and memset for the kernel, with the string instructions:
 * `rep movsq`/`rep stosq` for the 8-byte body and the byte form for the tail. Copies of
 * messages, structures and pages are the kernel's hot loops, and one string instruction
 * does what a C loop needs four or five instructions per word for.
 *
 * The kernel runs with DF clear (FMASK clears it on syscall, interrupts and exceptions
 * enter with it clear, and memmove clears it again before returning). These are also
 * linked into the host unit tests (renamed k_memcpy ... by krename.h), which compare
 * them with the C library, so they use no kernel symbols and no absolute addresses.
 */
	.text

/* void *memcpy(void *dst, const void *src, size_t n) */
	.globl memcpy
	.type memcpy, @function
memcpy:
	movq	%rdi, %rax
	movq	%rdx, %rcx
	shrq	$3, %rcx
	rep movsq
	movl	%edx, %ecx
	andl	$7, %ecx
	rep movsb
	ret
	.size memcpy, . - memcpy

/* void *memmove(void *dst, const void *src, size_t n): forwards unless dst lies inside
 * [src, src + n), where a forward copy would overwrite bytes not yet read. */
	.globl memmove
	.type memmove, @function
memmove:
	movq	%rdi, %rax
	subq	%rsi, %rax
	cmpq	%rdx, %rax
	jae	memcpy			/* dst - src >= n, unsigned: no harmful overlap */
	movq	%rdi, %rax
	leaq	-8(%rsi,%rdx), %rsi	/* the last whole word, from the end */
	leaq	-8(%rdi,%rdx), %rdi
	movq	%rdx, %rcx
	shrq	$3, %rcx
	std
	rep movsq
	addq	$7, %rsi		/* the n % 8 bytes left at the start, last first */
	addq	$7, %rdi
	movl	%edx, %ecx
	andl	$7, %ecx
	rep movsb
	cld
	ret
	.size memmove, . - memmove

/* void *memset(void *dst, int c, size_t n) */
	.globl memset
	.type memset, @function
memset:
	movq	%rdi, %r9
	movzbl	%sil, %eax
	movabsq	$0x0101010101010101, %r8
	imulq	%r8, %rax
	movq	%rdx, %rcx
	shrq	$3, %rcx
	rep stosq
	movl	%edx, %ecx
	andl	$7, %ecx
	rep stosb
	movq	%r9, %rax
	ret
	.size memset, . - memset

	.section .note.GNU-stack, "", @progbits
