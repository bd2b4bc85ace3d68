/*
 * ipc_tt.h — the IPC side of tasks and threads: a task's name space and self port, a
 * thread's self port, and the traps that hand out rights to them.
 *
 * A self port is a kernel-object port (receive right held by the kernel) whose kobject
 * is the task or thread; it holds no reference on the object: ipc_task_terminate and
 * ipc_thread_terminate cut the link before the object goes.
 */
#ifndef KERN_IPC_TT_H
#define KERN_IPC_TT_H

#include <kern/task.h>
#include <mach/kern_return.h>
#include <mach/port.h>

kern_return_t ipc_task_init(struct task *t);
/* Kills the self port and destroys the name space (every right in it). */
void ipc_task_terminate(struct task *t);
void ipc_task_free(struct task *t);

kern_return_t ipc_thread_init(struct thread *th);
void ipc_thread_terminate(struct thread *th);

/* The running task's name space; NULL in a kernel thread. */
static inline struct ipc_space *current_space(void)
{
	struct task *t = current_task();
	return t ? t->space : NULL;
}

/* A send right to the port, copied out into the current space; its name. */
mach_port_name_t ipc_give_send_right(struct ipc_port *p);

#endif
