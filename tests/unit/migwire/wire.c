/* wire.c — runtime of the wire-compatibility harness: stand-ins for the calls stubs
 * make (mach_msg and its kernel variants, the mig_* helpers), the log both ends
 * write, and main(), which runs every routine of one unit with every pairing of
 * generators and compares the result with GNU MIG's own pair.
 *
 * Entry points: main; the stand-ins mach_msg, mach_msg_send_from_kernel,
 * mach_msg_rpc_from_kernel, mig_get_reply_port, mig_put_reply_port,
 * mig_dealloc_reply_port, mig_allocate, mig_deallocate, mig_strncpy; wt_log,
 * wt_loga, wt_log_u32, wt_impl_enter, wt_unsupported, wt_scrub (wire.h).
 *
 * Nothing is masked when comparing.  Bytes a stub never writes would be undefined,
 * so every buffer a message is built in starts zeroed: the server's in and out
 * buffers are zero-filled here, and the stack a stub's local message buffer lives on
 * is zeroed by wt_scrub just before the call.  Padding therefore compares, as zero. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mach/mig_errors.h>
#include <mach/mig_support.h>

#include "wire.h"

#include "runtime.h"

#define NCOMBO 4
#define LOGMAX 65536
#define WT_REPLY_PORT 0x2c1u

static const char *const combo_name[NCOMBO] = {
	"gnu-user/gnu-server", "ours-user/gnu-server",
	"gnu-user/ours-server", "ours-user/ours-server",
};

/* Everything one call leaves behind, compared between pairings. */
struct capture {
	unsigned char req[WT_MSGMAX];
	size_t req_len;
	int req_seen;
	unsigned char rep[WT_MSGMAX];
	size_t rep_len;
	int rep_sent;			/* the server loop would send a reply */
	int demux_ret;
	const char *via;		/* which stand-in the stub called */
	uint32_t option, send_size, rcv_size, rcv_name, timeout, notify;
	kern_return_t kr;
	unsigned char log[LOGMAX];
	size_t log_len;
	int impl_calls;
	const char *impl_routine;
};

static struct capture caps[NCOMBO][2];	/* [pairing][round] */
static struct capture *cap;		/* the call in progress */
static wt_demux_t server;		/* the demux of the pairing in progress */
static int round_now;

/* ---- the log ---- */

/* Record layout: side, kind, element size (2 bytes), name length, name, 4-byte length,
 * bytes. */
void wt_loga(enum wt_side side, enum wt_kind kind, const char *name, const void *p, size_t n,
	     size_t esize)
{
	size_t nl = strlen(name);
	uint32_t len = (uint32_t) n;

	if (cap == NULL || nl > 255 || cap->log_len + 9 + nl + n > LOGMAX)
		return;
	cap->log[cap->log_len++] = (unsigned char) side;
	cap->log[cap->log_len++] = (unsigned char) kind;
	cap->log[cap->log_len++] = (unsigned char) esize;
	cap->log[cap->log_len++] = (unsigned char) (esize >> 8);
	cap->log[cap->log_len++] = (unsigned char) nl;
	memcpy(cap->log + cap->log_len, name, nl);
	cap->log_len += nl;
	memcpy(cap->log + cap->log_len, &len, 4);
	cap->log_len += 4;
	if (n)
		memcpy(cap->log + cap->log_len, p, n);
	cap->log_len += n;
}

void wt_log(enum wt_side side, enum wt_kind kind, const char *name, const void *p, size_t n)
{
	wt_loga(side, kind, name, p, n, 0);
}

void wt_log_u32(enum wt_side side, enum wt_kind kind, const char *name, uint32_t v)
{
	wt_log(side, kind, name, &v, sizeof v);
}

int wt_impl_enter(const char *routine)
{
	if (cap) {
		cap->impl_calls++;
		cap->impl_routine = routine;
	}
	return round_now;
}

void wt_unsupported(const char *why)
{
	wt_log(WT_CALL, WT_LOCAL, "unsupported", why, strlen(why));
}

/* Zero the stack the next call's frame will occupy.  Called right before a stub (or
 * the demux) from the same frame that then makes the call, so the stub's local
 * message buffer starts as zeros, not as whatever an earlier call left there. */
__attribute__((noinline)) void wt_scrub(void)
{
	unsigned char pad[256 * 1024];
	memset(pad, 0, sizeof pad);
	__asm__ volatile("" : : "r"(pad) : "memory");
}

/* ---- the stand-ins ---- */

static void event(const char *what, uint64_t arg)
{
	wt_log(WT_CALL, WT_LOCAL, what, &arg, sizeof arg);
}

mach_port_t mig_get_reply_port(void)
{
	event("mig_get_reply_port", 0);
	return WT_REPLY_PORT;
}

void mig_put_reply_port(mach_port_t p)
{
	event("mig_put_reply_port", p);
}

void mig_dealloc_reply_port(mach_port_t p)
{
	event("mig_dealloc_reply_port", p);
}

void mig_allocate(vm_address_t *addr, vm_size_t size)
{
	event("mig_allocate", size);
	*addr = (vm_address_t) (uintptr_t) wt_alloc(size);
}

void mig_deallocate(vm_address_t addr, vm_size_t size)
{
	(void) addr;
	event("mig_deallocate", size);
}

/* Copies at most len bytes, stopping after the NUL, and zero-fills the rest of the
 * field so no stale byte of it reaches the message; returns the string's length
 * (len if it did not fit), which is how GNU MIG's stubs use it. */
vm_size_t mig_strncpy(char *dst, const char *src, vm_size_t len)
{
	size_t n = strnlen(src, len);

	memcpy(dst, src, n);
	memset(dst + n, 0, len - n);
	return n;
}

/* WT_DUMP=routine (in the environment of a driver) prints the messages of that
 * routine's calls on stderr: a debugging aid, not part of any comparison. */
static const char *dump_routine, *routine_now, *combo_now;

static void dump(const char *what, const void *p, size_t n)
{
	const unsigned char *b = p;

	if (!dump_routine || !routine_now || strcmp(dump_routine, routine_now))
		return;
	fprintf(stderr, "%s, %s: %s, %zu bytes", routine_now, combo_now, what, n);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "%s%02x", i % 16 ? (i % 8 ? " " : "  ") : "\n  ", b[i]);
	fprintf(stderr, "\n");
}

/* One message through the stand-in kernel to the server of the current pairing;
 * the reply (if any) is left in cap->rep. */
static void deliver(const mach_msg_header_t *msg, size_t size, int from_user, int kreply)
{
	mig_reply_header_t *out = (mig_reply_header_t *) wt_srv_out;

	cap->req_seen = 1;
	cap->req_len = size < WT_MSGMAX ? size : WT_MSGMAX;
	memcpy(cap->req, msg, cap->req_len);
	memset(wt_srv_in, 0, sizeof wt_srv_in);
	memset(wt_srv_out, 0, sizeof wt_srv_out);
	memcpy(wt_srv_in, msg, cap->req_len);
	/* mach_msg_rpc_from_kernel supplies the reply port itself. */
	if (kreply)
		wt_kernel_reply_port(wt_srv_in, WT_REPLY_PORT);
	wt_copyin(wt_srv_in, cap->req_len, from_user);
	if (!wt_unit.kernel_server)
		wt_copyout(wt_srv_in, cap->req_len, 1);
	dump("request as sent", cap->req, cap->req_len);
	dump("request as the server gets it", wt_srv_in, cap->req_len);
	wt_scrub();
	cap->demux_ret = server((mach_msg_header_t *) wt_srv_in, (mach_msg_header_t *) wt_srv_out);
	/* Like mach_msg_server: no reply for MIG_NO_REPLY or without a reply port. */
	cap->rep_sent = !(out->RetCode == MIG_NO_REPLY && !(out->Head.msgh_bits & MACH_MSGH_BITS_COMPLEX))
		&& out->Head.msgh_remote_port != MACH_PORT_NULL;
	if (cap->rep_sent) {
		cap->rep_len = out->Head.msgh_size < WT_MSGMAX ? out->Head.msgh_size : WT_MSGMAX;
		memcpy(cap->rep, wt_srv_out, cap->rep_len);
		dump("reply as sent", cap->rep, cap->rep_len);
	}
}

/* Hand the reply back to the client, as the stand-in kernel would. */
static mach_msg_return_t receive(mach_msg_header_t *msg, size_t rcv_size, int to_user)
{
	if (!cap->rep_sent)
		return MACH_RCV_TIMED_OUT;
	memset(wt_rcv_tmp, 0, sizeof wt_rcv_tmp);
	memcpy(wt_rcv_tmp, cap->rep, cap->rep_len);
	wt_copyin(wt_rcv_tmp, cap->rep_len, !wt_unit.kernel_server);
	wt_copyout(wt_rcv_tmp, cap->rep_len, to_user);
	if (cap->rep_len > rcv_size)
		return MACH_RCV_TOO_LARGE;
	dump("reply as the client gets it", wt_rcv_tmp, cap->rep_len);
	memcpy(msg, wt_rcv_tmp, cap->rep_len);
	return MACH_MSG_SUCCESS;
}

mach_msg_return_t mach_msg(mach_msg_header_t *msg, mach_msg_option_t option,
			   mach_msg_size_t send_size, mach_msg_size_t rcv_size,
			   mach_port_name_t rcv_name, mach_msg_timeout_t timeout,
			   mach_port_name_t notify)
{
	if (cap == NULL || cap->via)
		return MACH_SEND_INVALID_DEST;	/* one message per call, no more */
	cap->via = "mach_msg";
	cap->option = (uint32_t) option;
	cap->send_size = send_size;
	cap->rcv_size = rcv_size;
	cap->rcv_name = rcv_name;
	cap->timeout = timeout;
	cap->notify = notify;
	if (send_size < 32 || send_size % 8)
		return MACH_SEND_MSG_TOO_SMALL;
	if (option & MACH_SEND_MSG)
		deliver(msg, send_size, 1, 0);
	if (option & MACH_RCV_MSG)
		return receive(msg, rcv_size, 1);
	return MACH_MSG_SUCCESS;
}

/* What GNU Mach's kern/ipc_mig.h offers KernelUser stubs. */
mach_msg_return_t mach_msg_send_from_kernel(mach_msg_header_t *msg, mach_msg_size_t send_size);
mach_msg_return_t mach_msg_rpc_from_kernel(mach_msg_header_t *msg, mach_msg_size_t send_size,
					   mach_msg_size_t rcv_size);

mach_msg_return_t mach_msg_send_from_kernel(mach_msg_header_t *msg, mach_msg_size_t send_size)
{
	if (cap == NULL || cap->via)
		return MACH_SEND_INVALID_DEST;
	cap->via = "mach_msg_send_from_kernel";
	cap->send_size = send_size;
	deliver(msg, send_size, 0, 0);
	return MACH_MSG_SUCCESS;
}

mach_msg_return_t mach_msg_rpc_from_kernel(mach_msg_header_t *msg, mach_msg_size_t send_size,
					   mach_msg_size_t rcv_size)
{
	if (cap == NULL || cap->via)
		return MACH_SEND_INVALID_DEST;
	cap->via = "mach_msg_rpc_from_kernel";
	cap->send_size = send_size;
	cap->rcv_size = rcv_size;
	deliver(msg, send_size, 0, 1);
	return receive(msg, rcv_size, 0);
}

/* ---- running and comparing ---- */

static void run(int combo, int round, const struct wt_routine *r)
{
	struct capture *c = &caps[combo][round];

	memset(c, 0, sizeof *c);
	cap = c;
	round_now = round;
	server = wt_unit.demux[combo >= 2];
	wt_values_reset();
	routine_now = r->name;
	combo_now = combo_name[combo];
	wt_msg_reset();
	c->kr = r->call(r->stub[combo & 1]);
	cap = NULL;
}

struct rec {
	unsigned side, kind, esize;
	char name[256];
	const unsigned char *p;
	uint32_t len;
};

static size_t get_rec(const struct capture *c, size_t off, struct rec *r)
{
	unsigned nl;

	if (off >= c->log_len)
		return 0;
	r->side = c->log[off];
	r->kind = c->log[off + 1];
	r->esize = c->log[off + 2] | (unsigned) c->log[off + 3] << 8;
	nl = c->log[off + 4];
	memcpy(r->name, c->log + off + 5, nl);
	r->name[nl] = 0;
	memcpy(&r->len, c->log + off + 5 + nl, 4);
	r->p = c->log + off + 9 + nl;
	return off + 9 + nl + r->len;
}

#define MAXREC 512

static int rec_cmp(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;
	int d = strcmp(x->name, y->name);

	if (d)
		return d;
	if (x->side != y->side)
		return x->side < y->side ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->p, y->p, x->len);
}

/* The records of a log, sorted. */
static size_t sorted(const struct capture *c, struct rec *out)
{
	size_t n = 0, off = 0;

	while (n < MAXREC && (off = get_rec(c, off, &out[n])) != 0)
		n++;
	qsort(out, n, sizeof *out, rec_cmp);
	return n;
}

static const char *side_name(unsigned s)
{
	static const char *const n[] = {
		"passed by the client", "returned to the client",
		"received by the implementation", "returned by the implementation", "called",
	};
	return s < 5 ? n[s] : "?";
}

static size_t first_diff(const unsigned char *a, const unsigned char *b, size_t n)
{
	size_t i = 0;
	while (i < n && a[i] == b[i])
		i++;
	return i;
}

static int diff_msg(char *why, size_t wsz, const char *what, const unsigned char *a, size_t alen,
		    const unsigned char *b, size_t blen, const char *const *items)
{
	size_t n = alen < blen ? alen : blen, off = first_diff(a, b, n);
	char field[256];

	if (off == n && alen == blen)
		return 0;
	wt_field(field, sizeof field, a, b, off < n ? alen : n, off, items);
	if (alen != blen)
		snprintf(why, wsz, "%s: %zu bytes, GNU's pair %zu; first differing byte at offset %zu (%s)",
			 what, blen, alen, off, field);
	else
		snprintf(why, wsz, "%s: first differing byte at offset %zu (%s)", what, off, field);
	return 1;
}

/* Did pairing c send what the baseline b sent?  If not, say where it first differs. */
static int request_differs(const struct capture *b, const struct capture *c,
			   const struct wt_routine *r, char *why, size_t wsz)
{
	if (b->req_seen != c->req_seen) {
		snprintf(why, wsz, "request %s", c->req_seen ? "sent, GNU's pair sends none" : "not sent");
		return 1;
	}
	if (diff_msg(why, wsz, "request", b->req, b->req_len, c->req, c->req_len, r->req_items))
		return 1;
	if ((b->via == NULL) != (c->via == NULL) || (b->via && strcmp(b->via, c->via))) {
		snprintf(why, wsz, "sends with %s, GNU's pair with %s", c->via ? c->via : "nothing",
			 b->via ? b->via : "nothing");
		return 1;
	}
#define ARG(f) if (b->f != c->f) { \
		snprintf(why, wsz, "%s argument " #f " is %#x, GNU's pair %#x", c->via, c->f, b->f); \
		return 1; }
	/* Not rcv_size: it is the size of the stub's buffer, not of a message. */
	ARG(option) ARG(send_size) ARG(rcv_name) ARG(timeout) ARG(notify)
#undef ARG
	return 0;
}

/* Does pairing c behave as the baseline b?  If not, say where it first differs. */
static int differs(const struct capture *b, const struct capture *c,
		   const struct wt_routine *r, char *why, size_t wsz)
{
	static struct rec xs[MAXREC], ys[MAXREC];
	struct rec x, y;

	if (request_differs(b, c, r, why, wsz))
		return 1;
	if (b->impl_calls != c->impl_calls || (c->impl_calls && strcmp(b->impl_routine, c->impl_routine))) {
		snprintf(why, wsz, "the server called %d implementations (%s), GNU's %d (%s)", c->impl_calls,
			 c->impl_calls ? c->impl_routine : "none", b->impl_calls,
			 b->impl_calls ? b->impl_routine : "none");
		return 1;
	}
	if (b->demux_ret != c->demux_ret) {
		snprintf(why, wsz, "server demux returned %d, GNU's %d", c->demux_ret, b->demux_ret);
		return 1;
	}
	if (b->rep_sent != c->rep_sent) {
		snprintf(why, wsz, "reply %s", c->rep_sent ? "sent, GNU's pair sends none" : "not sent");
		return 1;
	}
	if (b->rep_sent && diff_msg(why, wsz, "reply", b->rep, b->rep_len, c->rep, c->rep_len, r->rep_items))
		return 1;
	if (b->kr != c->kr) {
		snprintf(why, wsz, "user stub returned %#x, GNU's %#x", (unsigned) c->kr, (unsigned) b->kr);
		return 1;
	}
	/* The logs as sets: the same values and the same calls, in whatever order (a
	 * stub may translate its arguments in another order than GNU's and be as right). */
	size_t nb = sorted(b, xs), nc = sorted(c, ys);
	for (size_t i = 0; i < nb || i < nc; i++) {
		if (i == nb || i == nc || xs[i].side != ys[i].side || strcmp(xs[i].name, ys[i].name)) {
			const struct rec *m = i == nb ? &ys[i] : &xs[i];
			int gnu_only = i < nb && (i == nc || rec_cmp(&xs[i], &ys[i]) < 0);
			if (!gnu_only)
				m = &ys[i];
			snprintf(why, wsz, "%s '%s' (%s) %s", gnu_only ? "GNU's pair has" : "this pair has",
				 m->name, side_name(m->side), gnu_only ? "and this one not" : "and GNU's not");
			return 1;
		}
		x = xs[i];
		y = ys[i];
		if (x.len != y.len || memcmp(x.p, y.p, x.len)) {
			size_t n = x.len < y.len ? x.len : y.len;
			snprintf(why, wsz, "'%s' %s differs (%u bytes vs GNU's %u, first difference at byte %zu)",
				 y.name, side_name(y.side), y.len, x.len, first_diff(x.p, y.p, n));
			return 1;
		}
	}
	return 0;
}

/* The baseline must have carried every value across: what the client passed is what
 * the implementation received, and what it returned is what the client got. */
static int insane(const struct capture *b, const struct wt_routine *r, int round,
		  char *why, size_t wsz)
{
	struct rec x, y;
	size_t ox, oy;
	kern_return_t want = r->simple ? KERN_SUCCESS : round ? WT_ERR : KERN_SUCCESS;

	if (!b->req_seen) {
		snprintf(why, wsz, "the user stub sent nothing (returned %#x)", (unsigned) b->kr);
		return 1;
	}
	if (b->impl_calls != 1) {
		snprintf(why, wsz, "the implementation was called %d times (server RetCode %d)",
			 b->impl_calls, ((const mig_reply_header_t *) wt_srv_out)->RetCode);
		return 1;
	}
	if (strcmp(b->impl_routine, r->name)) {
		snprintf(why, wsz, "the server called the implementation of %s", b->impl_routine);
		return 1;
	}
	if (b->kr != want) {
		snprintf(why, wsz, "the user stub returned %#x, expected %#x", (unsigned) b->kr, (unsigned) want);
		return 1;
	}
	for (ox = 0; (ox = get_rec(b, ox, &x)) != 0;) {
		unsigned want_side;
		int found = 0;
		if (x.kind != WT_PLAIN && x.kind != WT_POLY)
			continue;
		if (x.side == WT_SENT)
			want_side = WT_RECV;
		else if (x.side == WT_RET)
			want_side = WT_GOT;
		else
			continue;
		for (oy = 0; (oy = get_rec(b, oy, &y)) != 0;) {
			if (y.side != want_side || strcmp(x.name, y.name))
				continue;
			found = 1;
			if (x.esize != y.esize)
				break;	/* a different representation on each side */
			if (x.kind == WT_POLY && x.len == 4 && y.len == 4) {
				uint32_t v;
				memcpy(&v, x.p, 4);
				v = wt_disposition_received(v);
				if (memcmp(&v, y.p, 4) == 0)
					break;
			} else if (x.len == y.len && memcmp(x.p, y.p, x.len) == 0) {
				break;
			}
			snprintf(why, wsz, "'%s' %s is not what was %s", x.name, side_name(y.side),
				 side_name(x.side));
			return 1;
		}
		if (!found) {
			snprintf(why, wsz, "'%s' was %s but never %s", x.name, side_name(x.side),
				 side_name(want_side));
			return 1;
		}
	}
	return 0;
}

/* Routines of ours cut out because their stub does not compile (unit.sh lists
 * them in $WT_OURS_CUT: side U or S, routine, compiler message). */
static char cut_text[16384];

static void load_cut(void)
{
	const char *path = getenv("WT_OURS_CUT");
	FILE *f = path ? fopen(path, "r") : NULL;
	size_t n;

	if (f == NULL)
		return;
	n = fread(cut_text, 1, sizeof cut_text - 1, f);
	cut_text[n] = 0;
	fclose(f);
}

/* The compiler's message if our stub of this side for routine r was cut, or NULL. */
static const char *cut(char side, const char *routine)
{
	static char msg[512];
	size_t rl = strlen(routine);

	for (const char *l = cut_text; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : "") {
		if (l[0] == side && l[1] == '\t' && strncmp(l + 2, routine, rl) == 0 && l[2 + rl] == '\t') {
			const char *m = l + 3 + rl, *e = strchr(m, '\n');
			snprintf(msg, sizeof msg, "our %s stub does not compile: %.*s",
				 side == 'U' ? "user" : "server", (int) (e ? e - m : (int) strlen(m)), m);
			return msg;
		}
	}
	return NULL;
}

/* Did the generated code meet an argument it cannot give a value (wt_unsupported)? */
static int unsupported(const struct capture *c, char *why, size_t wsz)
{
	struct rec x;

	for (size_t off = 0; (off = get_rec(c, off, &x)) != 0;) {
		if (x.side == WT_CALL && strcmp(x.name, "unsupported") == 0) {
			snprintf(why, wsz, "%.*s", (int) x.len, (const char *) x.p);
			return 1;
		}
	}
	return 0;
}

/* A routine without a baseline server: compare what the user stubs send, no more. */
static int request_only(const struct wt_routine *r, const char *ours_user_err, char *out, size_t osz)
{
	char why[512];

	run(0, 0, r);
	if (!caps[0][0].req_seen) {
		snprintf(out, osz, "%s: the user stub sent nothing (returned %#x)", combo_name[0],
			 (unsigned) caps[0][0].kr);
		return 1;
	}
	if (!ours_user_err)
		ours_user_err = cut('U', r->name);
	if (ours_user_err || r->stub[1] == NULL) {
		snprintf(out, osz, "%s: %s", combo_name[1], ours_user_err ? ours_user_err : "our user stub is missing");
		return 1;
	}
	run(1, 0, r);
	if (request_differs(&caps[0][0], &caps[1][0], r, why, sizeof why)) {
		snprintf(out, osz, "%s: %s", combo_name[1], why);
		return 1;
	}
	return 0;
}

static const char *ours_user_err, *ours_server_err;
static char label[128];

/* The pairing and round in progress, in memory shared with main(), which names them
 * if the check crashes. */
static volatile int *progress;

/* Check one routine and print its line.  Returns 0 passed, 1 failed, 2 skipped. */
static int check(const struct wt_routine *r)
{
	int rounds = r->simple ? 1 : 2;
	char why[512] = "", first[600] = "";
	int bad = 0;

	if (r->skip && r->reqonly) {
		if (request_only(r, ours_user_err, first, sizeof first)) {
			printf("FAIL %s:%s: %s\n", label, r->name, first);
			return 1;
		}
		printf("SKIP %s:%s: %s; its request alone is compared: identical\n",
		       label, r->name, r->skip);
		return 2;
	}
	if (r->skip) {
		printf("SKIP %s:%s: %s\n", label, r->name, r->skip);
		return 2;
	}
	for (int s = 0; s < 36; s++) {
		wt_poly_choice(s % 6, s / 6);
		wt_poly_used = 0;
		run(0, 0, r);
		if (!wt_poly_used || !insane(&caps[0][0], r, 0, why, sizeof why))
			break;
		wt_poly_choice(0, 0);
	}
	if (unsupported(&caps[0][0], why, sizeof why)) {
		printf("SKIP %s:%s: the harness cannot fill %s\n", label, r->name, why);
		return 2;
	}
	for (int k = 0; k < rounds && !bad; k++) {
		progress[1] = k;
		run(0, k, r);
		if (insane(&caps[0][k], r, k, why, sizeof why)) {
			snprintf(first, sizeof first, "%s (%s round): %s", combo_name[0],
				 k ? "error" : "success", why);
			bad = 1;
		}
	}
	for (int c = 1; c < NCOMBO && !bad; c++) {
		const char *err = NULL;
		if ((c & 1) && ours_user_err)
			err = ours_user_err;
		else if ((c & 1) && cut('U', r->name))
			err = cut('U', r->name);
		else if ((c & 1) && r->stub[1] == NULL)
			err = "our user stub is missing";
		else if (c >= 2 && ours_server_err)
			err = ours_server_err;
		else if (c >= 2 && cut('S', r->name))
			err = cut('S', r->name);
		else if (c >= 2 && wt_unit.ours_server == NULL)
			err = "our server demux is missing";
		if (err) {
			snprintf(first, sizeof first, "%s: %s", combo_name[c], err);
			bad = 1;
			break;
		}
		progress[0] = c;
		for (int k = 0; k < rounds && !bad; k++) {
			progress[1] = k;
			run(c, k, r);
			if (differs(&caps[0][k], &caps[c][k], r, why, sizeof why)) {
				snprintf(first, sizeof first, "%s (%s round): %s", combo_name[c],
					 k ? "error" : "success", why);
				bad = 1;
			}
		}
	}
	if (bad) {
		printf("FAIL %s:%s: %s\n", label, r->name, first);
		return 1;
	}
	printf("PASS %s:%s\n", label, r->name);
	return 0;
}

int main(void)
{
	int count[3] = { 0, 0, 0 };

	/* Lines go out as they are made, before any child writes its own. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	dump_routine = getenv("WT_DUMP");
	load_cut();
	ours_user_err = getenv("WT_OURS_USER_ERR");
	ours_server_err = getenv("WT_OURS_SERVER_ERR");
	if (ours_user_err && !*ours_user_err)
		ours_user_err = NULL;
	if (ours_server_err && !*ours_server_err)
		ours_server_err = NULL;
	if (strcmp(wt_unit.config, "plain") == 0)
		snprintf(label, sizeof label, "%s", wt_unit.defs);
	else
		snprintf(label, sizeof label, "%s[%s]", wt_unit.defs, wt_unit.config);
	progress = mmap(NULL, 2 * sizeof *progress, PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (progress == MAP_FAILED) {
		perror("mmap");
		return 2;
	}

	/* Each routine in a child of its own: a stub that crashes fails its routine,
	 * not the ones after it. */
	for (int i = 0; i < wt_unit.nroutines; i++) {
		const struct wt_routine *r = &wt_unit.routines[i];
		int status;
		pid_t pid;

		progress[0] = progress[1] = 0;
		pid = fork();
		if (pid == 0) {
			alarm(10);	/* nor one that loops */
			_exit(check(r));
		}
		if (pid < 0 || waitpid(pid, &status, 0) != pid) {
			perror("fork");
			return 2;
		}
		if (WIFEXITED(status) && WEXITSTATUS(status) <= 2) {
			count[WEXITSTATUS(status)]++;
			continue;
		}
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
			printf("FAIL %s:%s: %s (%s round): the call did not return in 10 s\n", label,
			       r->name, combo_name[progress[0]], progress[1] ? "error" : "success");
		else
			printf("FAIL %s:%s: %s (%s round): the call crashed (%s %d)\n", label, r->name,
			       combo_name[progress[0]], progress[1] ? "error" : "success",
			       WIFSIGNALED(status) ? "signal" : "exit status",
			       WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
		count[1]++;
	}
	printf("# %s: %d routines, %d passed, %d failed, %d skipped\n", label,
	       wt_unit.nroutines, count[0], count[1], count[2]);
	return count[1] != 0;
}
