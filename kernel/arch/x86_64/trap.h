/*
 * trap.h — the register frame every entry into the kernel builds (interrupts,
 * exceptions and the syscall instruction alike), and the per-CPU block found via %gs.
 *
 * Layout is shared with trap_entry.S and syscall_entry.S: change both together.
 */
#ifndef ARCH_X86_64_TRAP_H
#define ARCH_X86_64_TRAP_H

#include <stdint.h>
#include <stdbool.h>

struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector;         /* IDT vector, or VECTOR_SYSCALL */
	uint64_t error;          /* CPU error code, or 0 */
	uint64_t rip, cs, rflags, rsp, ss;   /* as the CPU pushes them for iretq */
};

#define VECTOR_SYSCALL 0x100

/* In the error slot of a syscall frame (0 as the entry pushes it): something changed
 * the frame since, so the return must restore it all (iretq, not sysret; see
 * syscall_entry.S). Whatever writes a user frame's registers marks it. */
#define FRAME_CHANGED 1
static inline void frame_mark_changed(struct trap_frame *f)
{
	f->error = FRAME_CHANGED;
}

/* Segment selectors (gdt.c builds the table in this order; syscall/sysret need it). */
#define SEL_KCODE  0x08
#define SEL_KDATA  0x10
#define SEL_UDATA  0x23          /* 0x20 | RPL 3 */
#define SEL_UCODE  0x2b          /* 0x28 | RPL 3 */
#define SEL_TSS    0x30

#define VEC_DE 0
#define VEC_DB 1
#define VEC_NMI 2
#define VEC_BP 3
#define VEC_OF 4
#define VEC_BR 5
#define VEC_UD 6
#define VEC_NM 7
#define VEC_DF 8
#define VEC_TS 10
#define VEC_NP 11
#define VEC_SS 12
#define VEC_GP 13
#define VEC_PF 14
#define VEC_MF 16
#define VEC_AC 17
#define VEC_MC 18
#define VEC_XM 19
#define VEC_TIMER 0x20
#define VEC_SPURIOUS 0xff

/* Per-CPU block: %gs points at it while in the kernel (swapgs on every user entry).
 * Offsets are used by syscall_entry.S. */
struct thread;
struct cpu_local {
	struct cpu_local *self;       /* %gs:0  */
	uint64_t kernel_rsp;          /* %gs:8  top of the running thread's kernel stack */
	uint64_t user_rsp;            /* %gs:16 scratch during syscall entry */
	struct thread *thread;        /* %gs:24 running thread, or NULL when idle */
};

extern struct cpu_local cpu0;

static inline int frame_from_user(const struct trap_frame *f) { return (f->cs & 3) == 3; }

/* Handlers called from the entry stubs. */
void trap_handler(struct trap_frame *f);
void syscall_handler(struct trap_frame *f);

/* A user thread's fault: offered to its exception handlers (thread's, then task's) as
 * exception_raise; if none takes it, reported on the console and the task is
 * terminated. Returns only when a handler took it (the thread resumes). */
void user_fault(struct trap_frame *f, uint64_t vector, const char *detail);

/* Return to whatever f describes; used to enter user mode the first time. */
__attribute__((noreturn)) void trap_return_to(struct trap_frame *f);

/* Runs fn(arg) on the given stack; never returns to the caller's stack. */
__attribute__((noreturn)) void call_on_stack(void *stack_top, void (*fn)(void *), void *arg);

void gdt_init(void);
void idt_init(void);
void syscall_init(void);
/* The TSS's rsp0 (unaligned: the TSS is packed), the stack an interrupt from user mode
 * starts on; written on every switch, so inline. */
typedef uint64_t tss_u64_unaligned __attribute__((aligned(1)));
extern tss_u64_unaligned *const tss_rsp0;
static inline void tss_set_kernel_stack(uint64_t rsp0)
{
	*tss_rsp0 = rsp0;
}
/* The running task's I/O permission bitmap (8 KiB, set bit = denied), or NULL for none;
 * `changed` forces a reload of the same bitmap after it was modified. */
void tss_set_io_bitmap(const uint8_t *bitmap, bool changed);
/* Whether the TSS lets any port through (a bitmap is loaded); false: all denied. */
extern bool tss_io_open;
/* At a switch: the next task's bitmap, or none; nothing to do between two tasks
 * without one. */
static inline void tss_switch_io_bitmap(const uint8_t *bitmap)
{
	if (bitmap || tss_io_open)
		tss_set_io_bitmap(bitmap, false);
}
void tss_forget_io_bitmap(const uint8_t *bitmap);

#endif
