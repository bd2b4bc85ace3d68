/* mach/vm_wire.h - flags of vm_wire_all: what to keep resident. */
#ifndef _MACH_VM_WIRE_H_
#define _MACH_VM_WIRE_H_

typedef int vm_wire_t;

#define VM_WIRE_NONE	0
#define VM_WIRE_CURRENT	1	/* what is mapped now */
#define VM_WIRE_FUTURE	2	/* what will be mapped */
#define VM_WIRE_ALL	(VM_WIRE_CURRENT | VM_WIRE_FUTURE)

#endif /* _MACH_VM_WIRE_H_ */
