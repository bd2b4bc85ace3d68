/*
 * mach/x86_64/mach_i386_types.h - types of the machine-specific RPCs (mach_i386.defs):
 * segment descriptors for the LDT/GDT calls and I/O-port permissions.
 */
#ifndef _MACH_MACH_I386_TYPES_H_
#define _MACH_MACH_I386_TYPES_H_

#ifndef __ASSEMBLER__
/* One raw 8-byte segment descriptor, as the processor sees it. */
struct descriptor {
	unsigned int low_word;
	unsigned int high_word;
};

typedef struct descriptor descriptor_t;
typedef struct descriptor *descriptor_list_t;
typedef const struct descriptor *const_descriptor_list_t;
#endif /* !__ASSEMBLER__ */

#ifndef MACH_KERNEL
typedef unsigned short io_port_t;
typedef mach_port_t io_perm_t;	/* a port naming a range of I/O ports */
#endif

#endif /* _MACH_MACH_I386_TYPES_H_ */
