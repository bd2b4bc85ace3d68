/*
 * ipc_kobject.c — messages to kernel objects (task, thread, host ports), served in the
 * sender's context by the stubs our mig generates from the kernel's .defs; the reply
 * goes to the request's reply port.
 *
 * The contract with the stubs is GNU Mach's: the demux builds the reply header from
 * the request (moving the reply right into it); the request's destination right is
 * released here; if the routine succeeded (or asked for no reply) it owns the rights in
 * the request's body, otherwise they are destroyed with the request.
 */
#include <ipc/mqueue.h>
#include <ipc/right.h>
#include <mach/mig_errors.h>
#include <kern/string.h>

#define KOBJECT_REPLY_MAX 4096

typedef boolean_t (*demux_t)(mach_msg_header_t *in, mach_msg_header_t *out);

/* Generated demux routines (kernel/kserver/...Server.c). */
boolean_t mach_port_server(mach_msg_header_t *in, mach_msg_header_t *out);
boolean_t mach_server(mach_msg_header_t *in, mach_msg_header_t *out);
boolean_t gnumach_server(mach_msg_header_t *in, mach_msg_header_t *out);
boolean_t mach_host_server(mach_msg_header_t *in, mach_msg_header_t *out);
boolean_t mach_i386_server(mach_msg_header_t *in, mach_msg_header_t *out);

static const demux_t subsystems[] = {
	mach_i386_server,
	mach_server,
	mach_port_server,
	gnumach_server,
	mach_host_server,
};

static void release_dest(struct ipc_kmsg *req)
{
	struct ipc_port *dest = kmsg_dest(req);
	if (IPC_PORT_VALID(dest)) {
		/* Released, not destroyed: a destroyed send-once right would send a
		 * notification to this very port, and come back here. */
		if (MACH_MSGH_BITS_REMOTE(req->hdr.msgh_bits) == MACH_MSG_TYPE_PORT_SEND_ONCE)
			ipc_port_release_send_once(dest);
		else
			ipc_port_release_send(dest);
	}
	kmsg_set_dest(req, NULL);
	req->hdr.msgh_bits &= ~MACH_MSGH_BITS_REMOTE_MASK;
}

void ipc_kobject_server(struct ipc_kmsg *req)
{
	struct ipc_kmsg *reply = ipc_kmsg_alloc(KOBJECT_REPLY_MAX);
	if (!reply) {
		ipc_kmsg_destroy(req);          /* the caller sees a send-once notification */
		return;
	}
	memset(&reply->hdr, 0, sizeof(mig_reply_header_t));
	for (size_t i = 0; i < sizeof(subsystems) / sizeof(subsystems[0]); i++)
		if (subsystems[i](&req->hdr, &reply->hdr))
			break;
	release_dest(req);

	kern_return_t rc = ((mig_reply_header_t *)&reply->hdr)->RetCode;
	/* The reply right has moved into the reply's header in every case. */
	kmsg_set_reply(req, NULL);
	req->hdr.msgh_bits &= ~MACH_MSGH_BITS_LOCAL_MASK;
	if (rc == KERN_SUCCESS || rc == MIG_NO_REPLY)
		ipc_kmsg_free(req);             /* the routine owns the body's rights */
	else
		ipc_kmsg_destroy(req);

	if (rc == MIG_NO_REPLY) {
		ipc_kmsg_free(reply);
		return;
	}
	if (!IPC_PORT_VALID(kmsg_dest(reply))) {
		ipc_kmsg_destroy(reply);        /* nobody to answer: drop what it carries */
		return;
	}
	ipc_mqueue_deliver(reply);
}
