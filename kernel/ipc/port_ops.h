/*
 * port_ops.h — the operations of mach_port.defs on a name space, shared by the kernel's
 * RPC server (kern/ipc_kobject.c) and the syscall_mach_port_* traps. Each returns the
 * kern_return_t GNU Mach documents for the call.
 */
#ifndef IPC_PORT_OPS_H
#define IPC_PORT_OPS_H

#include <ipc/space.h>

kern_return_t port_op_allocate(struct ipc_space *s, mach_port_right_t right, mach_port_name_t *name);
kern_return_t port_op_allocate_name(struct ipc_space *s, mach_port_right_t right, mach_port_name_t name);
kern_return_t port_op_deallocate(struct ipc_space *s, mach_port_name_t name);
kern_return_t port_op_destroy(struct ipc_space *s, mach_port_name_t name);
kern_return_t port_op_mod_refs(struct ipc_space *s, mach_port_name_t name, mach_port_right_t right,
			       mach_port_delta_t delta);
kern_return_t port_op_get_refs(struct ipc_space *s, mach_port_name_t name, mach_port_right_t right,
			       mach_port_urefs_t *refs);
kern_return_t port_op_type(struct ipc_space *s, mach_port_name_t name, mach_port_type_t *type);
kern_return_t port_op_rename(struct ipc_space *s, mach_port_name_t old, mach_port_name_t new_name);
/* On failure the carried right p is still the caller's to release. */
kern_return_t port_op_insert_right(struct ipc_space *s, mach_port_name_t name, struct ipc_port *p,
				   mach_msg_type_name_t kind);
kern_return_t port_op_extract_right(struct ipc_space *s, mach_port_name_t name,
				    mach_msg_type_name_t disposition, struct ipc_port **p,
				    mach_msg_type_name_t *kind);
kern_return_t port_op_move_member(struct ipc_space *s, mach_port_name_t member, mach_port_name_t after);
kern_return_t port_op_set_qlimit(struct ipc_space *s, mach_port_name_t name, mach_port_msgcount_t qlimit);
kern_return_t port_op_set_mscount(struct ipc_space *s, mach_port_name_t name, mach_port_mscount_t mscount);
kern_return_t port_op_set_seqno(struct ipc_space *s, mach_port_name_t name, mach_port_seqno_t seqno);
kern_return_t port_op_get_receive_status(struct ipc_space *s, mach_port_name_t name,
					 mach_port_status_t *status);
kern_return_t port_op_request_notification(struct ipc_space *s, mach_port_name_t name, mach_msg_id_t id,
					   mach_port_mscount_t sync, struct ipc_port *notify,
					   struct ipc_port **previous);
kern_return_t port_op_set_protected_payload(struct ipc_space *s, mach_port_name_t name, uint64_t payload);
kern_return_t port_op_clear_protected_payload(struct ipc_space *s, mach_port_name_t name);

/* Every name in s with its type (as port_op_type gives it), in slot order (the low 24
 * bits of names, space.h), up to max; returns how many were written. s->nentries is
 * the room that takes them all. */
uint32_t port_op_names(struct ipc_space *s, mach_port_name_t *names, mach_port_type_t *types,
		       uint32_t max);
/* The names of the receive rights in the port set `name`, in slot order, up to max;
 * *count is how many members there are (maybe more than max: call again with room).
 * KERN_INVALID_NAME, or KERN_INVALID_RIGHT when name is not a port set. */
kern_return_t port_op_set_members(struct ipc_space *s, mach_port_name_t name,
				  mach_port_name_t *names, uint32_t max, uint32_t *count);

#endif
