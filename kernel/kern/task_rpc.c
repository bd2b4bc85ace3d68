/*
 * task_rpc.c — the task routines of mach.defs, served in the kernel through the stubs
 * our mig generates (kernel/kserver/machServer.c). Conversions follow mig_convert.h;
 * out-of-line replies (task_threads, mach_ports_lookup) follow kern/ool_reply.h. The VM
 * and memory-object routines of mach.defs are in vm_rpc.c.
 */
#include <kern/mig_convert.h>
#include "mach_S.h"      /* the generated server header: prototypes checked */
#include <kern/task.h>
#include <kern/sched.h>
#include <kern/machine.h>
#include <kern/string.h>
#include <ipc/right.h>
#include <kern/ool_reply.h>
#include <kern/emulation.h>
#include <vm/kmem.h>
#include <vm/map_copy.h>
#include <mach/mig_errors.h>
#include <mach/task_info.h>
#include <mach/task_special_ports.h>

#define TASK(t) ((struct task *)(t))

task_t convert_port_to_task(ipc_port_t p)
{
	if (!IPC_PORT_VALID(p) || !p->active || p->kotype != IKOT_TASK || !p->kobject)
		return 0;
	struct task *t = p->kobject;
	if (t->terminating)
		return 0;
	task_reference(t);
	return (task_t)t;
}

/* As in GNU Mach, this consumes a task reference (the one a routine returns with the
 * task) and produces a send right. */
ipc_port_t convert_task_to_port(task_t task)
{
	struct task *t = TASK(task);
	if (!t)
		return IP_NULL;
	struct ipc_port *p = t->self_port;
	if (p)
		ipc_port_make_send(p);
	task_deallocate(t);
	return p ? p : IP_NULL;
}

void time_from_ticks(uint64_t ticks, rpc_time_value_t *tv, time_value64_t *tv64)
{
	uint64_t us = ticks * (1000000 / HZ);
	if (tv) {
		tv->seconds = (integer_t)(us / 1000000);
		tv->microseconds = (integer_t)(us % 1000000);
	}
	if (tv64) {
		tv64->seconds = (int64_t)(us / 1000000);
		tv64->nanoseconds = (int64_t)(us % 1000000) * 1000;
	}
}

void time_of_tick(uint64_t tick, rpc_time_value_t *tv, time_value64_t *tv64)
{
	uint64_t us = tick * (1000000 / HZ);
	uint64_t s = machine_boot_time() + us / 1000000;
	if (tv) {
		tv->seconds = (integer_t)s;
		tv->microseconds = (integer_t)(us % 1000000);
	}
	if (tv64) {
		tv64->seconds = (int64_t)s;
		tv64->nanoseconds = (int64_t)(us % 1000000) * 1000;
	}
}

kern_return_t task_create(task_t parent, boolean_t inherit_memory, task_t *child)
{
	if (!parent)
		return KERN_INVALID_ARGUMENT;
	struct task *t;
	if (inherit_memory) {
		/* Each entry as its inheritance says: shared, copy-on-write, or left out. */
		struct vm_map *map = TASK(parent)->map ? vm_map_fork(TASK(parent)->map) : NULL;
		t = map ? task_create_with_map(TASK(parent)->name, map) : NULL;
	} else {
		t = task_create_user(TASK(parent)->name);
	}
	if (!t)
		return KERN_RESOURCE_SHORTAGE;
	emulation_inherit(t, TASK(parent));
	*child = (task_t)t;
	return KERN_SUCCESS;
}

kern_return_t task_terminate(task_t task)
{
	if (!task)
		return KERN_INVALID_ARGUMENT;
	/* Killing our own task does not come back: drop the stub's reference now. */
	if (TASK(task) == current_task())
		task_deallocate(TASK(task));
	task_kill(TASK(task));
	return KERN_SUCCESS;
}

kern_return_t task_suspend(task_t task)
{
	if (!task)
		return KERN_INVALID_ARGUMENT;
	task_hold(TASK(task));
	return KERN_SUCCESS;
}

kern_return_t task_resume(task_t task)
{
	if (!task)
		return KERN_INVALID_ARGUMENT;
	return task_release(TASK(task)) ? KERN_SUCCESS : KERN_FAILURE;
}

kern_return_t task_info(task_t task, int flavor, task_info_t out, mach_msg_type_number_t *count)
{
	struct task *t = TASK(task);
	if (!t)
		return KERN_INVALID_ARGUMENT;
	switch (flavor) {
	case TASK_BASIC_INFO: {
		task_basic_info_data_t info;
		if (*count < TASK_BASIC_INFO_COUNT)
			return KERN_INVALID_ARGUMENT;
		memset(&info, 0, sizeof(info));
		info.suspend_count = t->suspend_count;
		info.base_priority = BASEPRI_USER;
		info.virtual_size = t->map ? t->map->size : 0;
		info.resident_size = t->map ? t->map->pmap.resident * 4096 : 0;
		time_from_ticks(t->dead_user_ticks, &info.user_time, &info.user_time64);
		time_from_ticks(t->dead_system_ticks, &info.system_time, &info.system_time64);
		time_of_tick(t->creation_tick, &info.creation_time, &info.creation_time64);
		memcpy(out, &info, sizeof(info));
		*count = TASK_BASIC_INFO_COUNT;
		return KERN_SUCCESS;
	}
	case TASK_THREAD_TIMES_INFO: {
		task_thread_times_info_data_t info;
		if (*count < TASK_THREAD_TIMES_INFO_COUNT)
			return KERN_INVALID_ARGUMENT;
		uint64_t user = 0, system = 0;
		struct list *pos;
		list_for_each(pos, &t->threads) {
			struct thread *th = list_entry(pos, struct thread, task_link);
			user += th->user_ticks;
			system += th->system_ticks;
		}
		memset(&info, 0, sizeof(info));
		time_from_ticks(user, &info.user_time, &info.user_time64);
		time_from_ticks(system, &info.system_time, &info.system_time64);
		memcpy(out, &info, sizeof(info));
		*count = TASK_THREAD_TIMES_INFO_COUNT;
		return KERN_SUCCESS;
	}
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

static struct ipc_port **special_slot(struct task *t, int which)
{
	switch (which) {
	case TASK_EXCEPTION_PORT: return &t->exception_port;
	case TASK_BOOTSTRAP_PORT: return &t->bootstrap_port;
	default: return NULL;
	}
}

kern_return_t task_get_special_port(task_t task, int which, ipc_port_t *port)
{
	struct task *t = TASK(task);
	if (!t)
		return KERN_INVALID_ARGUMENT;
	if (which == TASK_KERNEL_PORT) {
		task_reference(t);              /* for convert_task_to_port to consume */
		*port = convert_task_to_port(task);
		return KERN_SUCCESS;
	}
	struct ipc_port **slot = special_slot(t, which);
	if (!slot)
		return KERN_INVALID_ARGUMENT;
	*port = *slot;
	if (IPC_PORT_VALID(*port))
		ipc_port_copy_send(*port);
	return KERN_SUCCESS;
}

kern_return_t task_set_special_port(task_t task, int which, ipc_port_t port)
{
	struct task *t = TASK(task);
	if (!t)
		return KERN_INVALID_ARGUMENT;
	struct ipc_port **slot = special_slot(t, which);
	if (!slot)
		return KERN_INVALID_ARGUMENT;       /* the kernel port cannot be replaced */
	if (*slot)
		ipc_right_release_carried(*slot, MACH_MSG_TYPE_PORT_SEND);
	*slot = IPC_PORT_VALID(port) ? port : NULL;  /* the request's send right is ours now */
	return KERN_SUCCESS;
}

/* The request's array (kernel form, kmsg_ool.h) and its send rights are ours on
 * success: the rights are kept, null and dead ones as they are (as GNU Mach keeps
 * them), and the buffer freed. On failure the request is destroyed with both. */
kern_return_t mach_ports_register(task_t task, mach_port_array_t ports, mach_msg_type_number_t count)
{
	struct task *t = TASK(task);
	if (!t || count > TASK_PORT_REGISTER_MAX)
		return KERN_INVALID_ARGUMENT;
	for (unsigned i = 0; i < TASK_PORT_REGISTER_MAX; i++) {
		ipc_right_release_carried(t->registered[i], MACH_MSG_TYPE_PORT_SEND);
		t->registered[i] = i < count ? (struct ipc_port *)ports[i] : NULL;
	}
	ool_ports_free((struct ipc_port **)ports, count);
	return KERN_SUCCESS;
}

/* A send right copied from a right the kernel holds, for a reply: NULL stays NULL, a
 * dead port is MACH_PORT_DEAD (as GNU Mach's ipc_port_copy_send gives them). */
static struct ipc_port *copy_send(struct ipc_port *p)
{
	if (!IPC_PORT_VALID(p))
		return p;
	if (!p->active)
		return IPC_PORT_DEAD;
	ipc_port_copy_send(p);
	return p;
}

/* Always TASK_PORT_REGISTER_MAX slots, unregistered ones null, as GNU Mach answers. */
kern_return_t mach_ports_lookup(task_t task, mach_port_array_t *ports, mach_msg_type_number_t *count)
{
	struct task *t = TASK(task);
	struct ipc_port **a;
	if (!t || t->terminating)
		return KERN_INVALID_ARGUMENT;
	if (ool_ports_alloc(TASK_PORT_REGISTER_MAX, &a) != KERN_SUCCESS)
		return KERN_RESOURCE_SHORTAGE;
	for (unsigned i = 0; i < TASK_PORT_REGISTER_MAX; i++)
		a[i] = copy_send(t->registered[i]);
	*ports = (mach_port_array_t)a;
	*count = TASK_PORT_REGISTER_MAX;
	return KERN_SUCCESS;
}

/* Send rights to the task's threads, in the order they were created (the task's list). */
kern_return_t task_threads(task_t task, thread_array_t *threads, mach_msg_type_number_t *count)
{
	struct task *t = TASK(task);
	struct ipc_port **a;
	if (!t)
		return KERN_INVALID_ARGUMENT;
	if (t->terminating)
		return KERN_FAILURE;
	if (ool_ports_alloc((uint32_t)t->nthreads, &a) != KERN_SUCCESS)
		return KERN_RESOURCE_SHORTAGE;
	unsigned i = 0;
	struct list *pos;
	list_for_each(pos, &t->threads) {
		struct thread *th = list_entry(pos, struct thread, task_link);
		thread_reference(th);           /* for convert_thread_to_port to consume */
		a[i++] = convert_thread_to_port((thread_t)th);
	}
	*threads = (thread_array_t)a;
	*count = i;
	return KERN_SUCCESS;
}

/* ---- system-call emulation vectors (kern/emulation.h) ---- */

/* GNU Mach's code for these three routines when the port names no task:
 * EML_MOD (err_kern | err_sub(2)) | 1. */
#define EML_BAD_TASK 0x8001

/* Out of line (kern/ool_reply.h): 0 and no start when the task has none; an empty
 * vector keeps its start. */
kern_return_t task_get_emulation_vector(task_t task, int *start, emulation_vector_t *vector,
					mach_msg_type_number_t *count)
{
	struct task *t = TASK(task);
	if (!t)
		return EML_BAD_TASK;
	struct task_emulation *v = t->emulation;
	struct vm_map_copy *copy = NULL;
	if (v && v->count && !(copy = vm_map_copy_from_kernel(v->entries, (uint64_t)v->count * 8)))
		return KERN_RESOURCE_SHORTAGE;
	*start = v ? v->min : 0;
	*vector = (emulation_vector_t)copy;
	*count = v ? v->count : 0;
	return KERN_SUCCESS;
}

/* The request's vector arrives as a map copy (kmsg_ool.h): read, and discarded once
 * the entries are set (ours on success; destroyed with the request otherwise). */
kern_return_t task_set_emulation_vector(task_t task, int start, emulation_vector_t vector,
					mach_msg_type_number_t count)
{
	struct task *t = TASK(task);
	struct vm_map_copy *copy = (struct vm_map_copy *)vector;
	if (!t)
		return EML_BAD_TASK;
	uint64_t bytes = (uint64_t)count * 8, *entries = NULL;
	if (copy ? copy->size < bytes : count != 0)
		return KERN_INVALID_ARGUMENT;        /* cannot come from the stub: a guard */
	if (count) {
		if (!(entries = kmem_alloc(bytes)))
			return KERN_RESOURCE_SHORTAGE;
		vm_map_copy_read(copy, 0, entries, bytes);
	}
	kern_return_t kr = emulation_set(t, start, entries, count);
	if (entries)
		kmem_free(entries, bytes);
	if (kr == KERN_SUCCESS)
		vm_map_copy_discard(copy);
	return kr;
}

kern_return_t task_set_emulation(task_t task, vm_address_t entry, int number)
{
	struct task *t = TASK(task);
	uint64_t e = entry;
	return t ? emulation_set(t, number, &e, 1) : EML_BAD_TASK;
}

/* Portico has no restartable atomic sequences, nor has GNU Mach: this always fails. */
kern_return_t task_ras_control(task_t task, vm_address_t base, vm_address_t bound, int flavor)
{
	(void)task; (void)base; (void)bound; (void)flavor;
	return KERN_FAILURE;
}
