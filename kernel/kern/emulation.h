/*
 * emulation.h — a task's system-call emulation vector (mach.defs:
 * task_set_emulation_vector, task_get_emulation_vector, task_set_emulation): user
 * addresses indexed by system-call number from `min`, kept and handed back as GNU Mach
 * keeps them. Nothing consults them, as nothing does on GNU Mach's x86_64 `syscall`
 * entry: a positive trap number is still an invalid instruction.
 *
 * A child task shares its parent's vector (task_create, whatever inherit_memory says).
 * A shared vector is never changed in place: setting entries gives the task its own
 * copy first. `refs` counts the tasks sharing it; the last one frees it.
 */
#ifndef KERN_EMULATION_H
#define KERN_EMULATION_H

#include <stdint.h>
#include <mach/kern_return.h>

struct task;

struct task_emulation {
	uint32_t refs;
	int32_t min;                  /* system-call number of entries[0] */
	uint32_t count;
	uint64_t entries[];
};

void emulation_inherit(struct task *child, struct task *parent);
/* Drops the task's share (task end). */
void emulation_release(struct task *t);
/* Sets entries [start, start + count) of t's vector, which then covers its old range and
 * this one (zeros where nothing was set), as GNU Mach's does. KERN_RESOURCE_SHORTAGE. */
kern_return_t emulation_set(struct task *t, int32_t start, const uint64_t *entries,
			    uint32_t count);

#endif
