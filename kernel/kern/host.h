/*
 * host.h — the host object: its ports (host, host_priv) and the device master port.
 * Kernel-object ports live as long as the kernel.
 */
#ifndef KERN_HOST_H
#define KERN_HOST_H

struct ipc_port;

extern struct ipc_port *host_port, *host_priv_port, *device_master_port;

void host_init(void);

#endif
