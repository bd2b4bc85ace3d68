/*
 * port.h — ports and port sets, the objects IPC rights name.
 *
 * Entry points: ipc_port_alloc, ipc_port_destroy (the receive right goes), the send and
 * send-once right counters (ipc_port_make_send, ipc_port_copy_send,
 * ipc_port_release_send, ipc_port_make_send_once, ipc_port_release_send_once),
 * ipc_port_reference / ipc_port_release, ipc_pset_alloc / ipc_pset_destroy.
 *
 * References (`refs`): one for each name-space entry that holds a right to the object
 * (whatever its user-reference count), one for each right carried by a message in
 * transit, one for each kernel structure that points at it (a task's self port, a
 * notification request, the port set a port is in does not count). The struct is freed
 * when refs reaches 0, which can only happen once the port is dead or never had more
 * than that one holder.
 *
 * Rights: `srights` counts send rights anywhere (a name-space entry with any number of
 * user references is one), `sorights` send-once rights. When srights falls to 0 on a
 * live port with a no-senders request, the notification is sent. The receive right is
 * held by exactly one space (`receiver`, under `receiver_name`), or is in a message
 * (receiver NULL), or is the kernel's (kernel object ports).
 *
 * A dead port (active false) keeps no messages and no receiver; entries naming it turn
 * into dead names the next time they are looked at (right.c), so death costs nothing per
 * holder up front.
 *
 * Locking: one CPU, interrupts off in the kernel (see kern/thread.h).
 */
#ifndef IPC_PORT_H
#define IPC_PORT_H

#include <kern/list.h>
#include <kern/sched.h>
#include <kern/panic.h>
#include <mach/port.h>
#include <mach/message.h>
#include <stdbool.h>
#include <stdint.h>

struct ipc_space;
struct ipc_kmsg;
struct ipc_pset;

enum ipc_object_kind { IOT_PORT = 1, IOT_PSET = 2 };

/* What a kernel-object port stands for. */
enum ipc_kobject_type {
	IKOT_NONE = 0,
	IKOT_TASK,
	IKOT_THREAD,
	IKOT_HOST,
	IKOT_HOST_PRIV,
	IKOT_DEVICE_MASTER,
	IKOT_PROCESSOR,
	IKOT_PSET,              /* a processor set's control port */
	IKOT_PSET_NAME,         /* its name port */
	IKOT_IO_PERM,           /* a range of I/O ports (mach_i386.defs) */
	IKOT_PAGER,             /* an external object's control port (vm/pager.h) */
	IKOT_PAGING_NAME,       /* its name port */
	IKOT_PAGER_PROXY,       /* a memory-object proxy (kern/pager_proxy.c) */
};

/* A dead-name request: when the port dies, `notify` (a send-once right) is told that
 * `name` in the requesting space became a dead name. */
struct ipc_dnrequest {
	struct list link;
	struct ipc_space *space;
	mach_port_name_t name;
	struct ipc_port *notify;
};

struct ipc_object {
	uint32_t kind;
	uint32_t refs;
};

struct ipc_port {
	struct ipc_object obj;
	bool active;
	struct ipc_space *receiver;         /* NULL in transit or dead */
	mach_port_name_t receiver_name;
	uint32_t srights, sorights;
	uint32_t mscount;                   /* make-send count */
	uint32_t seqno;
	uint32_t qlimit;
	uint32_t msgcount;
	struct list messages;               /* queued kmsgs, oldest first */
	struct waitq receivers;             /* threads receiving on this port */
	struct waitq senders;               /* threads waiting for queue room */
	struct ipc_pset *pset;              /* the set it belongs to, or NULL */
	struct list pset_link;

	struct ipc_port *nsrequest;         /* no-senders: send-once right, or NULL */
	uint32_t nsrequest_sync;            /* make-send count it waits for */
	struct ipc_port *pdrequest;         /* port-destroyed: send-once right, or NULL */
	struct list dnrequests;             /* struct ipc_dnrequest */

	enum ipc_kobject_type kotype;
	void *kobject;                      /* the task, thread ... it stands for */
	uint64_t payload;                   /* protected payload, when has_payload */
	bool has_payload;
	/* The object this port is the memory object of (vm/pager.h), or NULL: not
	 * referenced; the object clears it before it goes. */
	struct vm_object *pager_object;
};

struct ipc_pset {
	struct ipc_object obj;
	bool active;
	struct ipc_space *space;
	mach_port_name_t name;
	struct list members;                /* ports, by pset_link */
	uint32_t msgcount;                  /* messages queued on all members */
	struct waitq receivers;
};

void ipc_port_init(void);
/* An io_perm port lost its last send right: the object goes (arch/x86_64/io_perm.c). */
void io_perm_no_senders(struct ipc_port *p);

/* A new live port with no rights outstanding and one reference for the caller. */
struct ipc_port *ipc_port_alloc(void);
/* A kernel-object port (its receive right is the kernel's). */
struct ipc_port *ipc_port_alloc_kobject(enum ipc_kobject_type type, void *kobject);

/* The slow ends of the inline counters below: the last reference (frees the port,
 * destroying it first if still alive) and the last send right (no-senders). The
 * counter is 0 then, or UINT32_MAX if it was released once too often, which panics. */
void ipc_port_free_last(struct ipc_port *p);
void ipc_port_last_send(struct ipc_port *p);

/* Inline: every message takes and drops a few of these. */
static inline void ipc_port_reference(struct ipc_port *p)
{
	p->obj.refs++;
}

static inline void ipc_port_release(struct ipc_port *p)
{
	/* One test for both ends: the last reference, and none left (the assertion, in
	 * ipc_port_free_last). */
	if (__builtin_expect(p->obj.refs-- <= 1, 0))
		ipc_port_free_last(p);
}

/* Kills the port: queued messages destroyed, receivers and senders woken with an
 * error, dead-name notifications sent, removed from its set. A registered
 * port-destroyed request gets the receive right instead of it dying. Consumes no
 * reference. */
void ipc_port_destroy(struct ipc_port *p);

/* Send rights. make: from the receive right (bumps mscount); copy: from a send right.
 * Each adds one right and one reference. release drops one of each. */
static inline void ipc_port_make_send(struct ipc_port *p)
{
	p->mscount++;
	p->srights++;
	p->obj.refs++;
}

static inline void ipc_port_copy_send(struct ipc_port *p)
{
	assert(p->srights > 0 || !p->active);
	p->srights++;
	p->obj.refs++;
}

static inline void ipc_port_release_send(struct ipc_port *p)
{
	/* As ipc_port_release: ipc_port_last_send asserts there was one. */
	if (__builtin_expect(p->srights-- <= 1, 0))
		ipc_port_last_send(p);
	ipc_port_release(p);
}

static inline void ipc_port_make_send_once(struct ipc_port *p)
{
	p->sorights++;
	p->obj.refs++;
}

/* Always inline: GCC would otherwise keep one out-of-line copy in the RPC path. */
static inline __attribute__((always_inline)) void
ipc_port_release_send_once(struct ipc_port *p)
{
	assert(p->sorights > 0);
	p->sorights--;
	ipc_port_release(p);
}

struct ipc_pset *ipc_pset_alloc(void);
void ipc_pset_add(struct ipc_pset *s, struct ipc_port *p);
void ipc_pset_remove(struct ipc_port *p);
void ipc_pset_destroy(struct ipc_pset *s);
void ipc_pset_reference(struct ipc_pset *s);
void ipc_pset_release(struct ipc_pset *s);

#endif
