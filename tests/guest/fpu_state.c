/*
 * fpu_state.c — thread_get_state / thread_set_state with the FPU flavors: a worker
 * thread loads 1.5 into st(0) and a pattern into xmm0 and waits; the main thread reads
 * them through i386_XFLOAT_STATE (the FXSAVE/XSAVE image) and i386_FLOAT_STATE (the
 * FSAVE layout), then sets st(0) to 2.5 with i386_FLOAT_STATE; the worker stores st(0)
 * and finds 2.5. Short counts are refused.
 */
//! expect '^guest: [0-9]+ checks, 0 failed$'
#include "guest.h"
#include "guest_mach.h"
#include <mach/mach_interface.h>
#include <mach/mach_port.h>
#include <mach/machine/thread_status.h>
#include <mach/machine/fp_reg.h>

static volatile int stage;
static volatile double stored;
static char stack[16384] __attribute__((aligned(16)));
static const uint8_t pattern[16] __attribute__((aligned(16))) = {
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
static const double one_and_half = 1.5;
static union {
	struct i386_xfloat_state x;
	unsigned int words[1200];
} xstate;

static void worker(void)
{
	__asm__ volatile("fninit; fldl %0; movdqa %1, %%xmm0" :: "m"(one_and_half), "m"(pattern) : "xmm0");
	stage = 1;
	while (stage != 2)
		swtch();
	double v;
	__asm__ volatile("fstpl %0" : "=m"(v));
	stored = v;
	stage = 3;
	for (;;)
		swtch();
}

int main(void)
{
	mach_port_t th = guest_thread_start(worker, stack, sizeof(stack));
	mach_msg_type_number_t n;
	for (int i = 0; i < 200 && stage != 1; i++)
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 1);
	CHECK_EQ(stage, 1);

	/* The raw image: xmm0 at byte 160, st(0)'s 10 bytes at byte 32. */
	n = sizeof(xstate.words) / sizeof(unsigned int);
	CHECK_EQ(thread_get_state(th, i386_XFLOAT_STATE, (thread_state_t)&xstate, &n), KERN_SUCCESS);
	CHECK(xstate.x.initialized);
	CHECK(xstate.x.fpkind == 5 /* FP_387X */ || xstate.x.fpkind == 4 /* FP_387FX */);
	int same = 1;
	for (int i = 0; i < 16; i++)
		same &= xstate.x.hw_state[160 + i] == pattern[i];
	CHECK(same);
	/* 1.5 in 80-bit form: mantissa 0xC000000000000000, exponent 0x3FFF. */
	CHECK_EQ(xstate.x.hw_state[32 + 7], 0xc0);
	CHECK_EQ(xstate.x.hw_state[32 + 8], 0xff);
	CHECK_EQ(xstate.x.hw_state[32 + 9], 0x3f);
	mach_msg_type_number_t small = 4;
	CHECK_EQ(thread_get_state(th, i386_XFLOAT_STATE, (thread_state_t)&xstate, &small), KERN_INVALID_ARGUMENT);

	/* The FSAVE view: st(0) in the first 10-byte register, tagged valid. */
	struct i386_float_state f;
	n = i386_FLOAT_STATE_COUNT;
	CHECK_EQ(thread_get_state(th, i386_FLOAT_STATE, (thread_state_t)&f, &n), KERN_SUCCESS);
	struct i386_fp_save *env = (struct i386_fp_save *)f.hw_state;
	unsigned char *regs = f.hw_state + sizeof(struct i386_fp_save);
	unsigned top = (env->fp_status >> 11) & 7;
	CHECK_EQ((env->fp_tag >> (2 * top)) & 3, 0);             /* valid */
	CHECK_EQ((env->fp_tag >> (2 * ((top + 1) & 7))) & 3, 3); /* empty */
	CHECK_EQ(regs[7], 0xc0);
	CHECK_EQ(regs[9], 0x3f);

	/* 2.5 = 1.25 * 2^1: mantissa 0xA000000000000000, exponent 0x4000. */
	for (int i = 0; i < 7; i++)
		regs[i] = 0;
	regs[7] = 0xa0;
	regs[8] = 0x00;
	regs[9] = 0x40;
	CHECK_EQ(thread_set_state(th, i386_FLOAT_STATE, (thread_state_t)&f, i386_FLOAT_STATE_COUNT), KERN_SUCCESS);
	CHECK_EQ(thread_set_state(th, i386_FLOAT_STATE, (thread_state_t)&f, 3), KERN_INVALID_ARGUMENT);
	stage = 2;
	for (int i = 0; i < 200 && stage != 3; i++)
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 1);
	CHECK_EQ(stage, 3);
	CHECK(stored == 2.5);
	CHECK_EQ(thread_terminate(th), KERN_SUCCESS);
	return guest_finish();
}
