/*
 * syscall.c — Mach traps entered by `syscall` (GNU Mach x86_64 convention): the trap
 * number, negative, in eax; arguments in rdi, rsi, rdx, r10, r8, r9 and from the 7th on
 * the user stack at rsp+8 (above the trap stub's return address); the result in rax.
 * A non-negative or unknown number is an invalid-opcode fault of the caller.
 */
#include <arch/x86_64/trap.h>
#include <arch/x86_64/cpu.h>
#include <kern/trap.h>
#include <kern/copy.h>
#include <kern/format.h>
#include <kern/thread.h>
#include <kern/task.h>

#define KERN_INVALID_ADDRESS 1

void syscall_entry(void);

void syscall_init(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	/* sysret: user data = 0x18+8, user code = 0x18+16 (RPL 3); syscall: kernel 0x08. */
	wrmsr(MSR_STAR, ((uint64_t)(0x18 | 3) << 48) | ((uint64_t)SEL_KCODE << 32));
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	wrmsr(MSR_FMASK, RFLAGS_IF | RFLAGS_TF | RFLAGS_DF | RFLAGS_AC | 0x4000 /* NT */);
}

void machine_trap_return_work(uint64_t result)
{
	struct trap_frame *f = current_thread()->frame;
	f->rax = result;
	thread_return_to_user();
	/* The way out takes the frame as it is now, with whatever thread_set_state did
	 * while the thread was stopped (syscall_entry.S, MACH_MSG_TRAP_IN_FRAME). */
	frame_mark_changed(f);
}

void syscall_handler(struct trap_frame *f)
{
	int32_t number = (int32_t)f->rax;
	const struct mach_trap *t = mach_trap_lookup(number);
	if (!t) {
		char detail[48];
		snprintf(detail, sizeof(detail), "unknown Mach trap %d", number);
		f->rip -= 2;                 /* point at the syscall instruction */
		frame_mark_changed(f);
		user_fault(f, 6 /* #UD */, detail);
		/* A handler took it and set the thread's state; go back to user mode. */
		thread_return_to_user();
		return;
	}
	/* Only the first nargs are read, so the rest need no clearing. */
	uint64_t args[MACH_TRAP_MAX_ARGS];
	args[0] = f->rdi;
	args[1] = f->rsi;
	args[2] = f->rdx;
	args[3] = f->r10;
	args[4] = f->r8;
	args[5] = f->r9;
	if (t->nargs > 6 &&
	    copyin(f->rsp + 8, &args[6], (size_t)(t->nargs - 6) * sizeof(uint64_t)) != 0) {
		f->rax = KERN_INVALID_ADDRESS;
	} else {
		f->rax = t->fn(args);
	}
	if (thread_return_needs_work())
		thread_return_to_user();
}
