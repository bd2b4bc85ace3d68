/*
 * idt.c — the interrupt descriptor table: 256 interrupt gates to the stubs of
 * trap_entry.S. Gates are interrupt gates (IF cleared on entry): the kernel is not
 * preemptible yet. int3 is the one vector user code may raise directly (DPL 3).
 */
#include <arch/x86_64/trap.h>
#include <stdint.h>

struct idt_gate {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t reserved;
} __attribute__((packed));

extern const uint64_t trap_stubs[256];
static struct idt_gate idt[256] __attribute__((aligned(16)));

static void set_gate(int vec, uint64_t handler, int ist, int dpl)
{
	idt[vec] = (struct idt_gate){
		.offset_lo = handler & 0xffff,
		.selector = SEL_KCODE,
		.ist = (uint8_t)ist,
		.type_attr = (uint8_t)(0x8e | (dpl << 5)),   /* present, 64-bit interrupt gate */
		.offset_mid = (handler >> 16) & 0xffff,
		.offset_hi = (uint32_t)(handler >> 32),
	};
}

void idt_init(void)
{
	for (int v = 0; v < 256; v++)
		set_gate(v, trap_stubs[v], 0, 0);
	set_gate(VEC_DF, trap_stubs[VEC_DF], 1, 0);
	set_gate(VEC_NMI, trap_stubs[VEC_NMI], 2, 0);
	set_gate(VEC_BP, trap_stubs[VEC_BP], 0, 3);

	struct __attribute__((packed)) { uint16_t limit; uint64_t base; } p = {
		sizeof(idt) - 1, (uint64_t)idt
	};
	__asm__ volatile("lidt %0" :: "m"(p));
}
