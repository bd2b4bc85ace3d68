/*
 * fpu.c — FPU switching, lazy for threads that never used it (see fpu.h).
 */
#include <arch/x86_64/fpu.h>
#include <arch/x86_64/cpu.h>
#include <kern/thread.h>
#include <kern/console.h>
#include <kern/panic.h>
#include <kern/string.h>
#include <vm/kmem.h>

#define CR4_OSXSAVE (1ul << 18)
#define XCR0_X87 1
#define XCR0_SSE 2
#define XCR0_AVX 4

struct fpu_area;                       /* a page, 64-byte aligned */

/* Invariant (fpu_switch relies on it): while CR0.TS is clear, the running thread is
 * fpu_owner. Every change of owner or of TS below keeps it. */
struct thread *fpu_owner;
bool fpu_ts_on;                        /* CR0.TS as last written (reads of CR0 are slow) */
bool fpu_use_xsave;
uint64_t fpu_xcr0;
static size_t state_size = 512;
static unsigned char initial_state[4096] __attribute__((aligned(64)));

static void xsetbv(uint32_t reg, uint64_t v)
{
	__asm__ volatile("xsetbv" :: "c"(reg), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static void ts_set(void)
{
	if (!fpu_ts_on) {
		write_cr0(read_cr0() | CR0_TS);
		fpu_ts_on = true;
	}
}

static void ts_clear(void)
{
	if (fpu_ts_on) {
		__asm__ volatile("clts");
		fpu_ts_on = false;
	}
}


void fpu_init(void)
{
	uint32_t a, b, c, d;
	write_cr0((read_cr0() & ~CR0_EM) | CR0_MP | CR0_WP);
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	cpuid(1, 0, &a, &b, &c, &d);
	if (c & (1u << 26)) {                   /* XSAVE */
		write_cr4(read_cr4() | CR4_OSXSAVE);
		cpuid(0xd, 0, &a, &b, &c, &d);
		fpu_xcr0 = XCR0_X87 | XCR0_SSE | (a & XCR0_AVX);
		xsetbv(0, fpu_xcr0);
		cpuid(0xd, 0, &a, &b, &c, &d);  /* ebx: size for the enabled features */
		state_size = b;
		fpu_use_xsave = true;
	}
	if (state_size > sizeof(initial_state))
		panic("fpu: %zu bytes of state do not fit a page", state_size);
	/* The state every thread starts with: what fninit and the default MXCSR give. */
	__asm__ volatile("clts; fninit");
	uint32_t mxcsr = 0x1f80;
	__asm__ volatile("ldmxcsr %0" :: "m"(mxcsr));
	memset(initial_state, 0, sizeof(initial_state));
	fpu_save(initial_state);
	write_cr0(read_cr0() | CR0_TS);
	fpu_ts_on = true;
	kprintf("fpu: %s, %zu bytes of state per thread\n", fpu_use_xsave ? "xsave" : "fxsave",
		state_size);
}

void fpu_switch_slow(struct thread *next)
{
	if (fpu_owner == next) {
		ts_clear();
	} else if (next->fpu) {
		ts_clear();
		if (fpu_owner)
			fpu_save(fpu_owner->fpu);
		fpu_restore(next->fpu);
		fpu_owner = next;
	} else {
		ts_set();
	}
}

bool fpu_trap(void)
{
	struct thread *th = current_thread();
	ts_clear();
	if (fpu_owner == th)
		return true;
	if (!th->fpu) {
		void *area = kernel_page_alloc();
		if (!area) {
			ts_set();
			return false;
		}
		memcpy(area, initial_state, state_size);
		th->fpu = area;
	}
	if (fpu_owner && fpu_owner->fpu)
		fpu_save(fpu_owner->fpu);
	fpu_restore(th->fpu);
	fpu_owner = th;
	return true;
}

void fpu_thread_exit(struct thread *th)
{
	if (fpu_owner == th)
		fpu_owner = NULL;
	if (th->fpu) {
		kernel_page_free(th->fpu);
		th->fpu = NULL;
	}
}

size_t fpu_state_size(void)
{
	return state_size;
}

bool fpu_uses_xsave(void)
{
	return fpu_use_xsave;
}

/* Puts th's live registers (if it owns the FPU) into its area; afterwards nobody owns
 * the FPU and the next FPU instruction of the running thread reloads its own state. */
static void flush(struct thread *th)
{
	if (fpu_owner != th)
		return;
	ts_clear();
	fpu_save(th->fpu);
	fpu_owner = NULL;
	ts_set();
}

void fpu_export(struct thread *th, void *dst)
{
	flush(th);
	memcpy(dst, th->fpu ? (void *)th->fpu : (void *)initial_state, state_size);
}

bool fpu_import(struct thread *th, const void *src)
{
	flush(th);
	if (!th->fpu && !(th->fpu = kernel_page_alloc()))
		return false;
	unsigned char *area = (unsigned char *)th->fpu;
	memcpy(area, src, state_size);
	/* fxrstor/xrstor fault on reserved MXCSR bits or a bad XSAVE header; the kernel
	 * restores these images, so it makes them valid first. */
	uint32_t mxcsr, mask;
	memcpy(&mxcsr, area + 24, 4);
	memcpy(&mask, area + 28, 4);
	if (!mask)
		mask = 0xffbf;
	mxcsr &= mask;
	memcpy(area + 24, &mxcsr, 4);
	if (fpu_use_xsave) {
		uint64_t hdr[8];
		memcpy(hdr, area + 512, sizeof(hdr));
		hdr[0] &= fpu_xcr0;                 /* XSTATE_BV */
		for (int i = 1; i < 8; i++)
			hdr[i] = 0;             /* standard format, reserved zero */
		memcpy(area + 512, hdr, sizeof(hdr));
	}
	return true;
}
