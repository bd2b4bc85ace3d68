/*
 * options.h — the kernel's boot options, from its command line (grub.cfg's `multiboot`
 * line): words separated by spaces; the first word is the kernel's own path.
 *
 *   test     running under the test harness: the machine ends (QEMU exits with a
 *            status) when a task exits, on panic, on boot failure or when no task is
 *            left, instead of halting or idling.
 *   test_panic, test_kernel_fault, test_double_fault
 *            after the machine is set up, panic / fault in kernel mode / fault with a
 *            broken kernel stack, so the tests can see each is reported (register dump,
 *            backtrace) and ends the run cleanly instead of resetting the machine.
 *   test_pmap
 *            before the first task, run the pmap's self-test (arch/x86_64/pmap_test.c).
 */
#ifndef KERN_OPTIONS_H
#define KERN_OPTIONS_H

#include <stdbool.h>

struct kernel_options {
	bool test;
	bool test_panic;
	bool test_kernel_fault;
	bool test_double_fault;
	bool test_pmap;
};

extern struct kernel_options kernel_options;

void options_parse(const char *cmdline);

#endif
