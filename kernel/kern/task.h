/*
 * task.h — tasks: an address space (pmap) and a set of threads (and, with the
 * kernel-core IPC, a port name space).
 *
 * Entry points: task_create_user, task_terminate, task_suspend / task_resume,
 * task_reference / task_deallocate, current_task.
 *
 * Lifetime: `refs` counts holders (each thread of the task holds one, so do ports and
 * kernel operations in progress); the creator gets one. task_terminate ends every thread
 * and releases the address space as soon as no thread runs in it; the struct itself is
 * freed with the last reference. A task with no threads is alive until terminated, as
 * in Mach.
 *
 * Until the VM issue brings maps and objects, a task's user pages are owned by its pmap.
 * Locking: as for threads (one CPU, interrupts off in the kernel).
 */
#ifndef KERN_TASK_H
#define KERN_TASK_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <kern/list.h>
#include <kern/thread.h>
#include <arch/x86_64/pmap.h>

#define TASK_NAME_MAX 32

struct ipc_space;
struct ipc_port;

struct task {
	int id;
	char name[TASK_NAME_MAX];
	struct pmap pmap;
	bool has_pmap;                /* false once released */
	struct list threads;          /* struct thread.task_link */
	int nthreads;
	int suspend_count;
	bool terminating;
	unsigned refs;
	struct ipc_space *space;      /* port names (ipc/space.h) */
	struct ipc_port *self_port;   /* kernel-object port naming this task */
};

/* How user tasks have ended so far (the test harness's verdict uses them). */
extern int tasks_exited_ok, tasks_killed_by_fault;

void task_init(void);

/* A task with an empty address space and no thread; the caller holds one reference.
 * NULL when out of memory. */
struct task *task_create_user(const char *name);

struct task *current_task(void);

void task_reference(struct task *t);
void task_deallocate(struct task *t);

/* Ends every thread of t (the current one last, if it is t's) and frees t's memory. */
void task_terminate(struct task *t);
void task_suspend(struct task *t);
/* false if t was not suspended. */
bool task_resume(struct task *t);

/* Hands the CPU to the runnable threads (the boot flow's last act). */
__attribute__((noreturn)) void sched_start(void);

#endif
