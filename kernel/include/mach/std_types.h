/* mach/std_types.h - the basic types MIG's std_types.defs refers to. */
#ifndef _MACH_STD_TYPES_H_
#define _MACH_STD_TYPES_H_

#define EXPORT_BOOLEAN
#include <mach/boolean.h>
#include <mach/kern_return.h>
#include <mach/port.h>
#include <mach/machine/vm_types.h>

typedef vm_offset_t pointer_t;		/* out-of-line data in a message */
typedef vm_offset_t vm_address_t;

#endif /* _MACH_STD_TYPES_H_ */
