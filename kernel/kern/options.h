/*
 * options.h — the kernel's boot options, from its command line (grub.cfg's `multiboot`
 * line): words separated by spaces; the first word is the kernel's own path.
 *
 *   test     running under the test harness: the machine ends (QEMU exits with a
 *            status) when a task exits, on panic, on boot failure or when no task is
 *            left, instead of halting or idling.
 */
#ifndef KERN_OPTIONS_H
#define KERN_OPTIONS_H

#include <stdbool.h>

struct kernel_options {
	bool test;
};

extern struct kernel_options kernel_options;

void options_parse(const char *cmdline);

#endif
