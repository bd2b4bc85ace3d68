/*
 * task.h — tasks: an address space (a VM map), a set of threads and a port name space.
 *
 * Entry points: task_create_user, task_kill, task_hold / task_release,
 * task_reference / task_deallocate, current_task.
 *
 * Lifetime: `refs` counts holders: one for being alive (dropped by task_kill), one per
 * thread of the task, one per kernel operation or conversion in progress; the creator
 * gets one more, to drop (or hand to convert_task_to_port, which consumes it).
 * task_kill ends every thread and releases the address space as soon as no thread runs
 * in it; the struct is freed with the last reference. A task with no threads is alive
 * until terminated, as in Mach.
 *
 * The task holds one reference on its map; the map's entries are removed when the task
 * ends (kernel callers that converted the task's port may hold the map a little longer).
 * Locking: as for threads (one CPU, interrupts off in the kernel).
 */
#ifndef KERN_TASK_H
#define KERN_TASK_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <kern/list.h>
#include <kern/thread.h>
#include <kern/sched.h>
#include <mach/port.h>
#include <vm/map.h>

#define TASK_NAME_MAX 32

struct ipc_space;
struct ipc_port;

#define TASK_PORT_REGISTER_MAX 3      /* mach_ports_register's array (GNU Mach's value) */

struct task {
	int id;
	char name[TASK_NAME_MAX];
	struct vm_map *map;           /* NULL once released */
	struct list threads;          /* struct thread.task_link */
	struct list pset_link;        /* on pset_tasks until task_kill (kern/host.h) */
	int nthreads;
	int suspend_count;
	bool terminating;
	unsigned refs;
	struct ipc_space *space;      /* port names (ipc/space.h) */
	struct ipc_port *self_port;   /* kernel-object port naming this task */
	mach_port_name_t self_name;   /* a hint: where mach_task_self last put its right */
	/* Send rights the kernel holds for the task (released when it ends). */
	struct ipc_port *exception_port, *bootstrap_port;
	struct ipc_port *registered[TASK_PORT_REGISTER_MAX];
	uint64_t dead_user_ticks, dead_system_ticks;  /* of its ended threads */
	uint64_t creation_tick;
	bool essential;               /* its death stops the system (task_set_essential) */
	uint8_t *io_bitmap;           /* I/O ports it may use (x86: set bit = denied), or NULL */
	struct task_emulation *emulation;   /* system-call emulation vector, or NULL */
};

/* How user tasks have ended so far (the test harness's verdict uses them). */
extern int tasks_exited_ok, tasks_killed_by_fault;

void task_init(void);

/* A task with an empty address space and no thread; the caller holds one reference.
 * NULL when out of memory. */
struct task *task_create_user(const char *name);
/* The same with a given address space (task_create's inherit_memory): consumes the
 * caller's reference on map, whether it succeeds or not. */
struct task *task_create_with_map(const char *name, struct vm_map *map);

/* Whether the running user thread must go through thread_return_to_user (to die, stop
 * or yield) rather than straight back to user mode: the check every trap makes on its
 * way out, inline. */
static inline bool thread_return_needs_work(void)
{
	return current_thread()->return_work | sched_resched_pending;
}

/* The running thread's task; NULL in a kernel thread. */
static inline struct task *current_task(void)
{
	struct thread *th = current_thread();
	return th ? th->task : NULL;
}

void task_reference(struct task *t);
void task_deallocate(struct task *t);

/* Ends every thread of t (the current one last, if it is t's) and frees t's memory. */
void task_kill(struct task *t);
void task_hold(struct task *t);
/* false if t was not suspended. */
bool task_release(struct task *t);

/* Hands the CPU to the runnable threads (the boot flow's last act). */
__attribute__((noreturn)) void sched_start(void);

#endif
