/*
 * thread.h — kernel threads: the unit the scheduler runs. A user thread belongs to a
 * task and enters and leaves the kernel through the trap frame at the top of its kernel
 * stack; a kernel thread (the idle thread) has no task.
 *
 * Entry points: thread_create_user, thread_kill, thread_hold/thread_release (suspension counts),
 * thread_interrupt_wait, thread_return_to_user (the hook every return to user mode runs).
 *
 * Lifetime: a thread is owned by its task's thread list until it terminates; `refs`
 * counts other holders (its port, a waiting IPC operation ...). A thread terminates
 * itself: thread_kill on another thread only marks it and interrupts its wait, and
 * it dies on its way back to user mode, so no kernel operation is cut in the middle.
 * Its kernel stack is freed by the next thread to run (sched_after_switch), since no
 * thread can free the stack it is running on; the struct is freed when refs reaches 0.
 *
 * Locking: one CPU, and the kernel runs with interrupts off (interrupt gates, syscall
 * FMASK), so thread and scheduler state is only touched by one flow at a time. A second
 * CPU needs a scheduler lock and per-thread locks at the points marked in sched.c.
 */
#ifndef KERN_THREAD_H
#define KERN_THREAD_H

#include <kern/list.h>
#include <kern/timeout.h>
#include <stdbool.h>
#include <stdint.h>

struct task;
struct trap_frame;
struct fpu_area;
struct waitq;

/* Priorities as in GNU Mach: 0 is the highest, NRQS-1 the lowest. */
#define NRQS 50
#define BASEPRI_USER 25
#define MAXPRI_USER 0
#define IDLE_PRIORITY NRQS

#define KERNEL_STACK_ORDER 2          /* 16 KiB */
#define KERNEL_STACK_SIZE (4096ul << KERNEL_STACK_ORDER)

enum thread_state {
	THREAD_RUNNING,       /* on the CPU */
	THREAD_RUNNABLE,      /* on a run queue */
	THREAD_WAITING,       /* on a wait queue (or just blocked) */
	THREAD_HANDOFF,       /* woken to run next by handoff; on no queue (sched.h) */
	THREAD_STOPPED,       /* suspended, off every queue */
	THREAD_DEAD,
};

/* How a wait ended (GNU Mach's values). */
#define THREAD_AWAKENED    0
#define THREAD_TIMED_OUT   1
#define THREAD_INTERRUPTED 2
#define THREAD_RESTART     3

struct thread {
	struct list task_link;        /* on task->threads */
	struct list pset_link;        /* on pset_threads while on task->threads (kern/host.h) */
	struct list sched_link;       /* on a run queue or a wait queue */
	struct task *task;            /* NULL for kernel threads */
	int id;
	enum thread_state state;

	/* Waiting. */
	struct waitq *waitq;          /* the queue waited on, or NULL */
	bool interruptible;
	int wait_result;
	struct timeout timeout;

	/* A receive in progress (ipc/mqueue.c): set before the thread waits. */
	struct ipc_kmsg *ipc_kmsg;    /* a message handed straight to it, or NULL */
	uint32_t ipc_rcv_size;        /* the largest message its buffer takes; read only
					 * while it waits on a receivers queue, and every
					 * such wait sets it first */

	/* Scheduling. */
	int priority;                 /* current (0 highest) */
	int base_priority, max_priority;
	int quantum;                  /* ticks left in this turn */
	int suspend_count;
	bool terminating;             /* dies at the next return to user mode */
	/* terminating, or it or its task suspended: thread_return_to_user has work. Kept by
	 * thread_update_return_work after every change of those, so that the check every
	 * trap makes on its way out (thread_return_needs_work) is one load. */
	bool return_work;
	bool depressed;               /* priority depressed by swtch_pri/thread_switch */
	struct timeout depress_timeout;

	/* Machine state. */
	uint64_t ksp;                 /* saved kernel stack pointer while switched out */
	void *kstack;
	struct trap_frame *frame;     /* user registers, at the top of the kernel stack */
	struct fpu_area *fpu;         /* FPU/SSE/AVX state, allocated on first use */
	uint64_t fs_base, gs_base;    /* user segment bases */
	uint64_t debug_regs[8];       /* hardware breakpoints, DR0-DR7 (arch debug_state.c) */

	unsigned refs;                /* holders other than the task's list */
	struct ipc_port *self_port;   /* kernel-object port naming this thread */
	struct ipc_port *exception_port;  /* a send right, or NULL */
	struct ipc_port *kernel_reply;    /* the kernel's RPCs from this thread (exception.c) */
	uint64_t user_ticks, system_ticks, creation_tick;
	char name[32];                /* thread_set_name (kernel_debug_name_t) */
};

void thread_init(void);

/* A new user thread in task t, stopped (suspend_count 1) unless `run`; its registers are
 * zero until set. NULL when out of memory. */
struct thread *thread_create_user(struct task *t, bool run);
void thread_set_user_entry(struct thread *th, uint64_t entry, uint64_t rsp);
/* A kernel thread running fn() at `priority`, runnable at once. */
struct thread *thread_create_kernel(void (*fn)(void), int priority);

/* The running thread (sched.c); read on every trap, so inline. */
extern struct thread *sched_current_thread;
static inline struct thread *current_thread(void)
{
	return sched_current_thread;
}

void thread_reference(struct thread *th);
void thread_deallocate(struct thread *th);

/* Marks th to die and wakes it if it waits interruptibly or is stopped. Returns at once
 * unless th is the current thread, which never returns. */
void thread_kill(struct thread *th);
__attribute__((noreturn)) void thread_terminate_self(void);

void thread_hold(struct thread *th);
/* Recomputes th->return_work (see struct thread). */
void thread_update_return_work(struct thread *th);
/* false if th was not suspended. */
bool thread_release(struct thread *th);
/* Interrupts an interruptible wait (mach_msg returns ..._INTERRUPTED). */
void thread_interrupt_wait(struct thread *th);

/* Run on every return to user mode: terminates, stops or yields the current thread as
 * its flags say. */
void thread_return_to_user(void);

/* First code a new user thread runs (from the machine layer), on its own stack, with
 * the thread that ran before it. Then it returns to user mode. */
void thread_first_run(struct thread *prev);

#endif
