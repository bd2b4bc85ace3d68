/* wire.h — the interface between the generated drivers of the wire harness and its
 * runtime (wire.c, values.c, msg.c, kenv/kenv.c).
 *
 * A generated client file (client.c) has one function per routine that builds fixed
 * arguments, calls a user stub through a pointer and logs what came back; a generated
 * implementation file (impl.c) has the functions the server stubs call, which log what
 * they received and hand back fixed out values.  The runtime stands in for mach_msg
 * (and the kernel between the two), records request and reply bytes, runs every
 * routine with every pairing of generators and compares against GNU MIG's own pair.
 *
 * Everything a generated file needs is here, so generated code stays declarative:
 * no knowledge of message layout lives in the generator. */
#ifndef MIGWIRE_WIRE_H
#define MIGWIRE_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include <mach/message.h>
#include <mach/kern_return.h>

/* Element type, array-ness and fixed size of a type that decays to a pointer (a
 * pointer typedef or an array typedef); only ever expanded for such types. */
#define WT_ELEM(T)    __typeof__((*(T *) 0)[0])
#define WT_ISARR(T)   (!__builtin_types_compatible_p(T, __typeof__(&(*(T *) 0)[0])))
#define WT_FIXSIZE(T) (WT_ISARR(T) ? sizeof(T) : 0)

/* Capacity, in elements, the client claims for every caller-supplied out array. */
#define WT_CAP 16
/* The kern_return_t every implementation returns in the error round. */
#define WT_ERR KERN_INVALID_ARGUMENT

/* Log sides: what the client passed, what it got back, what the implementation
 * received, what it returned, and calls the stubs made (helpers, kernel services). */
enum wt_side { WT_SENT, WT_GOT, WT_RECV, WT_RET, WT_CALL };
/* How a logged value is compared between the two ends (see wire.c:insane). */
enum wt_kind {
	WT_PLAIN,	/* bytes must match exactly */
	WT_POLY,	/* a port disposition: the receiver sees it converted */
	WT_LOCAL,	/* only compared between generators, never across the wire */
};

/* One routine of the client file. */
struct wt_routine {
	const char *name;		/* routine name as in the .defs */
	int simple;			/* simpleroutine: no reply */
	const char *skip;		/* non-NULL: cannot be compared in full, and why */
	int reqonly;			/* ... but its request can (GNU's server stub is cut out) */
	kern_return_t (*call)(void *stub);
	void *stub[2];			/* user stub made by GNU MIG [0] and by ours [1] */
	const char *const *req_items;	/* request item names, message order */
	const char *const *rep_items;	/* reply item names */
};

typedef int (*wt_demux_t)(mach_msg_header_t *, mach_msg_header_t *);

/* The unit a driver executable covers: one .defs under one configuration. */
struct wt_unit {
	const char *defs;		/* "mach.defs" */
	const char *config;		/* "plain", "opt", "kuser", "kserver" */
	int kernel_user;		/* user stubs run in the kernel (ports are pointers) */
	int kernel_server;		/* server stubs run in the kernel */
	wt_demux_t demux[2];		/* GNU's and ours */
	const void *ours_server;	/* NULL: our server stubs are missing */
	const struct wt_routine *routines;
	int nroutines;
};
extern const struct wt_unit wt_unit;

/* Deterministic values.  A seed names one parameter of one routine, so the client
 * and the implementation, compiled apart, agree on every value. */
uint32_t wt_seed(const char *routine, const char *param);
void wt_fill(void *p, size_t n, uint32_t seed);
void wt_str(void *p, size_t max, uint32_t seed);
uint32_t wt_count(uint32_t seed);
mach_msg_type_name_t wt_poly(uint32_t seed);
mach_msg_type_name_t wt_poly_out(uint32_t seed);
void *wt_buf(uint32_t seed);	/* a filled client buffer, WT_BUFSZ bytes */
void *wt_ool(uint32_t seed);	/* a filled server buffer for out-of-line data */
#define WT_BUFSZ 32768
int wt_in_reply(const void *p);	/* does p point into the reply being built? */
int wt_ptrclass(const void *p);
size_t wt_strlen(const void *p, size_t max);

/* Logging, and the hooks the implementation calls. */
void wt_log(enum wt_side side, enum wt_kind kind, const char *name, const void *p, size_t n);
/* An array: its element size is logged too, and the two ends are only compared when
 * it agrees (port arrays grow from names to pointers on their way into the kernel). */
void wt_loga(enum wt_side side, enum wt_kind kind, const char *name, const void *p, size_t n,
	     size_t esize);
void wt_log_u32(enum wt_side side, enum wt_kind kind, const char *name, uint32_t v);
int wt_impl_enter(const char *routine);	/* returns the round: 0 success, 1 error */
void wt_unsupported(const char *why);	/* the driver cannot fill this parameter */
void wt_scrub(void);		/* zero the stack below the caller (see wire.c) */

/* msg.c: the stand-in kernel between two stubs, and names for message bytes. */
#define WT_MSGMAX 65536
#define WT_SEQNO 0x5e9u
size_t wt_copyin(unsigned char *m, size_t size, int from_user);
void wt_copyout(unsigned char *m, size_t size, int to_user);
void wt_kernel_reply_port(unsigned char *m, uint32_t name);
void wt_field(char *out, size_t outsz, const unsigned char *a, const unsigned char *b,
	      size_t size, size_t off, const char *const *items);
mach_msg_type_name_t wt_disposition_received(mach_msg_type_name_t);

#endif
