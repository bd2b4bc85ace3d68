/*
 * host_rpc.c — the host's ports and the routines of mach_host.defs.
 *
 * One processor and one processor set, as GNU Mach has without MACH_HOST: processor-set
 * creation, destruction and reassignment fail as they do there, assignment to the
 * default set succeeds. Only time-sharing scheduling exists (POLICY_FIXEDPRI cannot be
 * enabled). The lists (host_processors, host_processor_sets, processor_set_tasks and
 * processor_set_threads) travel out of line (kern/ool_reply.h); vm_wire is in vm_rpc.c.
 */
#include <kern/mig_convert.h>
#include <kern/host.h>
#include <kern/task.h>
#include <kern/sched.h>
#include <kern/machine.h>
#include <kern/console.h>
#include <kern/string.h>
#include <kern/ool_reply.h>
#include <vm/page_alloc.h>
#include <mach/mig_errors.h>
#include <mach/host_info.h>
#include <mach/processor_info.h>
#include <mach/policy.h>
#include "mach_host_S.h"

#define RB_HALT 0x08
#define RB_DEBUGGER 0x1000
#define PORTICO_VERSION "Portico 0.1 (x86_64), a Mach-style microkernel"

static struct host_object { int unused; } the_host;
static struct processor_object { int unused; } the_processor;
static struct pset_object { int unused; } the_pset;

host_t convert_port_to_host(ipc_port_t p)
{
	if (!IP_VALID(p) || !p->active || (p->kotype != IKOT_HOST && p->kotype != IKOT_HOST_PRIV))
		return 0;
	return (host_t)&the_host;
}

host_t convert_port_to_host_priv(ipc_port_t p)
{
	if (!IP_VALID(p) || !p->active || p->kotype != IKOT_HOST_PRIV)
		return 0;
	return (host_t)&the_host;
}

static ipc_port_t send_right(struct ipc_port *p)
{
	ipc_port_make_send(p);
	return p;
}

ipc_port_t convert_host_to_port(host_t host)
{
	return host ? send_right(host_port) : IP_NULL;
}

processor_t convert_port_to_processor(ipc_port_t p)
{
	return IP_VALID(p) && p->active && p->kotype == IKOT_PROCESSOR ? (processor_t)&the_processor : 0;
}

processor_set_t convert_port_to_pset(ipc_port_t p)
{
	return IP_VALID(p) && p->active && p->kotype == IKOT_PSET ? (processor_set_t)&the_pset : 0;
}

processor_set_t convert_port_to_pset_name(ipc_port_t p)
{
	return IP_VALID(p) && p->active && (p->kotype == IKOT_PSET || p->kotype == IKOT_PSET_NAME) ?
	       (processor_set_t)&the_pset : 0;
}

ipc_port_t convert_processor_to_port(processor_t processor)
{
	return processor ? send_right(processor_port) : IP_NULL;
}

ipc_port_t convert_pset_to_port(processor_set_t set)
{
	return set ? send_right(pset_port) : IP_NULL;
}

ipc_port_t convert_pset_name_to_port(processor_set_t set)
{
	return set ? send_right(pset_name_port) : IP_NULL;
}

/* ---- information ---- */

kern_return_t host_info(host_t host, int flavor, host_info_t out, mach_msg_type_number_t *count)
{
	if (!host)
		return KERN_INVALID_HOST;
	switch (flavor) {
	case HOST_BASIC_INFO: {
		if (*count < HOST_BASIC_INFO_COUNT)
			return KERN_FAILURE;
		struct vm_page_pool_stats ps;
		vm_page_pool_stats(&kernel_page_pool, &ps);
		host_basic_info_data_t info = { .max_cpus = 1, .avail_cpus = 1,
						.memory_size = (rpc_vm_size_t)ps.managed * 4096,
						.cpu_type = CPU_TYPE_X86_64, .cpu_subtype = CPU_SUBTYPE_AT386 };
		memcpy(out, &info, sizeof(info));
		*count = HOST_BASIC_INFO_COUNT;
		return KERN_SUCCESS;
	}
	case HOST_PROCESSOR_SLOTS:
		if (*count < 1)
			return KERN_FAILURE;
		out[0] = 0;
		*count = 1;
		return KERN_SUCCESS;
	case HOST_SCHED_INFO: {
		if (*count < HOST_SCHED_INFO_COUNT)
			return KERN_FAILURE;
		host_sched_info_data_t info = { .min_timeout = 1000 / HZ,
						.min_quantum = SCHED_QUANTUM * 1000 / HZ };
		memcpy(out, &info, sizeof(info));
		*count = HOST_SCHED_INFO_COUNT;
		return KERN_SUCCESS;
	}
	default:
		/* HOST_LOAD_INFO needs load averages the scheduler does not keep yet. */
		return KERN_INVALID_ARGUMENT;
	}
}

kern_return_t host_get_kernel_version(host_t host, kernel_version_t version)
{
	if (!host)
		return KERN_INVALID_HOST;
	strlcpy(version, PORTICO_VERSION, sizeof(kernel_version_t));
	return KERN_SUCCESS;
}

kern_return_t processor_info(processor_t processor, int flavor, host_t *host,
			     processor_info_t out, mach_msg_type_number_t *count)
{
	if (!processor)
		return KERN_INVALID_ARGUMENT;
	if (flavor != PROCESSOR_BASIC_INFO || *count < PROCESSOR_BASIC_INFO_COUNT)
		return KERN_FAILURE;
	processor_basic_info_data_t info = { .cpu_type = CPU_TYPE_X86_64,
					     .cpu_subtype = CPU_SUBTYPE_AT386, .running = TRUE,
					     .slot_num = 0, .is_master = TRUE };
	memcpy(out, &info, sizeof(info));
	*count = PROCESSOR_BASIC_INFO_COUNT;
	*host = (host_t)&the_host;
	return KERN_SUCCESS;
}

kern_return_t processor_set_info(processor_set_t set, int flavor, host_t *host,
				 processor_set_info_t out, mach_msg_type_number_t *count)
{
	if (!set)
		return KERN_INVALID_ARGUMENT;
	*host = (host_t)&the_host;
	if (flavor == PROCESSOR_SET_BASIC_INFO) {
		if (*count < PROCESSOR_SET_BASIC_INFO_COUNT)
			return KERN_FAILURE;
		processor_set_basic_info_data_t info = { .processor_count = 1,
							 .task_count = sched_user_tasks };
		memcpy(out, &info, sizeof(info));
		*count = PROCESSOR_SET_BASIC_INFO_COUNT;
		return KERN_SUCCESS;
	}
	if (flavor == PROCESSOR_SET_SCHED_INFO) {
		if (*count < PROCESSOR_SET_SCHED_INFO_COUNT)
			return KERN_FAILURE;
		processor_set_sched_info_data_t info = { .policies = POLICY_TIMESHARE,
							 .max_priority = pset_max_priority };
		memcpy(out, &info, sizeof(info));
		*count = PROCESSOR_SET_SCHED_INFO_COUNT;
		return KERN_SUCCESS;
	}
	return KERN_FAILURE;
}

/* ---- time ---- */

static void now(int64_t *sec, int64_t *usec)
{
	uint64_t us = machine_ticks() * (1000000 / HZ);
	*sec = (int64_t)machine_boot_time() + host_time_offset + (int64_t)(us / 1000000);
	*usec = (int64_t)(us % 1000000);
}

kern_return_t host_get_time(host_t host, time_value_t *t)
{
	if (!host)
		return KERN_INVALID_HOST;
	int64_t s, us;
	now(&s, &us);
	t->seconds = (integer_t)s;
	t->microseconds = (integer_t)us;
	return KERN_SUCCESS;
}

kern_return_t host_get_time64(host_t host, time_value64_t *t)
{
	if (!host)
		return KERN_INVALID_HOST;
	int64_t s, us;
	now(&s, &us);
	t->seconds = s;
	t->nanoseconds = us * 1000;
	return KERN_SUCCESS;
}

kern_return_t host_get_uptime64(host_t host, time_value64_t *t)
{
	if (!host)
		return KERN_INVALID_HOST;
	uint64_t us = machine_ticks() * (1000000 / HZ);
	t->seconds = (int64_t)(us / 1000000);
	t->nanoseconds = (int64_t)(us % 1000000) * 1000;
	return KERN_SUCCESS;
}

static kern_return_t set_time(host_t host_priv, int64_t seconds)
{
	if (!host_priv)
		return KERN_INVALID_HOST;
	int64_t s, us;
	host_time_offset = 0;
	now(&s, &us);
	host_time_offset = seconds - s;
	return KERN_SUCCESS;
}

kern_return_t host_set_time(host_t host_priv, time_value_t t)
{
	return set_time(host_priv, t.seconds);
}

kern_return_t host_set_time64(host_t host_priv, time_value64_t t)
{
	return set_time(host_priv, t.seconds);
}

/* Adjustments are applied at once (the clock is not slewed): the old adjustment left to
 * apply is therefore always zero. */
kern_return_t host_adjust_time(host_t host_priv, time_value_t adj, time_value_t *old)
{
	if (!host_priv)
		return KERN_INVALID_HOST;
	host_time_offset += adj.seconds;
	*old = (time_value_t){ 0, 0 };
	return KERN_SUCCESS;
}

kern_return_t host_adjust_time64(host_t host_priv, time_value64_t adj, time_value64_t *old)
{
	if (!host_priv)
		return KERN_INVALID_HOST;
	host_time_offset += adj.seconds;
	*old = (time_value64_t){ 0, 0 };
	return KERN_SUCCESS;
}

kern_return_t host_reboot(host_t host_priv, int options)
{
	if (!host_priv)
		return KERN_INVALID_HOST;
	if (options & RB_DEBUGGER)
		return KERN_FAILURE;            /* no kernel debugger to enter */
	kprintf("kernel: host_reboot: %s\n", (options & RB_HALT) ? "powering off" : "restarting");
	if (options & RB_HALT)
		machine_poweroff();
	machine_reboot();
}

/* ---- processors and sets ---- */

kern_return_t processor_start(processor_t p) { (void)p; return KERN_FAILURE; }
kern_return_t processor_exit(processor_t p) { (void)p; return KERN_FAILURE; }
kern_return_t processor_control(processor_t p, const processor_info_t cmd, mach_msg_type_number_t n)
{ (void)p; (void)cmd; (void)n; return KERN_FAILURE; }

kern_return_t processor_set_default(host_t host, processor_set_t *set)
{
	if (!host)
		return KERN_INVALID_ARGUMENT;
	*set = (processor_set_t)&the_pset;
	return KERN_SUCCESS;
}

kern_return_t host_processor_set_priv(host_t host_priv, processor_set_t name, processor_set_t *set)
{
	if (!host_priv || !name)
		return KERN_INVALID_ARGUMENT;
	*set = name;
	return KERN_SUCCESS;
}

kern_return_t processor_set_create(host_t host, processor_set_t *set, processor_set_t *name)
{ (void)host; (void)set; (void)name; return KERN_FAILURE; }
kern_return_t processor_set_destroy(processor_set_t set) { (void)set; return KERN_FAILURE; }
kern_return_t processor_assign(processor_t p, processor_set_t set, boolean_t wait)
{ (void)p; (void)set; (void)wait; return KERN_FAILURE; }

kern_return_t processor_get_assignment(processor_t p, processor_set_t *set)
{
	if (!p)
		return KERN_INVALID_ARGUMENT;
	*set = (processor_set_t)&the_pset;
	return KERN_SUCCESS;
}

kern_return_t thread_assign(thread_t thread, processor_set_t set)
{
	return thread && set ? KERN_SUCCESS : KERN_INVALID_ARGUMENT;
}

kern_return_t thread_assign_default(thread_t thread)
{
	return thread ? KERN_SUCCESS : KERN_INVALID_ARGUMENT;
}

kern_return_t thread_get_assignment(thread_t thread, processor_set_t *set)
{
	if (!thread)
		return KERN_INVALID_ARGUMENT;
	*set = (processor_set_t)&the_pset;
	return KERN_SUCCESS;
}

kern_return_t task_assign(task_t task, processor_set_t set, boolean_t threads)
{
	(void)threads;
	return task && set ? KERN_SUCCESS : KERN_INVALID_ARGUMENT;
}

kern_return_t task_assign_default(task_t task, boolean_t threads)
{
	(void)threads;
	return task ? KERN_SUCCESS : KERN_INVALID_ARGUMENT;
}

kern_return_t task_get_assignment(task_t task, processor_set_t *set)
{
	if (!task)
		return KERN_INVALID_ARGUMENT;
	*set = (processor_set_t)&the_pset;
	return KERN_SUCCESS;
}

/* ---- priorities and policies (0 is the highest priority, NRQS-1 the lowest) ---- */

static kern_return_t set_priority(struct thread *th, int priority, bool set_max)
{
	if (priority < 0 || priority >= NRQS)
		return KERN_INVALID_ARGUMENT;
	if (set_max)
		th->max_priority = priority;
	else if (priority < th->max_priority)
		return KERN_FAILURE;            /* better than the thread may have */
	th->base_priority = priority;
	if (!th->depressed)
		sched_set_priority(th, priority);
	return KERN_SUCCESS;
}

kern_return_t thread_priority(thread_t thread, int priority, boolean_t set_max)
{
	return thread ? set_priority((struct thread *)thread, priority, set_max) : KERN_INVALID_ARGUMENT;
}

kern_return_t thread_max_priority(thread_t thread, processor_set_t set, int max)
{
	struct thread *th = (struct thread *)thread;
	if (!th || !set)
		return KERN_INVALID_ARGUMENT;
	if (max < 0 || max >= NRQS)
		return KERN_INVALID_ARGUMENT;
	th->max_priority = max;
	if (th->base_priority < max)
		return set_priority(th, max, false);
	return KERN_SUCCESS;
}

kern_return_t task_priority(task_t task, int priority, boolean_t change_threads)
{
	struct task *t = (struct task *)task;
	if (!t)
		return KERN_INVALID_ARGUMENT;
	if (priority < 0 || priority >= NRQS)
		return KERN_INVALID_ARGUMENT;
	kern_return_t kr = KERN_SUCCESS;
	if (change_threads) {
		struct list *pos;
		list_for_each(pos, &t->threads) {
			struct thread *th = list_entry(pos, struct thread, task_link);
			if (set_priority(th, priority, false) != KERN_SUCCESS)
				kr = KERN_FAILURE;
		}
	}
	return kr;
}

kern_return_t processor_set_max_priority(processor_set_t set, int max, boolean_t change_threads)
{
	if (!set || max < 0 || max >= NRQS)
		return KERN_INVALID_ARGUMENT;
	pset_max_priority = max;
	(void)change_threads;           /* threads keep their own limits, as GNU Mach's do */
	return KERN_SUCCESS;
}

kern_return_t thread_policy(thread_t thread, int policy, int data)
{
	(void)data;
	if (!thread || invalid_policy(policy))
		return KERN_INVALID_ARGUMENT;
	return policy == POLICY_TIMESHARE ? KERN_SUCCESS : KERN_FAILURE;
}

kern_return_t processor_set_policy_enable(processor_set_t set, int policy)
{
	if (!set || invalid_policy(policy))
		return KERN_INVALID_ARGUMENT;
	return policy == POLICY_TIMESHARE ? KERN_SUCCESS : KERN_FAILURE;
}

kern_return_t processor_set_policy_disable(processor_set_t set, int policy, boolean_t change_threads)
{
	(void)change_threads;
	if (!set || invalid_policy(policy))
		return KERN_INVALID_ARGUMENT;
	return policy == POLICY_TIMESHARE ? KERN_FAILURE : KERN_SUCCESS;   /* cannot turn off */
}

kern_return_t thread_depress_abort(thread_t thread)
{
	struct thread *th = (struct thread *)thread;
	if (!th)
		return KERN_INVALID_ARGUMENT;
	timeout_cancel(&th->depress_timeout);
	if (th->depressed) {
		th->depressed = false;
		sched_set_priority(th, th->base_priority);
	}
	return KERN_SUCCESS;
}

kern_return_t thread_wire(host_t host_priv, thread_t thread, boolean_t wired)
{
	(void)wired;
	if (!host_priv)
		return KERN_INVALID_HOST;
	/* Kernel stacks are never paged out in Portico: every thread is wired already. */
	return thread ? KERN_SUCCESS : KERN_INVALID_ARGUMENT;
}

/* ---- lists, out of line (kern/ool_reply.h): send rights, oldest first ---- */

/* One processor: its port. */
kern_return_t host_processors(host_t host_priv, processor_array_t *list, mach_msg_type_number_t *n)
{
	struct ipc_port **a;
	if (!host_priv)
		return KERN_INVALID_ARGUMENT;
	if (ool_ports_alloc(1, &a) != KERN_SUCCESS)
		return KERN_RESOURCE_SHORTAGE;
	a[0] = convert_processor_to_port((processor_t)&the_processor);
	*list = (processor_array_t)a;
	*n = 1;
	return KERN_SUCCESS;
}

/* One set, the default: its name port (the control port takes host_priv). */
kern_return_t host_processor_sets(host_t host, processor_set_name_array_t *sets,
				  mach_msg_type_number_t *n)
{
	struct ipc_port **a;
	if (!host)
		return KERN_INVALID_ARGUMENT;
	if (ool_ports_alloc(1, &a) != KERN_SUCCESS)
		return KERN_RESOURCE_SHORTAGE;
	a[0] = convert_pset_name_to_port((processor_set_t)&the_pset);
	*sets = (processor_set_name_array_t)a;
	*n = 1;
	return KERN_SUCCESS;
}

/* A send right to the task or thread a set member's link belongs to. */
static struct ipc_port *task_member_port(struct list *link)
{
	struct task *t = list_entry(link, struct task, pset_link);
	task_reference(t);                      /* for convert_task_to_port to consume */
	return convert_task_to_port((task_t)t);
}

static struct ipc_port *thread_member_port(struct list *link)
{
	struct thread *th = list_entry(link, struct thread, pset_link);
	thread_reference(th);                   /* for convert_thread_to_port to consume */
	return convert_thread_to_port((thread_t)th);
}

/* The members on `head` as an out-of-line array of send rights, oldest first. */
static kern_return_t pset_members(struct list *head, struct ipc_port *(*port)(struct list *),
				  struct ipc_port ***out, mach_msg_type_number_t *n)
{
	uint32_t count = 0, i = 0;
	struct list *pos;
	list_for_each(pos, head)
		count++;
	if (ool_ports_alloc(count, out) != KERN_SUCCESS)
		return KERN_RESOURCE_SHORTAGE;
	list_for_each(pos, head)
		(*out)[i++] = port(pos);
	*n = count;
	return KERN_SUCCESS;
}

kern_return_t processor_set_tasks(processor_set_t set, task_array_t *tasks, mach_msg_type_number_t *n)
{
	struct ipc_port **a;
	if (!set)
		return KERN_INVALID_ARGUMENT;
	kern_return_t kr = pset_members(&pset_tasks, task_member_port, &a, n);
	if (kr == KERN_SUCCESS)
		*tasks = (task_array_t)a;
	return kr;
}

kern_return_t processor_set_threads(processor_set_t set, thread_array_t *threads,
				    mach_msg_type_number_t *n)
{
	struct ipc_port **a;
	if (!set)
		return KERN_INVALID_ARGUMENT;
	kern_return_t kr = pset_members(&pset_threads, thread_member_port, &a, n);
	if (kr == KERN_SUCCESS)
		*threads = (thread_array_t)a;
	return kr;
}
