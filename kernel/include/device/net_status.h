/*
 * device/net_status.h - network interface status, packet filters and the message in
 * which a network device delivers a received packet.
 */
#ifndef _DEVICE_NET_STATUS_H_
#define _DEVICE_NET_STATUS_H_

#include <device/device_types.h>
#include <mach/message.h>

struct net_status {
	int min_packet_size;	/* bytes */
	int max_packet_size;
	int header_format;	/* HDR_* */
	int header_size;
	int address_size;
	int flags;		/* the interface's own flags */
	int mapped_size;	/* bytes of device memory mappable, or 0 */
};
#define NET_STATUS_COUNT	(sizeof(struct net_status) / sizeof(int))
#define NET_STATUS		(('n' << 16) + 1)

/* Link-level header formats. */
#define HDR_ETHERNET		1
#define HDR_EXP_ETHERNET	2	/* 3 Mb/s experimental Ethernet */
#define HDR_PRO_NET		4
#define HDR_CHAOS		5
#define HDR_802			6

#define NET_ADDRESS		(('n' << 16) + 2)
#define NET_DSTADDR		(('n' << 16) + 3)
#define NET_FLAGS		(('n' << 16) + 4)

/*
 * CSPF packet filters: a program of 16-bit words, each an operation in the top six
 * bits and an argument (push action) in the low ten, run on a small stack.
 */
#define NET_MAX_FILTER		128	/* words */
#define NET_FILTER_STACK_DEPTH	32

typedef unsigned short filter_t;
typedef filter_t *filter_array_t;

#define CSPF_BYTES(n)		((n) * sizeof(filter_t))

#define NETF_NBPA		10	/* bits of argument */
#define NETF_NBPO		6	/* bits of operator */

#define NETF_ARG(word)		((word) & 0x3ff)
#define NETF_OP(word)		(((word) >> NETF_NBPA) & 0x3f)

/* The first word may instead say which direction(s) and whether the program is BPF. */
#define NETF_TYPE_MASK		(((1 << NETF_NBPO) - 1) << NETF_NBPA)
#define NETF_BPF		(1 << NETF_NBPA)
#define NETF_IN			0x1
#define NETF_OUT		0x2

/* Operators. */
#define NETF_NOP		(0 << NETF_NBPA)
#define NETF_EQ			(1 << NETF_NBPA)
#define NETF_LT			(2 << NETF_NBPA)
#define NETF_LE			(3 << NETF_NBPA)
#define NETF_GT			(4 << NETF_NBPA)
#define NETF_GE			(5 << NETF_NBPA)
#define NETF_AND		(6 << NETF_NBPA)
#define NETF_OR			(7 << NETF_NBPA)
#define NETF_XOR		(8 << NETF_NBPA)
#define NETF_COR		(9 << NETF_NBPA)	/* short-circuit forms */
#define NETF_CAND		(10 << NETF_NBPA)
#define NETF_CNOR		(11 << NETF_NBPA)
#define NETF_CNAND		(12 << NETF_NBPA)
#define NETF_NEQ		(13 << NETF_NBPA)
#define NETF_LSH		(14 << NETF_NBPA)
#define NETF_RSH		(15 << NETF_NBPA)
#define NETF_ADD		(16 << NETF_NBPA)
#define NETF_SUB		(17 << NETF_NBPA)

/* Arguments: what to push. */
#define NETF_NOPUSH		0
#define NETF_PUSHLIT		1	/* the next word */
#define NETF_PUSHZERO		2
#define NETF_PUSHIND		14	/* packet word indexed by the top of stack */
#define NETF_PUSHHDRIND		15	/* header word indexed by the top of stack */
#define NETF_PUSHWORD		16	/* + n: packet word n */
#define NETF_PUSHHDR		960	/* + n: header word n */
#define NETF_PUSHSTK		992	/* + n: stack word n */

/* Filter priorities. */
#define NET_HI_PRI		100
#define NET_PRI_MAX		255

#include <device/bpf.h>

/* A received packet as sent to the filter's port. */
#define NET_RCV_MAX		4095
#define NET_HDW_HDR_MAX		64

#define NET_RCV_MSG_ID		2999

struct packet_header {
	unsigned short length;
	unsigned short type;	/* network byte order */
};

struct net_rcv_msg {
	mach_msg_header_t msg_hdr;
	mach_msg_type_t header_type;
	char header[NET_HDW_HDR_MAX];
	mach_msg_type_t packet_type;
	char packet[NET_RCV_MAX];	/* starts with a struct packet_header */
	boolean_t sent;			/* the packet was sent by this host */
};
typedef struct net_rcv_msg *net_rcv_msg_t;

#define net_rcv_msg_packet_count	packet_type.msgt_number

#endif /* _DEVICE_NET_STATUS_H_ */
