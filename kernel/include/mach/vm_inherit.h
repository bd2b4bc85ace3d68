/* mach/vm_inherit.h - what a child task gets of each region of its parent's map. */
#ifndef _MACH_VM_INHERIT_H_
#define _MACH_VM_INHERIT_H_

typedef int vm_inherit_t;

#define VM_INHERIT_SHARE	((vm_inherit_t) 0)	/* the same memory, shared */
#define VM_INHERIT_COPY		((vm_inherit_t) 1)	/* a copy-on-write copy */
#define VM_INHERIT_NONE		((vm_inherit_t) 2)	/* a hole */

#define VM_INHERIT_DEFAULT	VM_INHERIT_COPY

#endif /* _MACH_VM_INHERIT_H_ */
