/*
 * mach/memory_object.h - types shared by the kernel and external memory managers:
 * the ports that name a memory object and the kernel's control of it, and the copy
 * and return strategies.
 */
#ifndef _MACH_MEMORY_OBJECT_H_
#define _MACH_MEMORY_OBJECT_H_

#include <mach/port.h>

typedef mach_port_t memory_object_t;		/* served by the memory manager */
typedef memory_object_t *memory_object_array_t;
typedef mach_port_t memory_object_control_t;	/* served by the kernel */
typedef mach_port_t memory_object_name_t;	/* names the object in vm_region */

/* How the kernel may copy the object's data. */
typedef int memory_object_copy_strategy_t;

#define MEMORY_OBJECT_COPY_NONE		0	/* copy eagerly */
#define MEMORY_OBJECT_COPY_CALL		1	/* ask the manager (memory_object_copy) */
#define MEMORY_OBJECT_COPY_DELAY	2	/* copy on write, the manager need not know */
#define MEMORY_OBJECT_COPY_TEMPORARY	3	/* like DELAY; the object is never shared */

/* Which pages memory_object_lock_request sends back. */
typedef int memory_object_return_t;

#define MEMORY_OBJECT_RETURN_NONE	0
#define MEMORY_OBJECT_RETURN_DIRTY	1
#define MEMORY_OBJECT_RETURN_ALL	2

#define MEMORY_OBJECT_NULL	MACH_PORT_NULL

#endif /* _MACH_MEMORY_OBJECT_H_ */
