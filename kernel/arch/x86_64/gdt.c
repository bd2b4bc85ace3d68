/*
 * gdt.c — the global descriptor table and the task-state segment.
 *
 * The order of descriptors is fixed by syscall/sysret: STAR gives the kernel code
 * selector (data follows it) and a user base from which sysret takes data at +8 and
 * 64-bit code at +16. The TSS holds the stack the CPU switches to on an interrupt from
 * user mode (rsp0) and the separate stacks for double faults and NMIs (IST1, IST2), so
 * that a fault on a broken kernel stack is still reported instead of triple-faulting.
 */
#include <arch/x86_64/trap.h>
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

/* The TSS and, right after it, the I/O permission bitmap of the task whose thread runs
 * (a set bit denies the port). Tasks without I/O permissions get iomap_base past the
 * segment's limit: every port denied, and nothing to copy on a switch. */
#define IO_BITMAP_BYTES 8192
static struct {
	struct tss tss;
	uint8_t bitmap[IO_BITMAP_BYTES];
	uint8_t end;                  /* the CPU may read one byte past the bitmap */
} __attribute__((packed)) tss_block;
static const uint8_t *io_owner;       /* the bitmap now in the TSS, or NULL */
static uint8_t df_stack[8192] __attribute__((aligned(16)));
static uint8_t nmi_stack[8192] __attribute__((aligned(16)));

static uint64_t gdt[8] __attribute__((aligned(16))) = {
	0,
	0x00af9a000000ffff,     /* 0x08 kernel code, 64-bit */
	0x00cf92000000ffff,     /* 0x10 kernel data */
	0,                      /* 0x18 (32-bit user code: unused) */
	0x00cff2000000ffff,     /* 0x20 user data, DPL 3 */
	0x00affa000000ffff,     /* 0x28 user code, 64-bit, DPL 3 */
	0, 0,                   /* 0x30 TSS (16 bytes) */
};

struct __attribute__((packed)) desc_ptr {
	uint16_t limit;
	uint64_t base;
};

tss_u64_unaligned *const tss_rsp0 =
	(tss_u64_unaligned *)((char *)&tss_block + offsetof(struct tss, rsp));

bool tss_io_open;

void tss_set_io_bitmap(const uint8_t *bitmap, bool changed)
{
	if (!bitmap) {
		tss_block.tss.iomap_base = sizeof(tss_block);       /* past the limit: all denied */
		tss_io_open = false;
		return;
	}
	tss_io_open = true;
	if (bitmap != io_owner || changed) {
		for (int i = 0; i < IO_BITMAP_BYTES; i++)
			tss_block.bitmap[i] = bitmap[i];
		io_owner = bitmap;
	}
	tss_block.tss.iomap_base = sizeof(struct tss);
}

void tss_forget_io_bitmap(const uint8_t *bitmap)
{
	if (io_owner == bitmap)
		io_owner = NULL;
}

static void set_tss_descriptor(void)
{
	uint64_t base = (uint64_t)&tss_block, limit = sizeof(tss_block) - 1;
	gdt[6] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ull << 40) |
		 (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	gdt[7] = base >> 32;
}

void gdt_init(void)
{
	tss_block.tss.ist[0] = (uint64_t)(df_stack + sizeof(df_stack));
	tss_block.tss.ist[1] = (uint64_t)(nmi_stack + sizeof(nmi_stack));
	tss_block.tss.iomap_base = sizeof(tss_block);    /* no I/O bitmap: user port I/O faults */
	tss_block.end = 0xff;
	set_tss_descriptor();

	struct desc_ptr p = { sizeof(gdt) - 1, (uint64_t)gdt };
	__asm__ volatile(
		"lgdt %0\n\t"
		"movw %w1, %%ds\n\t"
		"movw %w1, %%es\n\t"
		"movw %w1, %%ss\n\t"
		"pushq %2\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"ltr %w3"
		:: "m"(p), "r"(SEL_KDATA), "i"(SEL_KCODE), "r"(SEL_TSS) : "rax", "memory");
}
