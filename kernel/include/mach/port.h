/*
 * mach/port.h - port names, right kinds and port status.
 *
 * A task names the rights it holds with 32-bit names local to its name space.  In the
 * kernel (KERNEL defined) mach_port_t is wide enough to hold a pointer instead.
 */
#ifndef _MACH_PORT_H_
#define _MACH_PORT_H_

#include <mach/boolean.h>
#include <mach/machine/vm_types.h>

typedef unsigned int mach_port_name_t;
typedef mach_port_name_t *mach_port_name_array_t;
typedef const mach_port_name_t *const_mach_port_name_array_t;

#ifdef KERNEL
typedef vm_offset_t mach_port_t;
/* Inside the kernel, rights travel as port pointers; MIG's kernel stubs name them so. */
struct ipc_port;
typedef struct ipc_port *ipc_port_t;
#else
typedef mach_port_name_t mach_port_t;
#endif
typedef mach_port_t *mach_port_array_t;
typedef const mach_port_t *const_mach_port_array_t;
typedef int *rpc_signature_info_t;

/* Two reserved names: no right at all, and a right whose port has died. */
#define MACH_PORT_NULL		0
#define MACH_PORT_DEAD		((mach_port_t) ~0)
#define MACH_PORT_NAME_NULL	((mach_port_name_t) 0)
#define MACH_PORT_NAME_DEAD	((mach_port_name_t) ~0)

#define MACH_PORT_VALID(port) \
	(((port) != MACH_PORT_NULL) && ((port) != MACH_PORT_DEAD))
#define MACH_PORT_NAME_VALID(name) \
	(((name) != MACH_PORT_NAME_NULL) && ((name) != MACH_PORT_NAME_DEAD))

/* Kinds of right, as passed to mach_port_allocate and friends. */
typedef natural_t mach_port_right_t;

#define MACH_PORT_RIGHT_SEND		((mach_port_right_t) 0)
#define MACH_PORT_RIGHT_RECEIVE		((mach_port_right_t) 1)
#define MACH_PORT_RIGHT_SEND_ONCE	((mach_port_right_t) 2)
#define MACH_PORT_RIGHT_PORT_SET	((mach_port_right_t) 3)
#define MACH_PORT_RIGHT_DEAD_NAME	((mach_port_right_t) 4)
#define MACH_PORT_RIGHT_NUMBER		((mach_port_right_t) 5)

/* What a name denotes: one bit per right kind, from bit 16 up, plus request flags. */
typedef natural_t mach_port_type_t;
typedef mach_port_type_t *mach_port_type_array_t;

#define MACH_PORT_TYPE(right)	((mach_port_type_t)(1 << ((right) + 16)))

#define MACH_PORT_TYPE_NONE		((mach_port_type_t) 0)
#define MACH_PORT_TYPE_SEND		MACH_PORT_TYPE(MACH_PORT_RIGHT_SEND)
#define MACH_PORT_TYPE_RECEIVE		MACH_PORT_TYPE(MACH_PORT_RIGHT_RECEIVE)
#define MACH_PORT_TYPE_SEND_ONCE	MACH_PORT_TYPE(MACH_PORT_RIGHT_SEND_ONCE)
#define MACH_PORT_TYPE_PORT_SET		MACH_PORT_TYPE(MACH_PORT_RIGHT_PORT_SET)
#define MACH_PORT_TYPE_DEAD_NAME	MACH_PORT_TYPE(MACH_PORT_RIGHT_DEAD_NAME)

#define MACH_PORT_TYPE_SEND_RECEIVE \
	(MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_RECEIVE)
#define MACH_PORT_TYPE_SEND_RIGHTS \
	(MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_SEND_ONCE)
#define MACH_PORT_TYPE_PORT_RIGHTS \
	(MACH_PORT_TYPE_SEND_RIGHTS | MACH_PORT_TYPE_RECEIVE)
#define MACH_PORT_TYPE_PORT_OR_DEAD \
	(MACH_PORT_TYPE_PORT_RIGHTS | MACH_PORT_TYPE_DEAD_NAME)
#define MACH_PORT_TYPE_ALL_RIGHTS \
	(MACH_PORT_TYPE_PORT_OR_DEAD | MACH_PORT_TYPE_PORT_SET)

#define MACH_PORT_TYPE_DNREQUEST	0x80000000U	/* a dead-name request is armed */
#define MACH_PORT_TYPE_MAREQUEST	0x40000000	/* a msg-accepted request is armed */
#define MACH_PORT_TYPE_COMPAT		0x20000000	/* old-IPC compatibility */

typedef natural_t mach_port_urefs_t;
typedef integer_t mach_port_delta_t;		/* change to a user-reference count */
typedef natural_t mach_port_seqno_t;
typedef unsigned int mach_port_mscount_t;	/* make-send count */
typedef unsigned int mach_port_msgcount_t;	/* messages queued */
typedef unsigned int mach_port_rights_t;	/* send rights outstanding */

/* What mach_port_get_receive_status reports about a receive right. */
typedef struct mach_port_status {
	mach_port_name_t mps_pset;		/* containing port set, or null */
	mach_port_seqno_t mps_seqno;
	mach_port_mscount_t mps_mscount;
	mach_port_msgcount_t mps_qlimit;
	mach_port_msgcount_t mps_msgcount;
	mach_port_rights_t mps_sorights;	/* send-once rights outstanding */
	boolean_t mps_srights;			/* any send rights outstanding? */
	boolean_t mps_pdrequest;		/* port-destroyed request armed? */
	boolean_t mps_nsrequest;		/* no-senders request armed? */
} mach_port_status_t;

#define MACH_PORT_QLIMIT_DEFAULT	((mach_port_msgcount_t) 5)
#define MACH_PORT_QLIMIT_MAX		((mach_port_msgcount_t) 16)

#endif /* _MACH_PORT_H_ */
