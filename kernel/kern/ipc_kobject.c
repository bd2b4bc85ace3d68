/*
 * ipc_kobject.c — messages to kernel objects (task, thread, host ports), served in the
 * sender's context by the stubs our mig generates from the kernel's .defs; the reply
 * goes to the request's reply port.
 *
 * The contract with the stubs is GNU Mach's: the reply header is built from the request
 * (moving the reply right into it) and the routine the generated *_server_routine
 * picks by msgh_id fills in the rest; the request's destination right is
 * released here; if the routine succeeded (or asked for no reply) it owns the rights in
 * the request's body, otherwise they are destroyed with the request.
 */
#include <ipc/mqueue.h>
#include <ipc/right.h>
#include <mach/mig_errors.h>
#include <kern/string.h>

#include <mach_port_S.h>
#include <mach_S.h>
#include <gnumach_S.h>
#include <mach_host_S.h>
#include <mach_i386_S.h>
#include <mach4_S.h>

#define KOBJECT_REPLY_MAX 4096

/* The routine for a request's msgh_id, from the subsystems' id ranges (each generated
 * *_server_routine checks its own range), or NULL: MIG_BAD_ID. */
static mig_routine_t kobject_routine(const mach_msg_header_t *in)
{
	mig_routine_t r;
	if ((r = mach_port_server_routine(in)) || (r = mach_server_routine(in)) ||
	    (r = gnumach_server_routine(in)) || (r = mach_host_server_routine(in)) ||
	    (r = mach_i386_server_routine(in)) || (r = mach4_server_routine(in)))
		return r;
	return NULL;
}

/* The reply header every routine starts from, as the generated demux functions build
 * it: the reply right moves from the request's local port to the reply's remote port. */
static void reply_header(const mach_msg_header_t *in, mig_reply_header_t *out)
{
	static const mach_msg_type_t retcode_type = {
		.msgt_name = MACH_MSG_TYPE_INTEGER_32, .msgt_size = 32, .msgt_number = 1,
		.msgt_inline = TRUE,
	};
	out->Head.msgh_bits = MACH_MSGH_BITS(MACH_MSGH_BITS_LOCAL(in->msgh_bits), 0);
	out->Head.msgh_size = sizeof(*out);
	out->Head.msgh_remote_port = in->msgh_local_port;
	out->Head.msgh_local_port = 0;
	out->Head.msgh_seqno = 0;
	out->Head.msgh_id = in->msgh_id + 100;
	out->RetCodeType = retcode_type;
	/* The return code and the padding after it (the reply's bytes go out whole). */
	__builtin_memset(&out->RetCode, 0, sizeof(*out) - __builtin_offsetof(mig_reply_header_t, RetCode));
}

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
	/* For ipc_kmsg_destroy, if the request is destroyed. */
	kmsg_set_dest(req, NULL);
	req->hdr.msgh_bits &= ~MACH_MSGH_BITS_REMOTE_MASK;
}

struct ipc_kmsg *ipc_kobject_serve(struct ipc_kmsg *req)
{
	struct ipc_kmsg *reply = ipc_kmsg_alloc(KOBJECT_REPLY_MAX);
	if (!reply) {
		ipc_kmsg_destroy(req);          /* the caller sees a send-once notification */
		return NULL;
	}
	reply_header(&req->hdr, (mig_reply_header_t *)&reply->hdr);
	mig_routine_t routine = kobject_routine(&req->hdr);
	if (routine)
		routine(&req->hdr, &reply->hdr);
	else
		((mig_reply_header_t *)&reply->hdr)->RetCode = MIG_BAD_ID;
	release_dest(req);

	kern_return_t rc = ((mig_reply_header_t *)&reply->hdr)->RetCode;
	if (rc == KERN_SUCCESS || rc == MIG_NO_REPLY) {
		ipc_kmsg_free(req);             /* the routine owns the body's rights */
	} else {
		/* The reply right has moved into the reply's header in every case. */
		kmsg_set_reply(req, NULL);
		req->hdr.msgh_bits &= ~MACH_MSGH_BITS_LOCAL_MASK;
		ipc_kmsg_destroy(req);
	}

	if (rc == MIG_NO_REPLY) {
		ipc_kmsg_free(reply);
		return NULL;
	}
	if (!IPC_PORT_VALID(kmsg_dest(reply))) {
		ipc_kmsg_destroy(reply);        /* nobody to answer: drop what it carries */
		return NULL;
	}
	return reply;
}

void ipc_kobject_server(struct ipc_kmsg *req)
{
	struct ipc_kmsg *reply = ipc_kobject_serve(req);
	if (reply)
		ipc_mqueue_deliver(reply);
}
