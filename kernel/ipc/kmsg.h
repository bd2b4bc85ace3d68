/*
 * kmsg.h — a message inside the kernel.
 *
 * Entry points: ipc_kmsg_get (copy from the sender), ipc_kmsg_copyin (names to rights),
 * ipc_kmsg_copyout (rights to the receiver's names), ipc_kmsg_put (copy to the
 * receiver), ipc_kmsg_destroy.
 *
 * Between copyin and copyout a kmsg holds port pointers where the user wrote names: the
 * header's remote slot holds the destination, the local slot the reply port, each body
 * port slot its port (or NULL / IPC_PORT_DEAD), and every msgt_name / header bit says
 * which right is carried (PORT_SEND, PORT_SEND_ONCE, PORT_RECEIVE). Every carried right
 * holds a port reference (port.h). A kmsg is on at most one port's queue at a time.
 *
 * An out-of-line item's slot holds its kernel form between copyin and copyout
 * (kmsg_ool.h).
 */
#ifndef IPC_KMSG_H
#define IPC_KMSG_H

#include <ipc/port.h>
#include <mach/message.h>

#define IPC_KMSG_MAX_SIZE (1u << 20)   /* largest inline message accepted */

struct ipc_kmsg {
	struct list link;               /* on a port's queue; unlinked on none (allocation
					 * initializes it, dequeueing unlinks it) */
	uint32_t capacity;              /* bytes the buffer holds */
	uint32_t order;                 /* page order of the buffer, or ~0 for the zone */
	uint8_t rpc_form;               /* IPC_KMSG_RPC(_BODY): made by the RPC path
					 * (rpc_fast.c): no body rights, header rights
					 * PORT_SEND or PORT_SEND_ONCE to a port and
					 * PORT_SEND_ONCE or none for the reply, a size that
					 * is a multiple of 8; _BODY: complex, its body one
					 * out-of-line memory item and inline data. 0 (false):
					 * anything else */
	uint32_t rpc_item;              /* IPC_KMSG_RPC_BODY: where the out-of-line item's
					 * type is, in bytes from hdr */
	union {
		mach_msg_header_t hdr;
		uint64_t align_;
	};
	/* message bytes follow hdr */
};

#define IPC_KMSG_RPC 1
#define IPC_KMSG_RPC_BODY 2

static inline struct ipc_port *kmsg_dest(const struct ipc_kmsg *k)
{
	return (struct ipc_port *)k->hdr.msgh_remote_port_do_not_use;
}
static inline void kmsg_set_dest(struct ipc_kmsg *k, struct ipc_port *p)
{
	k->hdr.msgh_remote_port_do_not_use = (rpc_uintptr_t)p;
}
static inline struct ipc_port *kmsg_reply(const struct ipc_kmsg *k)
{
	return (struct ipc_port *)k->hdr.msgh_protected_payload;
}
static inline void kmsg_set_reply(struct ipc_kmsg *k, struct ipc_port *p)
{
	k->hdr.msgh_protected_payload = (rpc_uintptr_t)p;
}

/* The receiver's local port for a message delivered through dest: dest's name in s, or
 * its protected payload (*local_kind says which). The destination right the message
 * carried (dk) is released: used up by the delivery, not destroyed (a destroyed
 * send-once right would send a notification). The general and the RPC copyout share it. */
static inline __attribute__((always_inline)) uint64_t
ipc_kmsg_copyout_dest(const struct ipc_space *s, struct ipc_port *dest, mach_msg_type_name_t dk,
		      mach_msg_type_name_t *local_kind)
{
	uint64_t local = MACH_PORT_NULL;
	*local_kind = dk;
	if (dest->has_payload) {
		local = dest->payload;
		*local_kind = MACH_MSG_TYPE_PROTECTED_PAYLOAD;
	} else if (dest->receiver == s) {
		local = dest->receiver_name;
	}
	if (dk == MACH_MSG_TYPE_PORT_SEND_ONCE)
		ipc_port_release_send_once(dest);
	else
		ipc_port_release_send(dest);
	return local;
}

/* Messages up to this size come from a zone; the last one freed is kept in
 * ipc_kmsg_cache_small (or NULL) for the next, which the RPC path takes inline. The
 * last page kmsg freed of order 0 and 1 (a kernel object's reply is of order 1) is
 * kept likewise in ipc_kmsg_cache_page. An RPC frees the request (or the reply) just
 * before the next one is allocated, so most messages skip the allocators. Per CPU
 * (one CPU now; interrupts are off in the kernel, so no lock). Drained before the leak
 * check compares allocator statistics. */
#define IPC_KMSG_SMALL_BYTES 512
#define IPC_KMSG_CACHE_ORDERS 2
#define IPC_KMSG_HEADER_BYTES __builtin_offsetof(struct ipc_kmsg, hdr)
extern struct ipc_kmsg *ipc_kmsg_cache_small;
extern struct ipc_kmsg *ipc_kmsg_cache_page[IPC_KMSG_CACHE_ORDERS];

void ipc_kmsg_init(void);
/* The cache slot a kmsg of `size` message bytes comes from, or NULL for none. Inline:
 * with a constant size (kernel replies) it is a constant. */
static inline struct ipc_kmsg **ipc_kmsg_cache_slot(uint32_t size)
{
	if (size <= IPC_KMSG_SMALL_BYTES)
		return &ipc_kmsg_cache_small;
	for (unsigned o = 0; o < IPC_KMSG_CACHE_ORDERS; o++)
		if ((4096ul << o) >= IPC_KMSG_HEADER_BYTES + (uint64_t)size)
			return &ipc_kmsg_cache_page[o];
	return NULL;
}
struct ipc_kmsg *ipc_kmsg_alloc_fresh(uint32_t size);
/* A kmsg able to hold `size` message bytes; NULL without memory. Inline for a cached
 * one (its link is unlinked: see above). */
static inline struct ipc_kmsg *ipc_kmsg_alloc(uint32_t size)
{
	struct ipc_kmsg **slot = ipc_kmsg_cache_slot(size), *k;
	if (!slot || !(k = *slot))
		return ipc_kmsg_alloc_fresh(size);
	*slot = NULL;
	k->rpc_form = false;
	return k;
}
void ipc_kmsg_free_other(struct ipc_kmsg *k);
/* Inline for the usual case, a small kmsg going back to its empty cache slot. */
static inline void ipc_kmsg_free(struct ipc_kmsg *k)
{
	if (k->order == ~0u && !ipc_kmsg_cache_small)
		ipc_kmsg_cache_small = k;
	else
		ipc_kmsg_free_other(k);
}
/* The same for a kmsg known to be a page one (a kernel object's reply). */
static inline void ipc_kmsg_free_page(struct ipc_kmsg *k)
{
	if (k->order < IPC_KMSG_CACHE_ORDERS && !ipc_kmsg_cache_page[k->order])
		ipc_kmsg_cache_page[k->order] = k;
	else
		ipc_kmsg_free_other(k);
}
/* Frees the kmsgs kept for reuse (before allocator statistics are compared). */
void ipc_kmsg_cache_drain(void);
/* Releases every right and frees the kmsg. */
void ipc_kmsg_destroy(struct ipc_kmsg *k);

/* Copies `size` bytes of the sender's message: MACH_SEND_MSG_TOO_SMALL,
 * MACH_SEND_INVALID_DATA (unreadable), MACH_SEND_NO_BUFFER. */
mach_msg_return_t ipc_kmsg_get(uint64_t user_msg, uint32_t size, struct ipc_kmsg **out);
/* Turns names into rights. On a header error nothing is taken; on a body error the
 * message (with the rights taken so far, header included) is destroyed, as in Mach. */
mach_msg_return_t ipc_kmsg_copyin(struct ipc_space *s, struct ipc_kmsg *k);
/* Turns rights into names in s; MACH_RCV_HEADER_ERROR / MACH_RCV_BODY_ERROR bits if some
 * right found no room (it is then lost), else MACH_MSG_SUCCESS. */
mach_msg_return_t ipc_kmsg_copyout(struct ipc_space *s, struct ipc_kmsg *k);
/* For the RPC path: the type of the one out-of-line memory item of k's body when the
 * rest is inline data (no port anywhere, nothing copyin would refuse), its size in
 * *bytes; NULL otherwise (the general path's). */
mach_msg_type_t *ipc_kmsg_rpc_memory_item(struct ipc_kmsg *k, uint64_t *bytes);
/* Copies the message out and frees the kmsg; MACH_RCV_INVALID_DATA if unwritable. */
mach_msg_return_t ipc_kmsg_put(uint64_t user_msg, struct ipc_kmsg *k);

#endif
