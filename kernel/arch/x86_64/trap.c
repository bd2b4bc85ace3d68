/*
 * trap.c — what the kernel does with interrupts and CPU exceptions.
 *
 *   timer and spurious interrupts -> timer.c / ignored;
 *   an exception in user mode     -> the task is reported and terminated (exception
 *                                    messages to exception ports come with the
 *                                    kernel-core issue);
 *   a fault in a user-copy routine -> resumes at its recovery point (copy_user.S);
 *   any other exception in the kernel -> register dump and panic.
 */
#include <arch/x86_64/trap.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/machine_init.h>
#include <kern/console.h>
#include <kern/format.h>
#include <kern/panic.h>
#include <kern/task.h>
#include <kern/sched.h>
#include <kern/exception.h>
#include <mach/exception.h>
#include <mach/kern_return.h>
#include <arch/x86_64/fpu.h>
#include <arch/x86_64/debug_state.h>
#include <arch/x86_64/layout.h>
#include <vm/map.h>
#include <vm/fault.h>

static const char *const exception_names[32] = {
	[VEC_DE] = "divide error (#DE)",
	[VEC_DB] = "debug exception (#DB)",
	[VEC_NMI] = "non-maskable interrupt",
	[VEC_BP] = "breakpoint (#BP)",
	[VEC_OF] = "overflow (#OF)",
	[VEC_BR] = "bound range exceeded (#BR)",
	[VEC_UD] = "invalid opcode (#UD)",
	[VEC_NM] = "device not available (#NM)",
	[VEC_DF] = "double fault (#DF)",
	[VEC_TS] = "invalid TSS (#TS)",
	[VEC_NP] = "segment not present (#NP)",
	[VEC_SS] = "stack-segment fault (#SS)",
	[VEC_GP] = "general protection fault (#GP)",
	[VEC_PF] = "page fault (#PF)",
	[VEC_MF] = "x87 floating-point error (#MF)",
	[VEC_AC] = "alignment check (#AC)",
	[VEC_MC] = "machine check (#MC)",
	[VEC_XM] = "SIMD floating-point exception (#XM)",
};

static const char *exception_name(uint64_t v)
{
	return v < 32 && exception_names[v] ? exception_names[v] : "reserved exception";
}

static void dump_frame(const struct trap_frame *f)
{
	kprintf("  rax %016lx rbx %016lx rcx %016lx rdx %016lx\n", f->rax, f->rbx, f->rcx, f->rdx);
	kprintf("  rsi %016lx rdi %016lx rbp %016lx rsp %016lx\n", f->rsi, f->rdi, f->rbp, f->rsp);
	kprintf("  r8  %016lx r9  %016lx r10 %016lx r11 %016lx\n", f->r8, f->r9, f->r10, f->r11);
	kprintf("  r12 %016lx r13 %016lx r14 %016lx r15 %016lx\n", f->r12, f->r13, f->r14, f->r15);
	kprintf("  rip %016lx cs %04lx rflags %08lx ss %04lx error %#lx\n", f->rip, f->cs,
		f->rflags, f->ss, f->error);
	kprintf("  cr2 %016lx cr3 %016lx\n", read_cr2(), read_cr3());
}

/* "reading 0x10 (page not present)" and the like, from a #PF error code and vm_fault. */
static void describe_page_fault(const struct trap_frame *f, kern_return_t kr, char *buf,
				size_t len)
{
	const char *access = (f->error & 0x10) ? "executing" : (f->error & 2) ? "writing" : "reading";
	const char *why = kr == KERN_RESOURCE_SHORTAGE ? "out of memory" :
			  (kr == KERN_PROTECTION_FAILURE || (f->error & 1)) ?
			  "protection violation" : "page not present";
	snprintf(buf, len, " %s 0x%lx (%s)", access, read_cr2(), why);
}

/* What a #PF error code asks for. */
static vm_prot_t page_fault_access(uint64_t error)
{
	return (error & 0x10) ? VM_PROT_EXECUTE : (error & 2) ? VM_PROT_WRITE : VM_PROT_READ;
}

/* The Mach exception for an x86 fault, as GNU Mach's i386 trap code maps them; a page
 * fault's code is what vm_fault answered. */
static void mach_exception(const struct trap_frame *f, uint64_t vector, kern_return_t pf_kr,
			   int *exc, int *code, int64_t *subcode)
{
	*subcode = 0;
	switch (vector) {
	case VEC_PF:
		*exc = EXC_BAD_ACCESS;
		*code = pf_kr;
		*subcode = (int64_t)read_cr2();
		break;
	case VEC_DE:
		*exc = EXC_ARITHMETIC;
		*code = EXC_I386_DIV;
		break;
	case VEC_MF:
	case VEC_XM:
		*exc = EXC_ARITHMETIC;
		*code = EXC_I386_EXTERR;
		break;
	case VEC_BP:
		*exc = EXC_BREAKPOINT;
		*code = EXC_I386_BPT;
		break;
	case VEC_DB:
		*exc = EXC_BREAKPOINT;
		*code = EXC_I386_SGL;
		*subcode = (int64_t)current_thread()->debug_regs[6];   /* DR6 */
		break;
	case VEC_UD:
		*exc = EXC_BAD_INSTRUCTION;
		*code = EXC_I386_INVOP;
		break;
	default:                              /* #GP, #SS, #NP, #AC ... */
		*exc = EXC_BAD_INSTRUCTION;
		*code = (int)vector;
		*subcode = (int64_t)f->error;
		break;
	}
}

static void deliver_fault(struct trap_frame *f, uint64_t vector, kern_return_t pf_kr,
			  const char *detail)
{
	struct task *t = current_task();
	int exc, code;
	int64_t subcode;
	mach_exception(f, vector, pf_kr, &exc, &code, &subcode);
	if (exception_deliver(exc, code, subcode))
		return;
	char pf[128] = "";
	if (vector == VEC_PF)
		describe_page_fault(f, pf_kr, pf, sizeof(pf));
	kprintf("task %d \"%s\": %s%s%s%s at rip 0x%lx, rsp 0x%lx, error code 0x%lx; task terminated\n",
		t->id, t->name, exception_name(vector), pf,
		detail ? ": " : "", detail ? detail : "", f->rip, f->rsp, f->error);
	tasks_killed_by_fault++;
	task_kill(t);
	panic("user_fault: the faulting thread survived its task's termination");
}

void user_fault(struct trap_frame *f, uint64_t vector, const char *detail)
{
	deliver_fault(f, vector, (f->error & 1) ? KERN_PROTECTION_FAILURE : KERN_INVALID_ADDRESS,
		      detail);
}

/* A user page fault: resolved from the task's map, or an exception with vm_fault's code. */
static void user_page_fault(struct trap_frame *f)
{
	uint64_t addr = read_cr2();
	kern_return_t kr = KERN_INVALID_ADDRESS;
	struct vm_map *m = current_task()->map;
	if (addr >= USER_MIN && addr < USER_MAX && m) {
		kr = vm_fault(m, addr, page_fault_access(f->error));
		/* Aborted while waiting for a pager: back to the instruction, which faults
		 * again unless the thread is stopped or dies first (Mach's restart). */
		if (kr == KERN_SUCCESS || kr == KERN_ABORTED)
			return;
	}
	deliver_fault(f, VEC_PF, kr, NULL);
}

static void kernel_fault(struct trap_frame *f)
{
	/* copyin/copyout touching user memory not yet in the page tables: bring the page in
	 * from the map whose tables are loaded and retry; failing that, the copy fails. */
	if (f->vector == VEC_PF && copy_fixup_lookup(f->rip)) {
		uint64_t addr = read_cr2();
		struct vm_map *m = vm_map_current();
		if (m && addr >= USER_MIN && addr < USER_MAX &&
		    vm_fault(m, addr, page_fault_access(f->error & ~0x4ull)) == KERN_SUCCESS)
			return;
	}
	if (f->vector == VEC_PF || f->vector == VEC_GP) {
		uint64_t resume = copy_fixup_lookup(f->rip);
		if (resume) {
			f->rip = resume;
			return;
		}
	}
	kprintf("\nkernel: %s in kernel mode\n", exception_name(f->vector));
	dump_frame(f);
	machine_backtrace_from(f->rbp);
	panic("unhandled %s at rip %#lx", exception_name(f->vector), f->rip);
}

void trap_handler(struct trap_frame *f)
{
	if (f->vector == VEC_TIMER) {
		timer_interrupt();
		sched_tick(frame_from_user(f));
	} else if (f->vector == VEC_SPURIOUS) {
		return;
	} else if (f->vector >= 32) {
		kprintf("kernel: unexpected interrupt %lu; ignored\n", f->vector);
	} else if (f->vector == VEC_DB && !frame_from_user(f)) {
		/* A user thread's watchpoint hit by the kernel copying to or from its
		 * memory: noted in its DR6, not reported (the kernel is not being debugged). */
		debug_trap_status(current_thread());
		return;
	} else if (!frame_from_user(f) || f->vector == VEC_DF || f->vector == VEC_MC ||
		   f->vector == VEC_NMI) {
		kernel_fault(f);
		return;
	} else if (f->vector == VEC_DB) {
		/* DR6 says which breakpoint (the exception's subcode); RF lets the thread
		 * resume at an instruction breakpoint without hitting it again. */
		debug_trap_status(current_thread());
		f->rflags |= RFLAGS_RF;
		user_fault(f, f->vector, NULL);
	} else if (f->vector == VEC_PF) {
		user_page_fault(f);
	} else if (f->vector != VEC_NM || !fpu_trap()) {
		user_fault(f, f->vector, NULL);    /* returns if a handler took it */
	}
	if (frame_from_user(f))
		thread_return_to_user();
}
