/*
 * right.h — rights in a name space: checking and taking them for a message (copyin, by
 * disposition), giving them to a space (copyout), and destroying them.
 *
 * In a message, a right is carried as a port pointer plus its kind (PORT_SEND,
 * PORT_SEND_ONCE, PORT_RECEIVE); IPC_PORT_DEAD stands for MACH_PORT_DEAD and NULL for
 * MACH_PORT_NULL. Each carried right holds one port reference and counts in
 * srights/sorights (see port.h).
 */
#ifndef IPC_RIGHT_H
#define IPC_RIGHT_H

#include <ipc/space.h>

#define IPC_PORT_DEAD ((struct ipc_port *)-1)
#define IPC_PORT_VALID(p) ((p) != NULL && (p) != IPC_PORT_DEAD)

/* The name under which s already holds rights to p (its receive right, with or without
 * send rights, or send rights alone), or MACH_PORT_NULL. */
static inline mach_port_name_t ipc_right_reverse(struct ipc_space *s, struct ipc_port *p)
{
	return p->receiver == s ? p->receiver_name : ipc_space_reverse_lookup(s, p);
}

/* Converts an entry whose port died into a dead name (user references kept). Returns
 * true if it did. Inline up to the port: entries with a receive right (the port is
 * theirs, so alive), sets and dead names have nothing to check. */
bool ipc_right_check_port(struct ipc_space *s, struct ipc_entry *e);
static inline bool ipc_right_check(struct ipc_space *s, mach_port_name_t name, struct ipc_entry *e)
{
	(void)name;
	if (!(e->type & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_SEND_ONCE)) ||
	    (e->type & MACH_PORT_TYPE_RECEIVE))
		return false;
	return ipc_right_check_port(s, e);
}

/* Can `disposition` be taken from entry e? KERN_SUCCESS, or KERN_INVALID_RIGHT /
 * KERN_INVALID_CAPABILITY (a dead name where a live right is needed). `extra_urefs`
 * is what another use of the same name in the same header will also take. */
kern_return_t ipc_right_copyin_check(struct ipc_space *s, mach_port_name_t name,
				     struct ipc_entry *e, mach_msg_type_name_t disposition,
				     unsigned extra_urefs);
/* Takes it (after a successful check): returns the port (or IPC_PORT_DEAD for a dead
 * name) and sets *kind to what the message carries. */
struct ipc_port *ipc_right_copyin(struct ipc_space *s, mach_port_name_t name,
				  struct ipc_entry *e, mach_msg_type_name_t disposition,
				  mach_msg_type_name_t *kind);

/* Gives a carried right to space s; returns its name there (MACH_PORT_DEAD for a dead
 * port, MACH_PORT_NULL if s had no room, the right then being destroyed). */
mach_port_name_t ipc_right_copyout(struct ipc_space *s, struct ipc_port *p,
				   mach_msg_type_name_t kind, bool *failed);

/* Puts a carried right into the fresh entry e (just allocated under `name`); the
 * right's reference becomes the entry's. On failure e is freed and the right is still
 * the caller's. */
kern_return_t ipc_right_install(struct ipc_space *s, mach_port_name_t name, struct ipc_entry *e,
				struct ipc_port *p, mach_msg_type_name_t kind);

/* Destroys a carried right (a message being destroyed). */
void ipc_right_release_carried(struct ipc_port *p, mach_msg_type_name_t kind);

/* Destroys every right the entry holds, then frees the name. */
void ipc_right_destroy_entry(struct ipc_space *s, mach_port_name_t name, struct ipc_entry *e);

/* The mach_port_* operations on one name. */
kern_return_t ipc_right_dealloc(struct ipc_space *s, mach_port_name_t name);
kern_return_t ipc_right_mod_refs(struct ipc_space *s, mach_port_name_t name,
				 mach_port_right_t right, int delta);

/* Looks name up as a port (receive right needed if `receive`); NULL and *kr otherwise. */
struct ipc_port *ipc_right_port(struct ipc_space *s, mach_port_name_t name, bool receive,
				kern_return_t *kr);

#endif
