/*
 * pager_proxy.h — memory-object proxies (mach4.defs, see pager_proxy.c).
 */
#ifndef KERN_PAGER_PROXY_H
#define KERN_PAGER_PROXY_H

#include <stdint.h>
#include <mach/kern_return.h>
#include <mach/vm_prot.h>

struct ipc_port;

/* What proxy port p stands for: the memory object (a send right the proxy keeps), the
 * protection ceiling and the window. KERN_INVALID_ARGUMENT if p is not a live proxy. */
kern_return_t pager_proxy_lookup(struct ipc_port *p, struct ipc_port **object, vm_prot_t *max,
				 uint64_t *offset, uint64_t *len);
/* The proxy's last send right went: it goes (ipc_port_last_send). */
void pager_proxy_no_senders(struct ipc_port *p);

#endif
