/* Test-only stand-in for the C library's <mach/mig_support.h>: the declarations
 * generated user stubs call, so they compile on the host. */
#ifndef _MACH_MIG_SUPPORT_H_
#define _MACH_MIG_SUPPORT_H_
#include <mach/std_types.h>
#include <mach/message.h>
#include <string.h>
extern mach_port_t mig_get_reply_port(void);
extern void mig_dealloc_reply_port(mach_port_t);
extern void mig_put_reply_port(mach_port_t);
extern void mig_allocate(vm_address_t *, vm_size_t);
extern void mig_deallocate(vm_address_t, vm_size_t);
extern vm_size_t mig_strncpy(char *, const char *, vm_size_t);
#endif
