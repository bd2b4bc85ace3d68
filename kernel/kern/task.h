/*
 * task.h — tasks and threads, in the first form the foundation needs: a task is an
 * address space (pmap) with one thread; a thread has a kernel stack and the user
 * register frame it enters and leaves the kernel through.
 *
 * The kernel-core issue replaces this with Mach's tasks and threads (ports, many
 * threads, suspension, scheduler); the names and the lifetime rules below carry over.
 *
 * Lifetime: a task is created by task_create_user and owns its thread, pmap (and so its
 * user pages) and the thread's kernel stack. task_terminate_current frees all of them
 * once the CPU has left the thread's kernel stack. No reference counts yet: nothing
 * else holds a pointer to a task.
 */
#ifndef KERN_TASK_H
#define KERN_TASK_H

#include <stddef.h>
#include <stdint.h>
#include <arch/x86_64/pmap.h>
#include <arch/x86_64/trap.h>

#define TASK_NAME_MAX 32
#define KERNEL_STACK_ORDER 2          /* 16 KiB */

struct task;

struct thread {
	struct task *task;
	void *kstack;                 /* base of the kernel stack (2^order pages) */
	struct trap_frame *frame;     /* user state, at the top of the kernel stack */
};

struct task {
	int id;
	char name[TASK_NAME_MAX];
	struct pmap pmap;
	struct thread *thread;
};

void task_init(void);

/* A task with an empty user address space and one thread that will start at entry with
 * stack pointer rsp. NULL when out of memory. */
struct task *task_create_user(const char *name);
void thread_set_user_entry(struct thread *th, uint64_t entry, uint64_t rsp);

struct task *current_task(void);
struct thread *current_thread(void);

/* Switches to the thread's address space and runs it in user mode. */
__attribute__((noreturn)) void thread_run(struct thread *th);

/* Ends the running task (after a fatal fault, say): frees everything it owns and goes
 * on with the kernel's idle loop. */
__attribute__((noreturn)) void task_terminate_current(void);

#endif
