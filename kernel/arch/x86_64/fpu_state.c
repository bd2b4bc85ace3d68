/*
 * fpu_state.c — the FPU flavors of thread_get_state / thread_set_state:
 * i386_XFLOAT_STATE (the FXSAVE or XSAVE image itself) and i386_FLOAT_STATE (the legacy
 * FSAVE layout: 28-byte environment then eight 10-byte registers in stack order),
 * converted from and to the FXSAVE legacy area. Compiled into the kernel-server library.
 */
#include <kern/mig_convert.h>
#include <kern/thread.h>
#include <kern/string.h>
#include <arch/x86_64/fpu.h>
#include <mach/machine/thread_status.h>
#include <mach/machine/fp_reg.h>

/* The FP kinds of the float flavors (the kernel-side part of <mach/machine/fp_reg.h>). */
#ifndef FP_387
#define FP_387   3
#define FP_387FX 4
#define FP_387X  5
#endif

/* Offsets in the FXSAVE legacy area. */
#define FX_FCW 0
#define FX_FSW 2
#define FX_FTW 4          /* abridged tag: one bit per physical register, 1 = in use */
#define FX_FOP 6
#define FX_FIP 8
#define FX_FCS 12
#define FX_FDP 16
#define FX_FDS 20
#define FX_ST0 32         /* st(i) in 16-byte slots */

static unsigned char area[4096] __attribute__((aligned(64)));

static uint16_t get16(const unsigned char *p) { uint16_t v; memcpy(&v, p, 2); return v; }
static uint32_t get32(const unsigned char *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static void put16(unsigned char *p, uint16_t v) { memcpy(p, &v, 2); }
static void put32(unsigned char *p, uint32_t v) { memcpy(p, &v, 4); }

/* The full x87 tag of one register (00 valid, 01 zero, 10 special, 11 empty). */
static unsigned full_tag(const unsigned char *reg, bool in_use)
{
	if (!in_use)
		return 3;
	uint16_t exponent = get16(reg + 8) & 0x7fff;
	uint64_t mantissa;
	memcpy(&mantissa, reg, 8);
	if (exponent == 0x7fff)
		return 2;
	if (exponent == 0)
		return mantissa ? 2 : 1;
	return (mantissa >> 63) ? 0 : 2;
}

kern_return_t fpu_get_state(struct thread *th, int flavor, thread_state_t state,
			    mach_msg_type_number_t *count)
{
	size_t size = fpu_state_size();
	fpu_export(th, area);
	if (flavor == i386_XFLOAT_STATE) {
		size_t bytes = sizeof(struct i386_xfloat_state) + size;
		if ((size_t)*count * sizeof(unsigned int) < bytes)
			return KERN_INVALID_ARGUMENT;
		struct i386_xfloat_state *x = (struct i386_xfloat_state *)state;
		x->fpkind = x->fp_save_kind = fpu_uses_xsave() ? FP_387X : FP_387FX;
		x->initialized = th->fpu != NULL;
		x->exc_status = 0;
		memcpy(x->hw_state, area, size);
		*count = (mach_msg_type_number_t)((bytes + 3) / 4);
		return KERN_SUCCESS;
	}
	/* i386_FLOAT_STATE */
	if (*count < i386_FLOAT_STATE_COUNT)
		return KERN_INVALID_ARGUMENT;
	struct i386_float_state f;
	memset(&f, 0, sizeof(f));
	f.fpkind = FP_387;
	f.initialized = th->fpu != NULL;
	unsigned char *env = f.hw_state, *regs = f.hw_state + sizeof(struct i386_fp_save);
	uint16_t fsw = get16(area + FX_FSW);
	unsigned top = (fsw >> 11) & 7, ftw = area[FX_FTW], tag = 0;
	for (unsigned phys = 0; phys < 8; phys++) {
		unsigned st = (phys - top) & 7;
		tag |= full_tag(area + FX_ST0 + 16 * st, ftw & (1u << phys)) << (2 * phys);
	}
	put16(env + 0, get16(area + FX_FCW));
	put16(env + 4, fsw);
	put16(env + 8, (uint16_t)tag);
	put32(env + 12, get32(area + FX_FIP));
	put16(env + 16, get16(area + FX_FCS));
	put16(env + 18, get16(area + FX_FOP));
	put32(env + 20, get32(area + FX_FDP));
	put16(env + 24, get16(area + FX_FDS));
	for (int i = 0; i < 8; i++)
		memcpy(regs + 10 * i, area + FX_ST0 + 16 * i, 10);
	memcpy(state, &f, sizeof(f));
	*count = i386_FLOAT_STATE_COUNT;
	return KERN_SUCCESS;
}

kern_return_t fpu_set_state(struct thread *th, int flavor, const thread_state_t state,
			    mach_msg_type_number_t count)
{
	size_t size = fpu_state_size();
	if (flavor == i386_XFLOAT_STATE) {
		if ((size_t)count * sizeof(unsigned int) < sizeof(struct i386_xfloat_state) + size)
			return KERN_INVALID_ARGUMENT;
		const struct i386_xfloat_state *x = (const struct i386_xfloat_state *)state;
		memcpy(area, x->hw_state, size);
		return fpu_import(th, area) ? KERN_SUCCESS : KERN_RESOURCE_SHORTAGE;
	}
	if (count < i386_FLOAT_STATE_COUNT)
		return KERN_INVALID_ARGUMENT;
	struct i386_float_state f;
	memcpy(&f, state, sizeof(f));
	/* The x87 part changes; MXCSR and the SSE/AVX registers stay as they were. */
	fpu_export(th, area);
	const unsigned char *env = f.hw_state, *regs = f.hw_state + sizeof(struct i386_fp_save);
	uint16_t fsw = get16(env + 4), tag = get16(env + 8);
	unsigned top = (fsw >> 11) & 7;
	uint8_t ftw = 0;
	for (unsigned phys = 0; phys < 8; phys++)
		if (((tag >> (2 * phys)) & 3) != 3)
			ftw |= (uint8_t)(1u << phys);
	(void)top;
	put16(area + FX_FCW, get16(env + 0));
	put16(area + FX_FSW, fsw);
	area[FX_FTW] = ftw;
	put16(area + FX_FOP, get16(env + 18));
	put32(area + FX_FIP, get32(env + 12));
	put16(area + FX_FCS, get16(env + 16));
	put32(area + FX_FDP, get32(env + 20));
	put16(area + FX_FDS, get16(env + 24));
	for (int i = 0; i < 8; i++) {
		memset(area + FX_ST0 + 16 * i, 0, 16);
		memcpy(area + FX_ST0 + 16 * i, regs + 10 * i, 10);
	}
	return fpu_import(th, area) ? KERN_SUCCESS : KERN_RESOURCE_SHORTAGE;
}
