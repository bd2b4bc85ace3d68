/* mach/mig_support.h — the helpers MIG-generated stubs call, as the harness provides
 * them (wire.c).  GNU Mach's headers do not ship this file (the C library does), so
 * the harness carries its own, declaring only what stubs use. */
#ifndef MIGWIRE_MIG_SUPPORT_H
#define MIGWIRE_MIG_SUPPORT_H

#include <string.h>		/* stubs copy arrays and measure strings */
#include <mach/message.h>
#include <mach/std_types.h>

mach_port_t mig_get_reply_port(void);
void mig_dealloc_reply_port(mach_port_t);
void mig_put_reply_port(mach_port_t);
void mig_allocate(vm_address_t *, vm_size_t);
void mig_deallocate(vm_address_t, vm_size_t);
vm_size_t mig_strncpy(char *, const char *, vm_size_t);

#endif
