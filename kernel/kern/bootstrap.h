/*
 * bootstrap.h — starting the first user task from the first boot module.
 */
#ifndef KERN_BOOTSTRAP_H
#define KERN_BOOTSTRAP_H

#include <kern/multiboot.h>

/* Loads module 1 (a static ELF64 executable) into a new task and runs it. */
__attribute__((noreturn)) void bootstrap_start(const struct boot_info *bi);

/* Bad boot input: says why on the console and halts (under the harness: ends the run
 * with EXIT_BOOT_FAILED). */
__attribute__((noreturn, format(printf, 1, 2))) void boot_fail(const char *fmt, ...);

#endif
