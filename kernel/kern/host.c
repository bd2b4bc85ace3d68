/*
 * host.c — the host's kernel-object ports.
 */
#include <kern/host.h>
#include <ipc/port.h>
#include <kern/panic.h>
#include <stdint.h>

struct ipc_port *host_port, *host_priv_port, *device_master_port;
struct ipc_port *processor_port, *pset_port, *pset_name_port;
struct list pset_tasks = LIST_INIT(pset_tasks);
struct list pset_threads = LIST_INIT(pset_threads);
int pset_max_priority;
int64_t host_time_offset;

void host_init(void)
{
	ipc_port_init();
	host_port = ipc_port_alloc_kobject(IKOT_HOST, NULL);
	host_priv_port = ipc_port_alloc_kobject(IKOT_HOST_PRIV, NULL);
	device_master_port = ipc_port_alloc_kobject(IKOT_DEVICE_MASTER, NULL);
	processor_port = ipc_port_alloc_kobject(IKOT_PROCESSOR, NULL);
	pset_port = ipc_port_alloc_kobject(IKOT_PSET, NULL);
	pset_name_port = ipc_port_alloc_kobject(IKOT_PSET_NAME, NULL);
	if (!host_port || !host_priv_port || !device_master_port || !processor_port ||
	    !pset_port || !pset_name_port)
		panic("host: no memory for the host ports");
	pset_max_priority = 0;
}
