/*
 * mach/message.h - the typed Mach message format and the mach_msg call.
 *
 * A message is a mach_msg_header_t followed by items; each item starts with a
 * mach_msg_type_t (or the long form) describing what follows.  On x86_64 a type
 * descriptor is 8 bytes and every item is padded to 8 bytes, so the kernel and a
 * 64-bit user agree on offsets without conversion.
 */
#ifndef _MACH_MESSAGE_H_
#define _MACH_MESSAGE_H_

#include <mach/kern_return.h>
#include <mach/port.h>

/* Milliseconds; only looked at with MACH_SEND_TIMEOUT / MACH_RCV_TIMEOUT. */
typedef natural_t mach_msg_timeout_t;
#define MACH_MSG_TIMEOUT_NONE	((mach_msg_timeout_t) 0)

/*
 * msgh_bits: the low byte is the disposition of the remote (destination) port, the
 * next byte that of the local (reply) port; the top bits are flags.
 */
#define MACH_MSGH_BITS_ZERO		0x00000000
#define MACH_MSGH_BITS_REMOTE_MASK	0x000000ff
#define MACH_MSGH_BITS_LOCAL_MASK	0x0000ff00
#define MACH_MSGH_BITS_COMPLEX		0x80000000U	/* body holds rights or out-of-line data */
#define MACH_MSGH_BITS_CIRCULAR		0x40000000	/* kernel-internal */
#define MACH_MSGH_BITS_COMPLEX_PORTS	0x20000000	/* kernel-internal */
#define MACH_MSGH_BITS_COMPLEX_DATA	0x10000000	/* kernel-internal */
#define MACH_MSGH_BITS_MIGRATED		0x08000000	/* kernel-internal */
#define MACH_MSGH_BITS_UNUSED		0x07ff0000

#define MACH_MSGH_BITS_PORTS_MASK \
	(MACH_MSGH_BITS_REMOTE_MASK | MACH_MSGH_BITS_LOCAL_MASK)

#define MACH_MSGH_BITS(remote, local)	((remote) | ((local) << 8))
#define MACH_MSGH_BITS_REMOTE(bits)	((bits) & MACH_MSGH_BITS_REMOTE_MASK)
#define MACH_MSGH_BITS_LOCAL(bits)	(((bits) & MACH_MSGH_BITS_LOCAL_MASK) >> 8)
#define MACH_MSGH_BITS_PORTS(bits)	((bits) & MACH_MSGH_BITS_PORTS_MASK)
#define MACH_MSGH_BITS_OTHER(bits)	((bits) & ~MACH_MSGH_BITS_PORTS_MASK)

typedef unsigned int mach_msg_bits_t;
typedef unsigned int mach_msg_size_t;
typedef natural_t mach_msg_seqno_t;
typedef integer_t mach_msg_id_t;

/*
 * The 32-byte header.  Port names are 4 bytes but each sits in an 8-byte slot, so the
 * kernel can put a pointer-sized value there (a protected payload on receive, or its
 * own port pointer while the message is in transit).
 */
typedef struct mach_msg_header {
	mach_msg_bits_t msgh_bits;
	mach_msg_size_t msgh_size;
	union {
		mach_port_t msgh_remote_port;
		rpc_uintptr_t msgh_remote_port_do_not_use;
	};
	union {
		mach_port_t msgh_local_port;
		rpc_uintptr_t msgh_protected_payload;
	};
	mach_port_seqno_t msgh_seqno;
	mach_msg_id_t msgh_id;
} mach_msg_header_t;

#ifdef KERNEL
/* The header as a user wrote it: port names, even where the kernel keeps pointers. */
typedef struct {
	mach_msg_bits_t msgh_bits;
	mach_msg_size_t msgh_size;
	union {
		mach_port_name_t msgh_remote_port;
		rpc_uintptr_t msgh_remote_port_do_not_use;
	};
	union {
		mach_port_name_t msgh_local_port;
		rpc_uintptr_t msgh_protected_payload;
	};
	mach_port_seqno_t msgh_seqno;
	mach_msg_id_t msgh_id;
} mach_msg_user_header_t;
#else
typedef mach_msg_header_t mach_msg_user_header_t;
#endif

#define MACH_MSG_SIZE_MAX	((mach_msg_size_t) ~0)

/* Old name of the seqno field, from when it held a message kind. */
#define MACH_MSGH_KIND_NORMAL	0x00000000
#define msgh_kind		msgh_seqno
#define mach_msg_kind_t		mach_port_seqno_t

typedef unsigned int mach_msg_type_name_t;
typedef unsigned int mach_msg_type_size_t;
typedef natural_t mach_msg_type_number_t;

/* A port name in a message body, in a slot wide enough for a kernel pointer. */
typedef struct {
	union {
		mach_port_name_t name;
#ifdef KERNEL
		mach_port_t kernel_port;
#else
		uintptr_t kernel_port_do_not_use;
#endif
	};
} mach_port_name_inlined_t;

/*
 * Item descriptor.  msgt_name is a MACH_MSG_TYPE_* code, msgt_size the size of one
 * element in bits, msgt_number the element count.  msgt_inline clear means the data is
 * out of line (a pointer follows); msgt_deallocate asks the kernel to free the sender's
 * copy; msgt_longform says name/size/number come from the long form below.
 */
typedef struct {
	unsigned int msgt_name : 8,
		     msgt_size : 16,
		     msgt_unused : 5,
		     msgt_inline : 1,
		     msgt_longform : 1,
		     msgt_deallocate : 1;
	mach_msg_type_number_t msgt_number;
} __attribute__((aligned(__alignof__(uintptr_t)))) mach_msg_type_t;

/*
 * On x86_64 the short form already has room for a 16-bit size and a 32-bit count, so
 * the long form is the same 8 bytes under other names.
 */
typedef struct {
	union {
		mach_msg_type_t msgtl_header;
		struct {
			unsigned int msgtl_name : 8,
				     msgtl_size : 16,
				     msgtl_unused : 5,
				     msgtl_inline : 1,
				     msgtl_longform : 1,
				     msgtl_deallocate : 1;
			mach_msg_type_number_t msgtl_number;
		};
	};
} __attribute__((aligned(__alignof__(uintptr_t)))) mach_msg_type_long_t;

#ifdef __cplusplus
#if __cplusplus >= 201103L
static_assert(sizeof(mach_msg_type_t) == sizeof(mach_msg_type_long_t),
	      "both type descriptor forms must be 8 bytes");
#endif
#else
_Static_assert(sizeof(mach_msg_type_t) == sizeof(mach_msg_type_long_t),
	       "both type descriptor forms must be 8 bytes");
#endif

/* Data type codes (msgt_name). */
#define MACH_MSG_TYPE_UNSTRUCTURED	0
#define MACH_MSG_TYPE_BIT		0
#define MACH_MSG_TYPE_BOOLEAN		0
#define MACH_MSG_TYPE_INTEGER_16	1
#define MACH_MSG_TYPE_INTEGER_32	2
#define MACH_MSG_TYPE_CHAR		8
#define MACH_MSG_TYPE_BYTE		9
#define MACH_MSG_TYPE_INTEGER_8		9
#define MACH_MSG_TYPE_REAL		10
#define MACH_MSG_TYPE_INTEGER_64	11
#define MACH_MSG_TYPE_STRING		12
#define MACH_MSG_TYPE_STRING_C		12

/* Port right dispositions: what the sender gives up or creates. */
#define MACH_MSG_TYPE_PORT_NAME		15	/* a bare name, no right moves */
#define MACH_MSG_TYPE_MOVE_RECEIVE	16
#define MACH_MSG_TYPE_MOVE_SEND		17
#define MACH_MSG_TYPE_MOVE_SEND_ONCE	18
#define MACH_MSG_TYPE_COPY_SEND		19
#define MACH_MSG_TYPE_MAKE_SEND		20
#define MACH_MSG_TYPE_MAKE_SEND_ONCE	21

/* What the receiver gets: always a moved right. */
#define MACH_MSG_TYPE_PORT_RECEIVE	MACH_MSG_TYPE_MOVE_RECEIVE
#define MACH_MSG_TYPE_PORT_SEND		MACH_MSG_TYPE_MOVE_SEND
#define MACH_MSG_TYPE_PORT_SEND_ONCE	MACH_MSG_TYPE_MOVE_SEND_ONCE

/* In a received header's local bits: msgh_protected_payload holds the payload. */
#define MACH_MSG_TYPE_PROTECTED_PAYLOAD	23

#define MACH_MSG_TYPE_LAST		23

/* MIG's "decided at run time" disposition; never valid in a message. */
#define MACH_MSG_TYPE_POLYMORPHIC	((mach_msg_type_name_t) -1)

#define MACH_MSG_TYPE_PORT_ANY(x) \
	(((x) >= MACH_MSG_TYPE_MOVE_RECEIVE) && ((x) <= MACH_MSG_TYPE_MAKE_SEND_ONCE))
#define MACH_MSG_TYPE_PORT_ANY_SEND(x) \
	(((x) >= MACH_MSG_TYPE_MOVE_SEND) && ((x) <= MACH_MSG_TYPE_MAKE_SEND_ONCE))
#define MACH_MSG_TYPE_PORT_ANY_RIGHT(x) \
	(((x) >= MACH_MSG_TYPE_MOVE_RECEIVE) && ((x) <= MACH_MSG_TYPE_MOVE_SEND_ONCE))

/* mach_msg options. */
typedef integer_t mach_msg_option_t;

#define MACH_MSG_OPTION_NONE	0x00000000
#define MACH_SEND_MSG		0x00000001
#define MACH_RCV_MSG		0x00000002
#define MACH_SEND_TIMEOUT	0x00000010
#define MACH_SEND_NOTIFY	0x00000020
#define MACH_SEND_INTERRUPT	0x00000040	/* kernel-internal */
#define MACH_SEND_CANCEL	0x00000080
#define MACH_RCV_TIMEOUT	0x00000100
#define MACH_RCV_NOTIFY		0x00000200
#define MACH_RCV_INTERRUPT	0x00000400	/* kernel-internal */
#define MACH_RCV_LARGE		0x00000800
#define MACH_SEND_ALWAYS	0x00010000	/* kernel-internal */

/* Every item of a 64-bit user's message starts on an 8-byte boundary. */
#define MACH_MSG_USER_ALIGNMENT	8

#ifdef KERNEL
#define MACH_MSG_KERNEL_ALIGNMENT	sizeof(uintptr_t)
#define mach_msg_align(x, alignment) \
	((((vm_offset_t)(x)) + ((alignment) - 1)) & ~((alignment) - 1))
#define mach_msg_user_align(x)		mach_msg_align(x, MACH_MSG_USER_ALIGNMENT)
#define mach_msg_kernel_align(x)	mach_msg_align(x, MACH_MSG_KERNEL_ALIGNMENT)
#define mach_msg_user_is_misaligned(x)	((x) & ((MACH_MSG_USER_ALIGNMENT) - 1))
#define mach_msg_kernel_is_misaligned(x) ((x) & ((MACH_MSG_KERNEL_ALIGNMENT) - 1))
#endif

/*
 * Return codes.  Send errors are 0x1000xxxx, receive errors 0x1000_4xxx; the bits in
 * MACH_MSG_MASK may be or-ed in to say which resource ran short.
 */
typedef kern_return_t mach_msg_return_t;

#define MACH_MSG_SUCCESS		0x00000000

#define MACH_MSG_MASK			0x00003c00
#define MACH_MSG_IPC_SPACE		0x00002000	/* no room in the name space */
#define MACH_MSG_VM_SPACE		0x00001000	/* no room in the address space */
#define MACH_MSG_IPC_KERNEL		0x00000800	/* kernel IPC resources exhausted */
#define MACH_MSG_VM_KERNEL		0x00000400	/* kernel VM resources exhausted */

#define MACH_SEND_IN_PROGRESS		0x10000001
#define MACH_SEND_INVALID_DATA		0x10000002
#define MACH_SEND_INVALID_DEST		0x10000003
#define MACH_SEND_TIMED_OUT		0x10000004
#define MACH_SEND_WILL_NOTIFY		0x10000005
#define MACH_SEND_NOTIFY_IN_PROGRESS	0x10000006
#define MACH_SEND_INTERRUPTED		0x10000007
#define MACH_SEND_MSG_TOO_SMALL		0x10000008
#define MACH_SEND_INVALID_REPLY		0x10000009
#define MACH_SEND_INVALID_RIGHT		0x1000000a
#define MACH_SEND_INVALID_NOTIFY	0x1000000b
#define MACH_SEND_INVALID_MEMORY	0x1000000c
#define MACH_SEND_NO_BUFFER		0x1000000d
#define MACH_SEND_NO_NOTIFY		0x1000000e
#define MACH_SEND_INVALID_TYPE		0x1000000f
#define MACH_SEND_INVALID_HEADER	0x10000010

#define MACH_RCV_IN_PROGRESS		0x10004001
#define MACH_RCV_INVALID_NAME		0x10004002
#define MACH_RCV_TIMED_OUT		0x10004003
#define MACH_RCV_TOO_LARGE		0x10004004
#define MACH_RCV_INTERRUPTED		0x10004005
#define MACH_RCV_PORT_CHANGED		0x10004006
#define MACH_RCV_INVALID_NOTIFY		0x10004007
#define MACH_RCV_INVALID_DATA		0x10004008
#define MACH_RCV_PORT_DIED		0x10004009
#define MACH_RCV_IN_SET			0x1000400a
#define MACH_RCV_HEADER_ERROR		0x1000400b
#define MACH_RCV_BODY_ERROR		0x1000400c

/* The trap itself, and the library wrapper that retries interrupted sends/receives. */
extern mach_msg_return_t
mach_msg_trap(mach_msg_user_header_t *msg,
	      mach_msg_option_t option,
	      mach_msg_size_t send_size,
	      mach_msg_size_t rcv_size,
	      mach_port_name_t rcv_name,
	      mach_msg_timeout_t timeout,
	      mach_port_name_t notify);

extern mach_msg_return_t
mach_msg(mach_msg_header_t *msg,
	 mach_msg_option_t option,
	 mach_msg_size_t send_size,
	 mach_msg_size_t rcv_size,
	 mach_port_name_t rcv_name,
	 mach_msg_timeout_t timeout,
	 mach_port_name_t notify);

extern __typeof(mach_msg) __mach_msg;
extern __typeof(mach_msg_trap) __mach_msg_trap;

#endif /* _MACH_MESSAGE_H_ */
