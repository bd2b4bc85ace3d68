/*
 * bench.c — the helpers the kernel-core benchmarks share (see bench.h).
 */
#include "bench.h"
#include <mach/mach_interface.h>
#include <mach/mach_port.h>
#include <mach/machine/thread_status.h>

mach_port_t self;

static void print_u64(uint64_t v)
{
	char buf[24];
	int i = sizeof(buf) - 1;
	buf[i] = '\0';
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	mach_print(buf + i);
}

void bench_print(const char *name, uint64_t v)
{
	mach_print("bench-raw: ");
	mach_print(name);
	mach_print(" cycles=");
	print_u64(v);
	mach_print("\n");
}

uint64_t bench_report(const char *name, uint64_t *per_op, int rounds)
{
	/* Insertion sort of a handful of values; the median is the middle one. */
	for (int i = 1; i < rounds; i++)
		for (int j = i; j > 0 && per_op[j - 1] > per_op[j]; j--) {
			uint64_t t = per_op[j];
			per_op[j] = per_op[j - 1];
			per_op[j - 1] = t;
		}
	bench_print(name, per_op[rounds / 2]);
	return per_op[rounds / 2];
}

void bench_fail(const char *what)
{
	mach_print("bench: FAIL ");
	mach_print(what);
	mach_print("\n");
	portico_task_exit(1);
}

void bench_start_thread(mach_port_t task, void (*fn)(void), char *stack, uint64_t size)
{
	mach_port_t th;
	struct i386_thread_state st;
	mach_msg_type_number_t n = i386_THREAD_STATE_COUNT;
	if (thread_create(task, &th) != KERN_SUCCESS)
		bench_fail("thread_create");
	thread_get_state(th, i386_THREAD_STATE, (thread_state_t)&st, &n);
	st.rip = (uint64_t)fn;
	st.ursp = (uint64_t)(stack + size - 8);    /* as after a call: rsp+8 aligned */
	thread_set_state(th, i386_THREAD_STATE, (thread_state_t)&st, i386_THREAD_STATE_COUNT);
	thread_resume(th);
}

void bench_wait_for_name(mach_port_t name)
{
	/* Without taking a message: the first one is the benchmark's. */
	mach_port_type_t type;
	while (mach_port_type(self, name, &type) != KERN_SUCCESS)
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 1);
}
