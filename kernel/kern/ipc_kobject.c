/*
 * ipc_kobject.c — messages to kernel objects (task, thread, host ports): served in the
 * sender's context, the reply sent to the request's reply port.
 *
 * The routines of mach.defs, mach_port.defs ... are served by stubs our mig generates
 * (kernel-core issue, in progress); until a routine is served, its request gets the
 * MIG answer for an unknown routine, MIG_BAD_ID, so callers fail cleanly instead of
 * hanging.
 */
#include <ipc/mqueue.h>
#include <ipc/right.h>
#include <mach/mig_errors.h>
#include <kern/string.h>

/* Sends a reply with only a return code (mig_reply_header_t) to the request's reply
 * right, which it consumes. */
static void reply_code(struct ipc_kmsg *req, kern_return_t code)
{
	struct ipc_port *reply = kmsg_reply(req);
	mach_msg_type_name_t rk = MACH_MSGH_BITS_LOCAL(req->hdr.msgh_bits);
	if (!IPC_PORT_VALID(reply))
		return;
	struct ipc_kmsg *k = ipc_kmsg_alloc(sizeof(mig_reply_header_t));
	if (!k) {
		ipc_right_release_carried(reply, rk);
		return;
	}
	mig_reply_header_t *r = (mig_reply_header_t *)&k->hdr;
	memset(r, 0, sizeof(*r));
	r->Head.msgh_bits = MACH_MSGH_BITS(rk, 0);
	r->Head.msgh_size = sizeof(*r);
	r->Head.msgh_id = req->hdr.msgh_id + 100;
	r->RetCodeType.msgt_name = MACH_MSG_TYPE_INTEGER_32;
	r->RetCodeType.msgt_size = 32;
	r->RetCodeType.msgt_number = 1;
	r->RetCodeType.msgt_inline = 1;
	r->RetCode = code;
	kmsg_set_dest(k, reply);
	kmsg_set_reply(k, NULL);
	ipc_mqueue_deliver(k);
}

void ipc_kobject_server(struct ipc_kmsg *req)
{
	reply_code(req, MIG_BAD_ID);
	/* The reply right went with the reply; the rest of the request is destroyed. */
	kmsg_set_reply(req, NULL);
	req->hdr.msgh_bits &= ~MACH_MSGH_BITS_LOCAL_MASK;
	ipc_kmsg_destroy(req);
}
