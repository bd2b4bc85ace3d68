/*
 * mach/thread_status.h - the generic side of thread_get_state/thread_set_state; the
 * flavors themselves are machine-dependent (mach/machine/thread_status.h).
 */
#ifndef _MACH_THREAD_STATUS_H_
#define _MACH_THREAD_STATUS_H_

#include <mach/machine/vm_types.h>
#include <mach/machine/thread_status.h>

typedef natural_t *thread_state_t;

#define THREAD_STATE_MAX	(1024)	/* in natural_t units */
typedef natural_t thread_state_data_t[THREAD_STATE_MAX];

/* Flavor 0 on every machine: the list of flavors it supports. */
#define THREAD_STATE_FLAVOR_LIST	0

#endif /* _MACH_THREAD_STATUS_H_ */
