/*
 * bench.h — what the kernel-core benchmarks share (bench_ipc.c, bench_vm.c): the clock,
 * the report and the measuring loop, the task's port and server threads.
 *
 * Each benchmark times `rounds` rounds of `iters` operations with rdtsc and prints the
 * median cost of one operation as `bench-raw: NAME cycles=N`. Under -icount shift=0 the
 * TSC counts guest instructions, so N is instructions per operation, exact and
 * repeatable; without icount it counts host TSC cycles, which run-bench turns into
 * nanoseconds.
 */
#ifndef BENCH_H
#define BENCH_H

#include "portico_traps.h"
#include <stdint.h>

#define ITERS 200
#define ROUNDS 9
#define ROUNDS_MAX 15

extern mach_port_t self;

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* Prints `bench-raw: name cycles=M` with M the median of per_op[0..rounds) (which it
 * sorts) and returns M. */
uint64_t bench_report(const char *name, uint64_t *per_op, int rounds);
/* Prints `bench-raw: name cycles=v` for a figure derived from others. */
void bench_print(const char *name, uint64_t v);
/* Prints "bench: FAIL what" and ends the task with status 1: a benchmark whose
 * operation fails measures nothing. */
__attribute__((noreturn)) void bench_fail(const char *what);

/* Starts a thread of `task` running fn on `stack` (of `size` bytes). Another task than
 * ours works because client and server run the same program: fn and stack are at the
 * same addresses in both. */
void bench_start_thread(mach_port_t task, void (*fn)(void), char *stack, uint64_t size);
/* Blocks until this task has a right named `name` (another task plants it). */
void bench_wait_for_name(mach_port_t name);

/* Times `rounds` rounds of `iters` runs of `op` (after `setup`, untimed), reports the
 * median per operation and stores it in `median` (a uint64_t lvalue). */
#define MEASURE_N(name, rounds, iters, median, setup, op)              \
	do {                                                           \
		uint64_t per_op_[ROUNDS_MAX];                          \
		setup;                                                 \
		for (int r_ = 0; r_ < (rounds); r_++) {                \
			uint64_t t0_ = rdtsc();                        \
			for (int i_ = 0; i_ < (iters); i_++) {         \
				op;                                    \
			}                                              \
			per_op_[r_] = (rdtsc() - t0_) / (iters);       \
		}                                                      \
		(median) = bench_report(name, per_op_, (rounds));      \
	} while (0)

#define MEASURE(name, setup, op)                                       \
	do {                                                           \
		uint64_t ignored_;                                     \
		MEASURE_N(name, ROUNDS, ITERS, ignored_, setup, op);   \
		(void)ignored_;                                        \
	} while (0)

/* The VM benchmarks (bench_vm.c): the client side, given a send right to the server's
 * out-of-line service and a reply port; and that service's loop, in the server task. */
void bench_vm_client(mach_port_t ool_service, mach_port_t reply);
void bench_vm_serve(mach_port_t port);

#endif
