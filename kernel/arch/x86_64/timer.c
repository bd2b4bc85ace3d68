/*
 * timer.c — the periodic clock: the local APIC timer at HZ, calibrated against the PIT.
 *
 * The 8259 PICs are remapped out of the exception vectors and masked (the APIC takes
 * over). Calibration runs PIT channel 2 for 10 ms in one-shot mode, polled through port
 * 0x61, while the APIC timer counts down from its maximum.
 */
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/pmap.h>
#include <arch/x86_64/trap.h>
#include <kern/machine.h>
#include <kern/console.h>
#include <kern/panic.h>

#define LAPIC_EOI      0x0b0
#define LAPIC_SVR      0x0f0
#define LAPIC_LVT_TMR  0x320
#define LAPIC_TMR_INIT 0x380
#define LAPIC_TMR_CUR  0x390
#define LAPIC_TMR_DIV  0x3e0
#define LVT_MASKED     (1u << 16)
#define LVT_PERIODIC   (1u << 17)

#define PIT_HZ 1193182u

static volatile uint32_t *lapic;
static volatile uint64_t ticks;
static uint64_t tsc_per_10ms;           /* the TSC's rate, measured with the APIC's */

static uint32_t lapic_read(uint32_t reg) { return lapic[reg / 4]; }
static void lapic_write(uint32_t reg, uint32_t v) { lapic[reg / 4] = v; }

static void pic_disable(void)
{
	outb(0x20, 0x11); outb(0xa0, 0x11);     /* init, expect ICW4 */
	outb(0x21, 0x20); outb(0xa1, 0x28);     /* vectors 0x20.., 0x28.. */
	outb(0x21, 0x04); outb(0xa1, 0x02);     /* cascade on IRQ2 */
	outb(0x21, 0x01); outb(0xa1, 0x01);     /* 8086 mode */
	outb(0x21, 0xff); outb(0xa1, 0xff);     /* mask everything */
}

/* APIC timer counts (divide by 16) in 10 ms. */
static uint32_t calibrate(void)
{
	const uint32_t pit_count = PIT_HZ / 100;
	uint8_t gate = inb(0x61);
	outb(0x61, (gate & ~0x02) | 0x01);      /* speaker off, gate on */
	outb(0x43, 0xb0);                       /* channel 2, lo/hi byte, mode 0 */
	outb(0x42, pit_count & 0xff);
	outb(0x42, pit_count >> 8);
	gate = inb(0x61) & ~0x01;
	outb(0x61, gate);                       /* restart the count */
	outb(0x61, gate | 0x01);

	lapic_write(LAPIC_TMR_DIV, 0x3);        /* divide by 16 */
	lapic_write(LAPIC_TMR_INIT, 0xffffffff);
	uint64_t tsc0 = rdtsc();
	for (uint32_t spins = 0; !(inb(0x61) & 0x20); spins++)
		if (spins > 100000000)
			panic("timer: the PIT never finished counting; cannot calibrate");
	tsc_per_10ms = rdtsc() - tsc0;
	uint32_t elapsed = 0xffffffff - lapic_read(LAPIC_TMR_CUR);
	lapic_write(LAPIC_TMR_INIT, 0);
	return elapsed;
}

void timer_init(void)
{
	pic_disable();
	uint64_t base = rdmsr(MSR_APIC_BASE);
	wrmsr(MSR_APIC_BASE, base | (1u << 11));  /* globally enabled */
	lapic = pmap_map_io(base & 0xfffff000, 4096);
	lapic_write(LAPIC_SVR, 0x100 | VEC_SPURIOUS);

	uint32_t per_10ms = calibrate();
	if (per_10ms == 0)
		panic("timer: the APIC timer did not count during calibration");
	uint32_t per_tick = per_10ms * (100 / HZ);
	lapic_write(LAPIC_LVT_TMR, LVT_PERIODIC | VEC_TIMER);
	lapic_write(LAPIC_TMR_DIV, 0x3);
	lapic_write(LAPIC_TMR_INIT, per_tick);
	/* The benchmarks turn TSC cycles into nanoseconds with this line. */
	kprintf("timer: local APIC timer at %d Hz (%u counts per tick), TSC at %lu kHz\n", HZ,
		per_tick, (unsigned long)(tsc_per_10ms / 10));
}

void timer_interrupt(void)
{
	ticks++;
	lapic_write(LAPIC_EOI, 0);
}

uint64_t machine_ticks(void)
{
	return ticks;
}
