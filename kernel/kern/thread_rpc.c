/*
 * thread_rpc.c — the thread routines of mach.defs: creation, control, register state
 * and information, served through the stubs our mig generates.
 *
 * Register state: i386_THREAD_STATE (the general registers, from and into the trap
 * frame at the top of the thread's kernel stack), i386_REGS_SEGS_STATE (the same, but a
 * set keeps the segment selectors it is given instead of forcing them, so they must be
 * the user code and stack selectors: a 64-bit thread has no others), i386_FSGS_BASE_STATE and i386_ISA_PORT_MAP_STATE (the
 * task's permissions for ports 0-0x3ff, read-only: they are set with
 * i386_io_perm_modify). A state set from outside must not let the thread leave the
 * kernel in a way the CPU refuses: rip and rsp must be canonical user addresses,
 * segments are the user ones and only user-settable flags are taken. The FPU flavors
 * (i386_FLOAT_STATE, i386_XFLOAT_STATE) are in arch/x86_64/fpu_state.c, the debug
 * registers (i386_DEBUG_STATE) in arch/x86_64/debug_state.c. i386_V86_ASSIST_STATE
 * has no meaning in long mode (there is no virtual-8086 mode) and is refused.
 */
#include <kern/mig_convert.h>
#include "mach_S.h"      /* the generated server header: prototypes checked */
#include <kern/task.h>
#include <kern/sched.h>
#include <kern/string.h>
#include <kern/machine.h>
#include <ipc/right.h>
#include <mach/thread_info.h>
#include <mach/thread_special_ports.h>
#include <mach/machine/thread_status.h>
#include <arch/x86_64/trap.h>
#include <arch/x86_64/layout.h>
#include <arch/x86_64/debug_state.h>

#define THREAD(t) ((struct thread *)(t))
/* Flags a user may set: CF PF AF ZF SF TF DF OF, AC, ID. IF is always on. */
#define USER_RFLAGS 0x244dd5ul

void time_from_ticks(uint64_t ticks, rpc_time_value_t *tv, time_value64_t *tv64);
kern_return_t fpu_get_state(struct thread *th, int flavor, thread_state_t state,
			    mach_msg_type_number_t *count);
kern_return_t fpu_set_state(struct thread *th, int flavor, const thread_state_t state,
			    mach_msg_type_number_t count);
void time_of_tick(uint64_t tick, rpc_time_value_t *tv, time_value64_t *tv64);

thread_t convert_port_to_thread(ipc_port_t p)
{
	if (!IPC_PORT_VALID(p) || !p->active || p->kotype != IKOT_THREAD || !p->kobject)
		return 0;
	struct thread *th = p->kobject;
	if (th->state == THREAD_DEAD || th->terminating)
		return 0;
	thread_reference(th);
	return (thread_t)th;
}

/* As in GNU Mach, this consumes a thread reference and produces a send right. */
ipc_port_t convert_thread_to_port(thread_t thread)
{
	struct thread *th = THREAD(thread);
	if (!th)
		return IP_NULL;
	struct ipc_port *p = th->self_port;
	if (p)
		ipc_port_make_send(p);
	thread_deallocate(th);
	return p ? p : IP_NULL;
}

kern_return_t thread_create(task_t parent, thread_t *child)
{
	struct task *t = (struct task *)parent;
	if (!t)
		return KERN_INVALID_ARGUMENT;
	/* As in Mach: the new thread is suspended once, with zeroed registers. */
	struct thread *th = thread_create_user(t, false);
	if (!th)
		return KERN_RESOURCE_SHORTAGE;
	thread_reference(th);                   /* the one the reply's conversion consumes */
	*child = (thread_t)th;
	return KERN_SUCCESS;
}

kern_return_t thread_terminate(thread_t thread)
{
	if (!thread)
		return KERN_INVALID_ARGUMENT;
	/* Killing ourselves does not come back: drop the stub's reference now. */
	if (THREAD(thread) == current_thread())
		thread_deallocate(THREAD(thread));
	thread_kill(THREAD(thread));
	return KERN_SUCCESS;
}

kern_return_t thread_suspend(thread_t thread)
{
	if (!thread)
		return KERN_INVALID_ARGUMENT;
	thread_hold(THREAD(thread));
	return KERN_SUCCESS;
}

kern_return_t thread_resume(thread_t thread)
{
	if (!thread)
		return KERN_INVALID_ARGUMENT;
	return thread_release(THREAD(thread)) ? KERN_SUCCESS : KERN_FAILURE;
}

kern_return_t thread_abort(thread_t thread)
{
	if (!thread)
		return KERN_INVALID_ARGUMENT;
	thread_interrupt_wait(THREAD(thread));
	return KERN_SUCCESS;
}

static bool canonical_user(uint64_t a)
{
	return a < USER_MAX;
}

kern_return_t thread_get_state(thread_t thread, int flavor, thread_state_t state,
			       mach_msg_type_number_t *count)
{
	struct thread *th = THREAD(thread);
	if (!th || !th->frame)
		return KERN_INVALID_ARGUMENT;
	if (flavor == i386_THREAD_STATE || flavor == i386_REGS_SEGS_STATE) {
		if (*count < i386_THREAD_STATE_COUNT)
			return KERN_INVALID_ARGUMENT;
		const struct trap_frame *f = th->frame;
		struct i386_thread_state s = {
			.r8 = f->r8, .r9 = f->r9, .r10 = f->r10, .r11 = f->r11, .r12 = f->r12,
			.r13 = f->r13, .r14 = f->r14, .r15 = f->r15, .rdi = f->rdi, .rsi = f->rsi,
			.rbp = f->rbp, .rsp = f->rsp, .rbx = f->rbx, .rdx = f->rdx, .rcx = f->rcx,
			.rax = f->rax, .rip = f->rip, .cs = (unsigned)f->cs, .rfl = f->rflags,
			.ursp = f->rsp, .ss = (unsigned)f->ss,
		};
		memcpy(state, &s, sizeof(s));
		*count = i386_THREAD_STATE_COUNT;
		return KERN_SUCCESS;
	}
	if (flavor == i386_FSGS_BASE_STATE) {
		if (*count < i386_FSGS_BASE_STATE_COUNT)
			return KERN_INVALID_ARGUMENT;
		struct i386_fsgs_base_state s = { th->fs_base, th->gs_base };
		memcpy(state, &s, sizeof(s));
		*count = i386_FSGS_BASE_STATE_COUNT;
		return KERN_SUCCESS;
	}
	if (flavor == i386_ISA_PORT_MAP_STATE) {
		if (*count < i386_ISA_PORT_MAP_STATE_COUNT)
			return KERN_INVALID_ARGUMENT;
		/* A set bit denies the port, as in the TSS; no bitmap: every port denied. */
		struct i386_isa_port_map_state s;
		if (th->task->io_bitmap)
			memcpy(s.pm, th->task->io_bitmap, sizeof(s.pm));
		else
			memset(s.pm, 0xff, sizeof(s.pm));
		memcpy(state, &s, sizeof(s));
		*count = i386_ISA_PORT_MAP_STATE_COUNT;
		return KERN_SUCCESS;
	}
	if (flavor == i386_DEBUG_STATE)
		return debug_get_state(th, (unsigned *)state, count);
	if (flavor == i386_FLOAT_STATE || flavor == i386_XFLOAT_STATE)
		return fpu_get_state(th, flavor, state, count);
	return KERN_INVALID_ARGUMENT;
}

/* A segment register of i386_REGS_SEGS_STATE: only the user selectors exist here. */
static bool user_selector(unsigned sel, unsigned want)
{
	return (sel & 0xffff) == want;
}

kern_return_t thread_set_state(thread_t thread, int flavor, const thread_state_t state,
			       mach_msg_type_number_t count)
{
	struct thread *th = THREAD(thread);
	if (!th || !th->frame)
		return KERN_INVALID_ARGUMENT;
	if (flavor == i386_THREAD_STATE || flavor == i386_REGS_SEGS_STATE) {
		struct i386_thread_state s;
		if (count < i386_THREAD_STATE_COUNT)
			return KERN_INVALID_ARGUMENT;
		memcpy(&s, state, sizeof(s));
		if (!canonical_user(s.rip) || !canonical_user(s.ursp))
			return KERN_INVALID_ARGUMENT;
		if (flavor == i386_REGS_SEGS_STATE &&
		    (!user_selector(s.cs, SEL_UCODE) || !user_selector(s.ss, SEL_UDATA)))
			return KERN_INVALID_ARGUMENT;
		struct trap_frame *f = th->frame;
		f->r8 = s.r8; f->r9 = s.r9; f->r10 = s.r10; f->r11 = s.r11; f->r12 = s.r12;
		f->r13 = s.r13; f->r14 = s.r14; f->r15 = s.r15; f->rdi = s.rdi; f->rsi = s.rsi;
		f->rbp = s.rbp; f->rbx = s.rbx; f->rdx = s.rdx; f->rcx = s.rcx; f->rax = s.rax;
		f->rip = s.rip;
		f->rsp = s.ursp;
		f->rflags = (s.rfl & USER_RFLAGS) | 0x202;
		f->cs = SEL_UCODE;
		f->ss = SEL_UDATA;
		frame_mark_changed(f);
		return KERN_SUCCESS;
	}
	if (flavor == i386_FSGS_BASE_STATE) {
		struct i386_fsgs_base_state s;
		if (count < i386_FSGS_BASE_STATE_COUNT)
			return KERN_INVALID_ARGUMENT;
		memcpy(&s, state, sizeof(s));
		if (!canonical_user(s.fs_base) || !canonical_user(s.gs_base))
			return KERN_INVALID_ARGUMENT;
		th->fs_base = s.fs_base;
		th->gs_base = s.gs_base;
		if (th == current_thread())
			machine_load_segment_bases(th);
		return KERN_SUCCESS;
	}
	if (flavor == i386_DEBUG_STATE)
		return debug_set_state(th, (const unsigned *)state, count);
	if (flavor == i386_FLOAT_STATE || flavor == i386_XFLOAT_STATE)
		return fpu_set_state(th, flavor, state, count);
	return KERN_INVALID_ARGUMENT;
}

static int run_state(const struct thread *th)
{
	switch (th->state) {
	case THREAD_RUNNING:
	case THREAD_RUNNABLE:
	case THREAD_HANDOFF: return TH_STATE_RUNNING;
	case THREAD_STOPPED: return TH_STATE_STOPPED;
	case THREAD_WAITING: return th->interruptible ? TH_STATE_WAITING : TH_STATE_UNINTERRUPTIBLE;
	default: return TH_STATE_HALTED;
	}
}

kern_return_t thread_info(thread_t thread, int flavor, thread_info_t out,
			  mach_msg_type_number_t *count)
{
	struct thread *th = THREAD(thread);
	if (!th)
		return KERN_INVALID_ARGUMENT;
	if (flavor != THREAD_BASIC_INFO)
		return KERN_INVALID_ARGUMENT;
	if (*count < THREAD_BASIC_INFO_COUNT)
		return KERN_INVALID_ARGUMENT;
	struct thread_basic_info info;
	memset(&info, 0, sizeof(info));
	time_from_ticks(th->user_ticks, &info.user_time, &info.user_time64);
	time_from_ticks(th->system_ticks, &info.system_time, &info.system_time64);
	time_of_tick(th->creation_tick, &info.creation_time, &info.creation_time64);
	info.base_priority = th->base_priority;
	info.cur_priority = th->priority;
	info.run_state = run_state(th);
	info.suspend_count = th->suspend_count;
	memcpy(out, &info, sizeof(info));
	*count = THREAD_BASIC_INFO_COUNT;
	return KERN_SUCCESS;
}

kern_return_t thread_get_special_port(thread_t thread, int which, ipc_port_t *port)
{
	struct thread *th = THREAD(thread);
	if (!th)
		return KERN_INVALID_ARGUMENT;
	if (which == THREAD_KERNEL_PORT) {
		thread_reference(th);           /* for convert_thread_to_port to consume */
		*port = convert_thread_to_port(thread);
		return KERN_SUCCESS;
	}
	if (which != THREAD_EXCEPTION_PORT)
		return KERN_INVALID_ARGUMENT;
	*port = th->exception_port;
	if (IPC_PORT_VALID(*port))
		ipc_port_copy_send(*port);
	return KERN_SUCCESS;
}

kern_return_t thread_set_special_port(thread_t thread, int which, ipc_port_t port)
{
	struct thread *th = THREAD(thread);
	if (!th || which != THREAD_EXCEPTION_PORT)
		return KERN_INVALID_ARGUMENT;
	if (th->exception_port)
		ipc_right_release_carried(th->exception_port, MACH_MSG_TYPE_PORT_SEND);
	th->exception_port = IPC_PORT_VALID(port) ? port : NULL;
	return KERN_SUCCESS;
}
