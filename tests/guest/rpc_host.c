/*
 * rpc_host.c — mach_host.defs through our mig's stubs: host_info flavors, the kernel
 * version, time (get, set, adjust, uptime), the processor and the default processor
 * set (info, assignments, what cannot be done on one processor), thread and task
 * priorities and policies, privileged calls refused on the plain host port; finally
 * host_reboot(RB_HALT) powers the machine off.
 */
//! modules() { printf '%s|%s\n' "$test_path" '/boot/rpc_host ${host-port} $(task-create) $(task-resume)'; }
//! expect_exit=poweroff
//! expect '^guest: [0-9]+ checks, 0 failed$'
//! expect '^kernel: host_reboot: powering off$'
#include "guest.h"
#include <mach/mach_interface.h>
#include <mach/mach_port.h>
#include <mach/mach_host.h>
#include <mach/host_info.h>
#include <mach/processor_info.h>
#include <mach/policy.h>

static int has(const char *s, const char *part)
{
	for (; *s; s++) {
		const char *a = s, *b = part;
		while (*a && *a == *b)
			a++, b++;
		if (!*b)
			return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	CHECK_EQ(argc, 2);
	mach_port_t host_priv = (mach_port_t)(argv[1][0] - '0'), host = mach_host_self();
	mach_port_t self = mach_task_self(), me = mach_thread_self();

	host_basic_info_data_t basic;
	mach_msg_type_number_t n = HOST_BASIC_INFO_COUNT;
	CHECK_EQ(host_info(host, HOST_BASIC_INFO, (host_info_t)&basic, &n), KERN_SUCCESS);
	CHECK_EQ(basic.max_cpus, 1);
	CHECK_EQ(basic.cpu_type, CPU_TYPE_X86_64);
	CHECK(basic.memory_size > 64ul * 1024 * 1024 && basic.memory_size <= 128ul * 1024 * 1024);
	host_sched_info_data_t sched;
	n = HOST_SCHED_INFO_COUNT;
	CHECK_EQ(host_info(host, HOST_SCHED_INFO, (host_info_t)&sched, &n), KERN_SUCCESS);
	CHECK_EQ(sched.min_timeout, 10);
	n = 1;
	CHECK_EQ(host_info(host, HOST_BASIC_INFO, (host_info_t)&basic, &n), KERN_FAILURE);
	n = HOST_BASIC_INFO_COUNT;
	CHECK_EQ(host_info(host, 77, (host_info_t)&basic, &n), KERN_INVALID_ARGUMENT);

	kernel_version_t version;
	CHECK_EQ(host_get_kernel_version(host, version), KERN_SUCCESS);
	CHECK(has(version, "Portico"));

	time_value_t t, t2, old;
	time_value64_t up;
	CHECK_EQ(host_get_time(host, &t), KERN_SUCCESS);
	CHECK(t.seconds > 1600000000);
	CHECK_EQ(host_get_uptime64(host, &up), KERN_SUCCESS);
	CHECK(up.seconds >= 0 && up.nanoseconds >= 0 && up.nanoseconds < 1000000000);
	CHECK_EQ(host_set_time(host, (time_value_t){ 2000000000, 0 }), KERN_INVALID_HOST);  /* not priv */
	CHECK_EQ(host_set_time(host_priv, (time_value_t){ 2000000000, 0 }), KERN_SUCCESS);
	CHECK_EQ(host_get_time(host, &t2), KERN_SUCCESS);
	CHECK(t2.seconds >= 2000000000 && t2.seconds < 2000000005);
	CHECK_EQ(host_adjust_time(host_priv, (time_value_t){ 100, 0 }, &old), KERN_SUCCESS);
	CHECK_EQ(host_get_time(host, &t2), KERN_SUCCESS);
	CHECK(t2.seconds >= 2000000100);

	mach_port_t pset_name, pset, assigned;
	CHECK_EQ(processor_set_default(host, &pset_name), KERN_SUCCESS);
	CHECK_EQ(host_processor_set_priv(host, pset_name, &pset), KERN_INVALID_ARGUMENT);   /* needs host_priv */
	CHECK_EQ(host_processor_set_priv(host_priv, pset_name, &pset), KERN_SUCCESS);
	processor_set_basic_info_data_t sinfo;
	mach_port_t info_host;
	n = PROCESSOR_SET_BASIC_INFO_COUNT;
	CHECK_EQ(processor_set_info(pset_name, PROCESSOR_SET_BASIC_INFO, &info_host, (processor_set_info_t)&sinfo, &n),
		 KERN_SUCCESS);
	CHECK_EQ(sinfo.processor_count, 1);
	CHECK_EQ(sinfo.task_count, 1);
	CHECK_EQ(info_host, host);
	CHECK_EQ(thread_get_assignment(me, &assigned), KERN_SUCCESS);
	CHECK_EQ(assigned, pset_name);
	CHECK_EQ(task_get_assignment(self, &assigned), KERN_SUCCESS);
	CHECK_EQ(thread_assign(me, pset), KERN_SUCCESS);
	CHECK_EQ(thread_assign_default(me), KERN_SUCCESS);
	mach_port_t new_set, new_name;
	CHECK_EQ(processor_set_create(host, &new_set, &new_name), KERN_FAILURE);
	CHECK_EQ(processor_set_destroy(pset), KERN_FAILURE);

	/* Priorities: 0 is the highest; the maximum bounds what a thread may set. */
	CHECK_EQ(thread_priority(me, 30, FALSE), KERN_SUCCESS);
	CHECK_EQ(thread_priority(me, 50, FALSE), KERN_INVALID_ARGUMENT);
	CHECK_EQ(thread_max_priority(me, pset, 20), KERN_SUCCESS);
	CHECK_EQ(thread_priority(me, 10, FALSE), KERN_FAILURE);
	CHECK_EQ(thread_priority(me, 25, FALSE), KERN_SUCCESS);
	CHECK_EQ(thread_max_priority(me, pset_name, 0), KERN_INVALID_ARGUMENT);  /* needs the control port */
	CHECK_EQ(task_priority(self, 25, TRUE), KERN_SUCCESS);
	CHECK_EQ(thread_policy(me, POLICY_TIMESHARE, 0), KERN_SUCCESS);
	CHECK_EQ(thread_policy(me, POLICY_FIXEDPRI, 10), KERN_FAILURE);
	CHECK_EQ(thread_policy(me, 9, 0), KERN_INVALID_ARGUMENT);
	CHECK_EQ(processor_set_policy_enable(pset, POLICY_FIXEDPRI), KERN_FAILURE);
	CHECK_EQ(processor_set_policy_disable(pset, POLICY_TIMESHARE, FALSE), KERN_FAILURE);
	CHECK_EQ(thread_depress_abort(me), KERN_SUCCESS);

	CHECK_EQ(host_reboot(host, 0x8), KERN_INVALID_HOST);
	if (guest_finish() != 0)
		return 1;
	host_reboot(host_priv, 0x8);                 /* RB_HALT: does not return */
	mach_print("not reached\n");
	return 1;
}
