/*
 * ipc_port.h — what MIG's kernel-server stubs include by this name (GNU MIG emits
 * `#include <ipc/ipc_port.h>` for KernelServer subsystems): the port type they pass.
 */
#ifndef IPC_IPC_PORT_H
#define IPC_IPC_PORT_H

#include <ipc/port.h>

typedef struct ipc_port *ipc_port_t;
#define IP_NULL ((ipc_port_t)0)
#define IP_DEAD ((ipc_port_t)-1)
#define IP_VALID(p) ((p) != IP_NULL && (p) != IP_DEAD)

#endif
