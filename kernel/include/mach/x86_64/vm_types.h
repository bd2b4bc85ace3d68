/*
 * mach/x86_64/vm_types.h - the machine word types every Mach interface is built from.
 *
 * On x86_64, natural_t/integer_t stay 32 bits (they size message counts and port
 * names) while addresses and sizes are 64 bits.  The rpc_* names are what travels in
 * a message; for a 64-bit user they are the same as the plain types.
 */
#ifndef _MACHINE_VM_TYPES_H_
#define _MACHINE_VM_TYPES_H_ 1

#ifndef __ASSEMBLER__

#include <stdint.h>

typedef unsigned int natural_t;
typedef int integer_t;

/* Word-sized counterparts of natural_t and integer_t. */
typedef unsigned long long_natural_t;
typedef long long_integer_t;

typedef uintptr_t vm_offset_t;
typedef vm_offset_t *vm_offset_array_t;
typedef uintptr_t vm_size_t;
typedef vm_size_t *vm_size_array_t;

/* Physical addresses are always 64 bits wide, in and out of messages. */
typedef unsigned long long phys_addr_t;
typedef unsigned long long rpc_phys_addr_t;
typedef rpc_phys_addr_t *rpc_phys_addr_array_t;

/* Message-side views: identical to the native types for a 64-bit user. */
typedef uintptr_t rpc_uintptr_t;
typedef vm_offset_t rpc_vm_address_t;
typedef vm_offset_t rpc_vm_offset_t;
typedef vm_size_t rpc_vm_size_t;
typedef long_natural_t rpc_long_natural_t;
typedef long_integer_t rpc_long_integer_t;
typedef rpc_vm_size_t *rpc_vm_size_array_t;
typedef rpc_vm_offset_t *rpc_vm_offset_array_t;

/* Conversions MIG's kernel-side stubs name; nothing to convert on a 64-bit user. */
#define convert_vm_to_user null_conversion
#define convert_vm_from_user null_conversion
#define convert_long_integer_to_user null_conversion
#define convert_long_integer_from_user null_conversion
#define convert_long_natural_to_user convert_vm_to_user
#define convert_long_natural_from_user convert_vm_from_user

#endif /* __ASSEMBLER__ */

/* The message type code that carries an integer_t. */
#define MACH_MSG_TYPE_INTEGER_T MACH_MSG_TYPE_INTEGER_32

#endif /* _MACHINE_VM_TYPES_H_ */
