/*
 * thread_flavors.c — the x86_64 thread-state flavors beyond the general registers and
 * the FPU (those are rpc_task_thread and fpu_state): i386_REGS_SEGS_STATE,
 * i386_ISA_PORT_MAP_STATE, i386_V86_ASSIST_STATE (refused: no virtual-8086 mode in long
 * mode) and i386_DEBUG_STATE — per-thread hardware watchpoints and breakpoints that
 * raise EXC_BREAKPOINT / EXC_I386_SGL with DR6 as the subcode, every state a user may
 * not use refused, another thread unaffected, the kernel writing to a watched word
 * neither reporting it nor faulting.
 */
//! expect '^guest: [0-9]+ checks, 0 failed'
#include "guest.h"
#include "guest_mach.h"
#include <stddef.h>
#include <mach/mach_interface.h>
#include <mach/mach_port.h>
#include <mach/exception.h>
#include <mach/machine/exception.h>
#include <mach/task_special_ports.h>
#include <mach/machine/thread_status.h>

#define USER_CODE_SEL 0x2b
#define USER_DATA_SEL 0x23
#define DR7_L(i) (1u << (2 * (i)))
#define DR7_G(i) (2u << (2 * (i)))
#define DR7_GD (1u << 13)
#define DR7_RW(i, rw) ((unsigned)(rw) << (16 + 4 * (i)))
#define DR7_LEN(i, len) ((unsigned)(len) << (18 + 4 * (i)))
#define RW_EXEC 0
#define RW_WRITE 1
#define RW_IO 2
#define RW_RW 3
#define LEN_4 3

static mach_port_t self, exc_port;
static volatile int handled, seen_exception, seen_code;
static volatile int64_t seen_subcode;
static volatile uint32_t watched[2] __attribute__((aligned(8)));
static volatile int target_ran, other_done;
static char stack1[16384] __attribute__((aligned(16)));
static char stack2[16384] __attribute__((aligned(16)));

static void handler(void)
{
	union {
		struct guest_exc_request req;
		char bytes[256];
	} m;
	for (;;) {
		if (mach_msg_trap(&m.req.h, MACH_RCV_MSG, 0, sizeof(m), exc_port, 0, 0) != MACH_MSG_SUCCESS)
			continue;
		seen_exception = m.req.exception;
		seen_code = m.req.code;
		seen_subcode = m.req.subcode;
		handled++;
		guest_exc_reply(&m.req, KERN_SUCCESS);
	}
}

static void check_regs_segs(void)
{
	mach_port_t th = mach_thread_self();
	struct i386_thread_state a, b;
	mach_msg_type_number_t n = i386_THREAD_STATE_COUNT;
	CHECK_EQ(thread_get_state(th, i386_REGS_SEGS_STATE, (thread_state_t)&a, &n), KERN_SUCCESS);
	CHECK_EQ(n, i386_THREAD_STATE_COUNT);
	CHECK_EQ(a.cs, USER_CODE_SEL);
	CHECK_EQ(a.ss, USER_DATA_SEL);
	n = i386_THREAD_STATE_COUNT - 1;
	CHECK_EQ(thread_get_state(th, i386_REGS_SEGS_STATE, (thread_state_t)&a, &n), KERN_INVALID_ARGUMENT);

	/* On a stopped thread: set with the user selectors, read back. */
	mach_port_t other;
	CHECK_EQ(thread_create(self, &other), KERN_SUCCESS);
	n = i386_THREAD_STATE_COUNT;
	CHECK_EQ(thread_get_state(other, i386_REGS_SEGS_STATE, (thread_state_t)&a, &n), KERN_SUCCESS);
	a.rip = 0x401000;
	a.ursp = 0x7000;
	a.rbx = 1234;
	a.cs = USER_CODE_SEL;
	a.ss = USER_DATA_SEL;
	CHECK_EQ(thread_set_state(other, i386_REGS_SEGS_STATE, (thread_state_t)&a, n), KERN_SUCCESS);
	CHECK_EQ(thread_get_state(other, i386_THREAD_STATE, (thread_state_t)&b, &n), KERN_SUCCESS);
	CHECK_EQ(b.rip, 0x401000);
	CHECK_EQ(b.ursp, 0x7000);
	CHECK_EQ(b.rbx, 1234);
	/* Kernel selectors, or none, are refused; nothing changes. */
	a.rbx = 99;
	a.cs = 0x08;
	CHECK_EQ(thread_set_state(other, i386_REGS_SEGS_STATE, (thread_state_t)&a, n), KERN_INVALID_ARGUMENT);
	a.cs = USER_CODE_SEL;
	a.ss = 0;
	CHECK_EQ(thread_set_state(other, i386_REGS_SEGS_STATE, (thread_state_t)&a, n), KERN_INVALID_ARGUMENT);
	a.ss = 0x10 | 3;
	CHECK_EQ(thread_set_state(other, i386_REGS_SEGS_STATE, (thread_state_t)&a, n), KERN_INVALID_ARGUMENT);
	CHECK_EQ(thread_get_state(other, i386_THREAD_STATE, (thread_state_t)&b, &n), KERN_SUCCESS);
	CHECK_EQ(b.rbx, 1234);
	CHECK_EQ(thread_terminate(other), KERN_SUCCESS);
}

static void check_port_map_and_v86(void)
{
	mach_port_t th = mach_thread_self();
	struct i386_isa_port_map_state pm;
	mach_msg_type_number_t n = i386_ISA_PORT_MAP_STATE_COUNT;
	CHECK_EQ(thread_get_state(th, i386_ISA_PORT_MAP_STATE, (thread_state_t)&pm, &n), KERN_SUCCESS);
	CHECK_EQ(n, i386_ISA_PORT_MAP_STATE_COUNT);
	int all_denied = 1;
	for (size_t i = 0; i < sizeof(pm.pm); i++)
		all_denied &= pm.pm[i] == 0xff;
	CHECK(all_denied);                           /* this task has no I/O permission */
	n = i386_ISA_PORT_MAP_STATE_COUNT - 1;
	CHECK_EQ(thread_get_state(th, i386_ISA_PORT_MAP_STATE, (thread_state_t)&pm, &n), KERN_INVALID_ARGUMENT);
	/* Read-only: permissions come from i386_io_perm_modify. */
	CHECK_EQ(thread_set_state(th, i386_ISA_PORT_MAP_STATE, (thread_state_t)&pm,
				  i386_ISA_PORT_MAP_STATE_COUNT), KERN_INVALID_ARGUMENT);

	struct i386_v86_assist_state v86 = { 0 };
	n = i386_V86_ASSIST_STATE_COUNT;
	CHECK_EQ(thread_get_state(th, i386_V86_ASSIST_STATE, (thread_state_t)&v86, &n), KERN_INVALID_ARGUMENT);
	CHECK_EQ(thread_set_state(th, i386_V86_ASSIST_STATE, (thread_state_t)&v86,
				  i386_V86_ASSIST_STATE_COUNT), KERN_INVALID_ARGUMENT);
}

static kern_return_t set_debug(mach_port_t th, unsigned dr0, unsigned dr1, unsigned dr7)
{
	struct i386_debug_state d = { { 0 } };
	d.dr[0] = dr0;
	d.dr[1] = dr1;
	d.dr[7] = dr7;
	return thread_set_state(th, i386_DEBUG_STATE, (thread_state_t)&d, i386_DEBUG_STATE_COUNT);
}

static __attribute__((noinline)) void target(void)
{
	target_ran++;
	__asm__ volatile("" ::: "memory");
}

static void other_writer(void)
{
	watched[0] = 77;                             /* this thread has no watchpoint */
	other_done = 1;
	for (;;)
		swtch();
}

static void check_debug_state(void)
{
	mach_port_t th = mach_thread_self();
	struct i386_debug_state d;
	mach_msg_type_number_t n = i386_DEBUG_STATE_COUNT;
	CHECK_EQ(thread_get_state(th, i386_DEBUG_STATE, (thread_state_t)&d, &n), KERN_SUCCESS);
	CHECK_EQ(n, i386_DEBUG_STATE_COUNT);
	CHECK_EQ(d.dr[7], 0);
	CHECK_EQ(d.dr[0], 0);
	n = i386_DEBUG_STATE_COUNT - 1;
	CHECK_EQ(thread_get_state(th, i386_DEBUG_STATE, (thread_state_t)&d, &n), KERN_INVALID_ARGUMENT);
	CHECK_EQ(thread_set_state(th, i386_DEBUG_STATE, (thread_state_t)&d, i386_DEBUG_STATE_COUNT - 1),
		 KERN_INVALID_ARGUMENT);

	unsigned w = (unsigned)(uintptr_t)&watched[0];
	unsigned watch = DR7_L(0) | DR7_RW(0, RW_WRITE) | DR7_LEN(0, LEN_4);
	/* What a user thread may not have: global enables, general detect, I/O
	 * breakpoints, execution breakpoints longer than a byte, misaligned or
	 * non-user addresses. */
	CHECK_EQ(set_debug(th, w, 0, DR7_G(0) | DR7_RW(0, RW_WRITE) | DR7_LEN(0, LEN_4)), KERN_INVALID_ARGUMENT);
	CHECK_EQ(set_debug(th, w, 0, watch | DR7_GD), KERN_INVALID_ARGUMENT);
	CHECK_EQ(set_debug(th, w, 0, DR7_L(0) | DR7_RW(0, RW_IO)), KERN_INVALID_ARGUMENT);
	CHECK_EQ(set_debug(th, w, 0, DR7_L(0) | DR7_RW(0, RW_EXEC) | DR7_LEN(0, LEN_4)), KERN_INVALID_ARGUMENT);
	CHECK_EQ(set_debug(th, w + 1, 0, watch), KERN_INVALID_ARGUMENT);
	CHECK_EQ(set_debug(th, 0x10, 0, watch), KERN_INVALID_ARGUMENT);
	n = i386_DEBUG_STATE_COUNT;
	CHECK_EQ(thread_get_state(th, i386_DEBUG_STATE, (thread_state_t)&d, &n), KERN_SUCCESS);
	CHECK_EQ(d.dr[7], 0);                        /* nothing was taken */
	/* An address not enabled is not looked at. */
	CHECK_EQ(set_debug(th, 0x10, 0, 0), KERN_SUCCESS);

	/* A write watchpoint: each write is reported after it happened. */
	CHECK_EQ(set_debug(th, w, 0, watch), KERN_SUCCESS);
	watched[0] = 1;
	CHECK_EQ(handled, 1);
	CHECK_EQ(seen_exception, EXC_BREAKPOINT);
	CHECK_EQ(seen_code, EXC_I386_SGL);
	CHECK(seen_subcode & 1);                     /* DR6.B0 */
	CHECK_EQ(watched[0], 1);
	uint32_t v = watched[0];                     /* reads are not watched */
	CHECK_EQ(v, 1);
	CHECK_EQ(handled, 1);
	watched[1] = 5;                              /* the next word is outside */
	CHECK_EQ(handled, 1);
	watched[0] = 2;
	CHECK_EQ(handled, 2);
	n = i386_DEBUG_STATE_COUNT;
	CHECK_EQ(thread_get_state(th, i386_DEBUG_STATE, (thread_state_t)&d, &n), KERN_SUCCESS);
	CHECK_EQ(d.dr[0], w);
	CHECK_EQ(d.dr[7], watch);
	CHECK(d.dr[6] & 1);

	/* Another thread writing the same word: not watched (the registers are per
	 * thread, switched with it). */
	guest_thread_start(other_writer, stack2, sizeof(stack2));
	for (int i = 0; i < 100 && !other_done; i++)
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 1);
	CHECK_EQ(other_done, 1);
	CHECK_EQ(watched[0], 77);
	CHECK_EQ(handled, 2);

	/* The kernel writing to the watched word (a message received into it): neither
	 * reported nor a kernel fault. */
	mach_port_t p;
	CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p), KERN_SUCCESS);
	mach_msg_header_t out = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
				  .msgh_size = sizeof(out), .msgh_remote_port = p, .msgh_id = 4242 };
	CHECK_EQ(mach_msg_trap(&out, MACH_SEND_MSG, sizeof(out), 0, MACH_PORT_NULL, 0, 0), MACH_MSG_SUCCESS);
	static mach_msg_header_t in __attribute__((aligned(8)));
	CHECK_EQ(set_debug(th, (unsigned)(uintptr_t)&in.msgh_id, 0,
			   DR7_L(0) | DR7_RW(0, RW_WRITE) | DR7_LEN(0, LEN_4)), KERN_SUCCESS);
	CHECK_EQ(mach_msg_trap(&in, MACH_RCV_MSG, 0, sizeof(in), p, 0, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(in.msgh_id, 4242);
	CHECK_EQ(handled, 2);

	/* An execution breakpoint: reported before the instruction runs; on resuming
	 * the thread goes on without hitting it again. */
	CHECK_EQ(set_debug(th, w, (unsigned)(uintptr_t)target, DR7_L(1) | DR7_RW(1, RW_EXEC)), KERN_SUCCESS);
	target();
	CHECK_EQ(handled, 3);
	CHECK_EQ(seen_exception, EXC_BREAKPOINT);
	CHECK(seen_subcode & 2);                     /* DR6.B1 */
	CHECK_EQ(target_ran, 1);
	watched[0] = 3;                              /* DR0 is set but not enabled */
	CHECK_EQ(handled, 3);

	/* Disarmed: nothing is reported any more. */
	CHECK_EQ(set_debug(th, 0, 0, 0), KERN_SUCCESS);
	target();
	watched[0] = 4;
	CHECK_EQ(handled, 3);
	CHECK_EQ(target_ran, 2);
}

int main(void)
{
	self = mach_task_self();
	CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &exc_port), KERN_SUCCESS);
	CHECK_EQ(mach_port_insert_right(self, exc_port, exc_port, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	CHECK_EQ(task_set_special_port(self, TASK_EXCEPTION_PORT, exc_port), KERN_SUCCESS);
	guest_thread_start(handler, stack1, sizeof(stack1));
	check_regs_segs();
	check_port_map_and_v86();
	check_debug_state();
	return guest_finish();
}
