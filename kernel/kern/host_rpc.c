/*
 * host_rpc.c — conversions for the host's ports (and, with mach_host.defs, its
 * routines). There is one host; host_t is a handle to it, valid or 0. The privileged
 * routines take host_priv, which only a host_priv port converts to.
 */
#include <kern/mig_convert.h>
#include <kern/host.h>

static struct host_object {
	int unused;
} the_host;

host_t convert_port_to_host(ipc_port_t p)
{
	if (!IP_VALID(p) || !p->active || (p->kotype != IKOT_HOST && p->kotype != IKOT_HOST_PRIV))
		return 0;
	return (host_t)&the_host;
}

host_t convert_port_to_host_priv(ipc_port_t p)
{
	if (!IP_VALID(p) || !p->active || p->kotype != IKOT_HOST_PRIV)
		return 0;
	return (host_t)&the_host;
}

ipc_port_t convert_host_to_port(host_t host)
{
	if (!host)
		return IP_NULL;
	ipc_port_make_send(host_port);
	return host_port;
}
