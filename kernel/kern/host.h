/*
 * host.h — the host object: its ports (host, host_priv) and the device master port.
 * Kernel-object ports live as long as the kernel.
 */
#ifndef KERN_HOST_H
#define KERN_HOST_H

#include <stdint.h>
#include <kern/list.h>

struct ipc_port;

extern struct ipc_port *host_port, *host_priv_port, *device_master_port;
/* The one processor and the default processor set (GNU Mach without MACH_HOST has just
 * these): their kernel-object ports. */
extern struct ipc_port *processor_port, *pset_port, *pset_name_port;
/* The default set's members, oldest first, as processor_set_tasks/threads list them:
 * every user task from its creation until task_kill (task.pset_link), every user thread
 * while it is on its task's list (thread.pset_link). The kernel's own threads have no
 * task and no port, and are not members. */
extern struct list pset_tasks, pset_threads;
/* The default set's limit on thread priorities (numerically the lowest allowed). */
extern int pset_max_priority;
/* Seconds added to the boot-time clock by host_set_time. */
extern int64_t host_time_offset;

void host_init(void);

#endif
