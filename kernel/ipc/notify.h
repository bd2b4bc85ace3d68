/*
 * notify.h — the kernel's notification messages (notify.defs): each is sent through a
 * send-once right the requester gave, which the call consumes. They are never blocked
 * by queue limits.
 */
#ifndef IPC_NOTIFY_H
#define IPC_NOTIFY_H

#include <ipc/port.h>

void ipc_notify_port_deleted(struct ipc_port *notify, mach_port_name_t name);
void ipc_notify_port_destroyed(struct ipc_port *notify, struct ipc_port *receive_right);
void ipc_notify_no_senders(struct ipc_port *notify, mach_port_mscount_t mscount);
/* Destroys a send-once right by sending a send-once notification through it. */
void ipc_notify_send_once(struct ipc_port *notify);
void ipc_notify_dead_name(struct ipc_port *notify, mach_port_name_t name);

#endif
