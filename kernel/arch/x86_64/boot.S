/*
 * boot.S — the multiboot (v1) header and the way from GRUB's 32-bit protected mode to
 * 64-bit long mode in the higher half.
 *
 * Entry: _start, from GRUB, with eax = multiboot magic, ebx = physical address of the
 * multiboot information, paging off, interrupts off, no stack. We keep magic and info in
 * edi/esi so they arrive as kmain's two arguments.
 *
 * The early page tables below map the first 1 GiB three times with 2 MiB pages:
 * identity (so this code keeps running when paging starts), at PHYS_MAP_BASE (the direct
 * map) and at KERNEL_VBASE (the image). pmap_bootstrap() replaces them.
 */
#define MB_MAGIC        0x1badb002
#define MB_FLAGS        0x00000003      /* page-align modules; give memory info */
#define KERNEL_VBASE    0xffffffff80000000
#define PTE_P           0x1
#define PTE_W           0x2
#define PTE_PS          0x80

	.section .multiboot, "a"
	.balign 4
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)

	.section .boot.text, "ax"
	.code32
	.globl _start
_start:
	cli
	cld
	movl	%eax, %edi
	movl	%ebx, %esi
	movl	$boot_stack32_top, %esp

	/* CPUID present? (the ID flag in EFLAGS can be toggled) */
	pushfl
	popl	%eax
	movl	%eax, %ecx
	xorl	$0x200000, %eax
	pushl	%eax
	popfl
	pushfl
	popl	%eax
	cmpl	%eax, %ecx
	je	no_long_mode
	/* Long mode and NX (extended leaf 0x80000001, edx bits 29 and 20). */
	movl	$0x80000000, %eax
	cpuid
	cmpl	$0x80000001, %eax
	jb	no_long_mode
	movl	$0x80000001, %eax
	cpuid
	testl	$(1 << 29), %edx
	jz	no_long_mode
	testl	$(1 << 20), %edx
	jz	no_long_mode

	movl	%cr4, %eax
	orl	$0x20, %eax		/* PAE */
	movl	%eax, %cr4
	movl	$boot_pml4, %eax
	movl	%eax, %cr3
	movl	$0xc0000080, %ecx	/* EFER: long mode, no-execute */
	rdmsr
	orl	$((1 << 8) | (1 << 11)), %eax
	wrmsr
	movl	%cr0, %eax
	orl	$0x80010001, %eax	/* PG, WP, PE */
	movl	%eax, %cr0

	lgdt	boot_gdt_desc
	ljmp	$0x08, $long_mode_entry

	/* No long mode: say so on the VGA screen and on COM1, then stop for good. */
no_long_mode:
	movl	$no_lm_msg, %esi
	movl	$0xb8000, %edi
1:	movb	(%esi), %al
	testb	%al, %al
	jz	3f
	movb	%al, (%edi)
	movb	$0x4f, 1(%edi)
	addl	$2, %edi
	movw	$0x3fd, %dx
2:	inb	%dx, %al
	testb	$0x20, %al
	jz	2b
	movb	(%esi), %al
	movw	$0x3f8, %dx
	outb	%al, %dx
	incl	%esi
	jmp	1b
3:	cli
	hlt
	jmp	3b

	.code64
long_mode_entry:
	movw	$0x10, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	xorw	%ax, %ax
	movw	%ax, %fs
	movw	%ax, %gs
	movabsq	$boot_stack_top, %rsp
	movabsq	$kernel_start64, %rax
	jmp	*%rax

	.section .boot.data, "aw"
no_lm_msg:
	.asciz	"Portico needs a 64-bit (x86_64) CPU with NX; this one has none. Halted."

	.balign 8
boot_gdt:
	.quad	0
	.quad	0x00af9a000000ffff	/* 0x08: 64-bit code, ring 0 */
	.quad	0x00cf92000000ffff	/* 0x10: data, ring 0 */
boot_gdt_end:
boot_gdt_desc:
	.word	boot_gdt_end - boot_gdt - 1
	.long	boot_gdt

	.balign 16
boot_stack32:
	.skip	256
boot_stack32_top:

	.balign 4096
	.globl boot_pml4
boot_pml4:
	.quad	boot_pdpt_low + PTE_P + PTE_W		/* identity */
	.fill	255, 8, 0
	.quad	boot_pdpt_low + PTE_P + PTE_W		/* 256: PHYS_MAP_BASE */
	.fill	254, 8, 0
	.quad	boot_pdpt_high + PTE_P + PTE_W		/* 511: KERNEL_VBASE */
boot_pdpt_low:
	.quad	boot_pd + PTE_P + PTE_W
	.fill	511, 8, 0
boot_pdpt_high:
	.fill	510, 8, 0
	.quad	boot_pd + PTE_P + PTE_W			/* 510: -2 GiB */
	.quad	0
boot_pd:
	.set	i, 0
	.rept	512
	.quad	(i << 21) + PTE_P + PTE_W + PTE_PS
	.set	i, i + 1
	.endr

	.text
	.code64
kernel_start64:
	xorl	%ebp, %ebp		/* the end of every backtrace */
	call	kmain			/* kmain(magic, info_phys): does not return */
1:	cli
	hlt
	jmp	1b

	.bss
	.balign 4096
	.globl boot_stack, boot_stack_top
boot_stack:
	.skip	16384
boot_stack_top:
