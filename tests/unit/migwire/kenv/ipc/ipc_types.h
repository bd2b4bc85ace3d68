/* kenv: the harness's stand-in for GNU Mach's kernel headers (see kern/kenv.h). */
#ifndef MIGWIRE_IPC_TYPES_H
#define MIGWIRE_IPC_TYPES_H
typedef struct ipc_port *ipc_port_t;
typedef struct ipc_space *ipc_space_t;
#define IP_NULL ((ipc_port_t) 0)
#define IP_NULL ((ipc_port_t) 0)
#endif
