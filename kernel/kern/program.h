/*
 * program.h — loading a static ELF64 executable into a task: its segments, a stack,
 * and argc/argv/envp on it (the initial state docs/abi.md describes).
 */
#ifndef KERN_PROGRAM_H
#define KERN_PROGRAM_H

#include <kern/task.h>
#include <stddef.h>

#define PROGRAM_MAX_ARGS 256

/* Loads image[0..size) into t (whose address space must be empty) and sets th to start
 * at its entry. On failure returns false with a one-line reason in err (ELF checks, or
 * out of memory); t may hold part of the program then and should be terminated. */
bool program_load(struct task *t, struct thread *th, const void *image, size_t size,
		  int argc, char *const *argv, char *err, size_t errlen);

#endif
