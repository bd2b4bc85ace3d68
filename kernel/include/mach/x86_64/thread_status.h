/*
 * mach/x86_64/thread_status.h - register state flavors for thread_get_state and
 * thread_set_state on x86_64.  Counts are in natural_t (4-byte) units.
 */
#ifndef _MACH_I386_THREAD_STATUS_H_
#define _MACH_I386_THREAD_STATUS_H_

#include <stdint.h>
#include <mach/machine/fp_reg.h>

#define i386_THREAD_STATE	1
#define i386_FLOAT_STATE	2
#define i386_ISA_PORT_MAP_STATE	3
#define i386_V86_ASSIST_STATE	4
#define i386_REGS_SEGS_STATE	5
#define i386_DEBUG_STATE	6
#define i386_FSGS_BASE_STATE	7
#define i386_XFLOAT_STATE	8

/*
 * General registers of a 64-bit thread.  cs and ss are 32-bit slots between the
 * 64-bit ones, so the structure has padding after each (168 bytes in all).
 */
struct i386_thread_state {
	uint64_t r8;
	uint64_t r9;
	uint64_t r10;
	uint64_t r11;
	uint64_t r12;
	uint64_t r13;
	uint64_t r14;
	uint64_t r15;
	uint64_t rdi;
	uint64_t rsi;
	uint64_t rbp;
	uint64_t rsp;		/* not used on set: ursp is the user stack */
	uint64_t rbx;
	uint64_t rdx;
	uint64_t rcx;
	uint64_t rax;
	uint64_t rip;
	unsigned int cs;
	uint64_t rfl;
	uint64_t ursp;
	unsigned int ss;
};
#define i386_THREAD_STATE_COUNT	(sizeof(struct i386_thread_state) / sizeof(unsigned int))

/* Legacy float state: the FSAVE image as raw bytes. */
#define FP_STATE_BYTES	(sizeof(struct i386_fp_save) + sizeof(struct i386_fp_regs))

struct i386_float_state {
	int fpkind;			/* one of FP_* */
	int initialized;
	unsigned char hw_state[FP_STATE_BYTES];
	int exc_status;			/* status word at the last exception */
};
#define i386_FLOAT_STATE_COUNT	(sizeof(struct i386_float_state) / sizeof(unsigned int))

/* Extended float state: its size depends on the processor (see i386_get_xstate_size). */
struct i386_xfloat_state {
	int fpkind;
	int initialized;
	int exc_status;
	int fp_save_kind;		/* which instruction saved hw_state */
	unsigned char hw_state[];
};

/* One bit per I/O port below PORT_MAP_BITS; a clear bit grants access. */
#define PORT_MAP_BITS	0x400
struct i386_isa_port_map_state {
	unsigned char pm[PORT_MAP_BITS >> 3];
};
#define i386_ISA_PORT_MAP_STATE_COUNT \
	(sizeof(struct i386_isa_port_map_state) / sizeof(unsigned int))

/* Virtual-8086 interrupt assistance (kept for the ABI; meaningless in long mode). */
struct i386_v86_assist_state {
	unsigned int int_table;		/* user address of a v86_interrupt_table array */
	int int_count;
};

struct v86_interrupt_table {
	unsigned int count;
	unsigned short mask;
	unsigned short vec;
};
#define i386_V86_ASSIST_STATE_COUNT \
	(sizeof(struct i386_v86_assist_state) / sizeof(unsigned int))

struct i386_debug_state {
	unsigned int dr[8];
};
#define i386_DEBUG_STATE_COUNT \
	(sizeof(struct i386_debug_state) / sizeof(unsigned int))

/* The fs and gs segment bases, used for thread-local storage. */
struct i386_fsgs_base_state {
	unsigned long fs_base;
	unsigned long gs_base;
};
#define i386_FSGS_BASE_STATE_COUNT \
	(sizeof(struct i386_fsgs_base_state) / sizeof(unsigned int))

#endif /* _MACH_I386_THREAD_STATUS_H_ */
