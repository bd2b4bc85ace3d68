/*
 * mach/x86_64/vm_param.h - page size and the user part of the address space.
 *
 * User space is the lower half of the canonical 48-bit space (128 TiB); the kernel
 * lives in the upper half.
 */
#ifndef _MACH_I386_VM_PARAM_H_
#define _MACH_I386_VM_PARAM_H_

#include <mach/machine/vm_types.h>

#define BYTE_SIZE	8	/* bits in a byte */

#define I386_PGBYTES	4096
#define I386_PGSHIFT	12
#define PAGE_SHIFT	I386_PGSHIFT

/* Bytes to pages and back, and rounding, on physical quantities. */
#define i386_btop(x)		(((phys_addr_t)(x)) >> I386_PGSHIFT)
#define i386_ptob(x)		(((phys_addr_t)(x)) << I386_PGSHIFT)
#define i386_round_page(x)	((((phys_addr_t)(x)) + I386_PGBYTES - 1) & ~(I386_PGBYTES - 1))
#define i386_trunc_page(x)	(((phys_addr_t)(x)) & ~(I386_PGBYTES - 1))

#define VM_MIN_ADDRESS		(0ULL)
#define VM_MAX_ADDRESS		(0x800000000000ULL)

#endif /* _MACH_I386_VM_PARAM_H_ */
