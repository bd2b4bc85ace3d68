/*
 * notify.c — building and sending notification messages (see notify.h). The layouts are
 * those of <mach/notify.h>, the ids MACH_NOTIFY_*.
 */
#include <ipc/notify.h>
#include <ipc/kmsg.h>
#include <ipc/mqueue.h>
#include <ipc/right.h>
#include <mach/notify.h>
#include <kern/string.h>

/* A kmsg of `size` bytes to `notify` (consuming its send-once right), or NULL. */
static struct ipc_kmsg *start(struct ipc_port *notify, mach_msg_id_t id, uint32_t size)
{
	struct ipc_kmsg *k = ipc_kmsg_alloc(size);
	if (!k) {
		/* No memory: the notification is lost, but the right must not leak. */
		ipc_port_release_send_once(notify);
		return NULL;
	}
	memset(&k->hdr, 0, size);
	k->hdr.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE, 0);
	k->hdr.msgh_size = size;
	k->hdr.msgh_id = id;
	kmsg_set_dest(k, notify);
	kmsg_set_reply(k, NULL);
	return k;
}

static void set_type(mach_msg_type_t *t, unsigned name, unsigned size)
{
	t->msgt_name = name;
	t->msgt_size = size;
	t->msgt_number = 1;
	t->msgt_inline = 1;
}

static void send_name(struct ipc_port *notify, mach_msg_id_t id, mach_port_name_t name)
{
	/* port-deleted and dead-name share this layout. */
	mach_dead_name_notification_t *n;
	struct ipc_kmsg *k = start(notify, id, sizeof(*n));
	if (!k)
		return;
	n = (mach_dead_name_notification_t *)&k->hdr;
	set_type(&n->not_type, MACH_MSG_TYPE_PORT_NAME, 32);
	n->not_port = name;
	ipc_mqueue_deliver(k);
}

void ipc_notify_port_deleted(struct ipc_port *notify, mach_port_name_t name)
{
	send_name(notify, MACH_NOTIFY_PORT_DELETED, name);
}

void ipc_notify_dead_name(struct ipc_port *notify, mach_port_name_t name)
{
	send_name(notify, MACH_NOTIFY_DEAD_NAME, name);
}

void ipc_notify_no_senders(struct ipc_port *notify, mach_port_mscount_t mscount)
{
	mach_no_senders_notification_t *n;
	struct ipc_kmsg *k = start(notify, MACH_NOTIFY_NO_SENDERS, sizeof(*n));
	if (!k)
		return;
	n = (mach_no_senders_notification_t *)&k->hdr;
	set_type(&n->not_type, MACH_MSG_TYPE_INTEGER_32, 32);
	n->not_count = mscount;
	ipc_mqueue_deliver(k);
}

void ipc_notify_send_once(struct ipc_port *notify)
{
	if (!notify->active) {
		ipc_port_release_send_once(notify);
		return;
	}
	struct ipc_kmsg *k = start(notify, MACH_NOTIFY_SEND_ONCE, sizeof(mach_send_once_notification_t));
	if (k)
		ipc_mqueue_deliver(k);
}

void ipc_notify_port_destroyed(struct ipc_port *notify, struct ipc_port *right)
{
	mach_port_destroyed_notification_t *n;
	struct ipc_kmsg *k = start(notify, MACH_NOTIFY_PORT_DESTROYED, sizeof(*n));
	if (!k) {
		ipc_port_destroy(right);        /* nowhere to go: it dies after all */
		return;
	}
	n = (mach_port_destroyed_notification_t *)&k->hdr;
	k->hdr.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	set_type(&n->not_type, MACH_MSG_TYPE_PORT_RECEIVE, 64);
	ipc_port_reference(right);              /* the carried receive right's */
	/* The port's 8-byte slot in the message carries the kernel pointer. */
	uint64_t slot = (uint64_t)right;
	memcpy(&n->not_port, &slot, sizeof(slot));
	ipc_mqueue_deliver(k);
}
