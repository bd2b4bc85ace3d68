/*
 * host.c — the host's kernel-object ports.
 */
#include <kern/host.h>
#include <ipc/port.h>
#include <kern/panic.h>

struct ipc_port *host_port, *host_priv_port, *device_master_port;

void host_init(void)
{
	ipc_port_init();
	host_port = ipc_port_alloc_kobject(IKOT_HOST, NULL);
	host_priv_port = ipc_port_alloc_kobject(IKOT_HOST_PRIV, NULL);
	device_master_port = ipc_port_alloc_kobject(IKOT_DEVICE_MASTER, NULL);
	if (!host_port || !host_priv_port || !device_master_port)
		panic("host: no memory for the host ports");
}
