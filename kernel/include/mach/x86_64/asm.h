/*
 * mach/x86_64/asm.h - assembler helpers for .S files: symbol naming, function entry
 * and end markers, and argument registers.  ELF only: C symbols get no underscore.
 */
#ifndef _MACH_I386_ASM_H_
#define _MACH_I386_ASM_H_

/* Arguments of the SysV x86_64 calling convention. */
#define S_ARG0	%rdi
#define S_ARG1	%rsi
#define S_ARG2	%rdx
#define S_ARG3	%rcx
#define S_ARG4	%r8
#define S_ARG5	%r9

#define FRAME	pushq %rbp; movq %rsp, %rbp
#define EMARF	leave

/* With register arguments, "after FRAME" is the same place as before it. */
#define B_ARG0	S_ARG0
#define B_ARG1	S_ARG1
#define B_ARG2	S_ARG2
#define B_ARG3	S_ARG3

/* Only a Xen guest has to drop rcx/r11 pushed by the hypervisor. */
#ifdef MACH_XEN
#define INT_FIX \
	popq %rcx; \
	popq %r11
#else
#define INT_FIX
#endif

/* Alignments are log2 values for .p2align. */
#ifdef i486
#define TEXT_ALIGN	4
#else
#define TEXT_ALIGN	2
#endif
#define DATA_ALIGN	2
#define ALIGN		TEXT_ALIGN

#define P2ALIGN(p2)	.p2align p2

#define LCL(x)		x
#define LB(x, n)	n

#define EXT(x)		x
#define LEXT(x)		x ## :
#define SEXT(x)		#x
#define LCLL(x)		x ## :
#define gLB(n)		n ## :
#define LBb(x, n)	n ## b
#define LBf(x, n)	n ## f

#define SVC		.byte 0x9a; .long 0; .word 0x7

#define String		.ascii
#define Value		.word
#define Times(a, b)	(a*b)
#define Divide(a, b)	(a/b)

#define INB		inb %dx, %al
#define OUTB		outb %al, %dx
#define INL		inl %dx, %eax
#define OUTL		outl %eax, %dx

#define data16		.byte 0x66
#define addr16		.byte 0x67

/* Portico does not build with profiling hooks. */
#define MCOUNT

#define ENTRY(x) \
	.globl EXT(x); .type EXT(x), @function; .p2align TEXT_ALIGN; LEXT(x)
#define ENTRY2(x, y) \
	.globl EXT(x); .type EXT(x), @function; \
	.globl EXT(y); .type EXT(y), @function; \
	.p2align TEXT_ALIGN; LEXT(x) LEXT(y)
#define ASENTRY(x) \
	.globl x; .type x, @function; .p2align TEXT_ALIGN; gLB(x)
#define END(x)		.size x, . - x

#define Entry(x) \
	.globl EXT(x); .type EXT(x), @function; .p2align TEXT_ALIGN; LEXT(x)
#define DATA(x)		.globl EXT(x); .p2align DATA_ALIGN; LEXT(x)

#endif /* _MACH_I386_ASM_H_ */
