/*
 * emit_common.c — what the header, user and server emitters share: names,
 * the C spelling of each argument on each side, message size bounds and
 * header bits, and the small static helpers every generated .c file carries
 * to lay items out in a typed message and read them back.
 */
#include <stdarg.h>
#include <string.h>

#include "emit.h"

FILE *out;

void put(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

const char *user_name(const struct routine *r)
{
	return xasprintf("%s%s%s", or_empty(opts.prefix), or_empty(r->user_prefix), r->name);
}

const char *server_name(const struct routine *r)
{
	return xasprintf("%s%s%s", or_empty(opts.prefix), or_empty(r->server_prefix),
			 r->name);
}

const char *demux_name(void)
{
	if (subsystem.server_demux)
		return xasprintf("%s%s", or_empty(opts.prefix), subsystem.server_demux);
	return xasprintf("%s%s_server", or_empty(opts.prefix), subsystem.name);
}

const char *subr(const char *fn)
{
	return xasprintf("%s%s", or_empty(opts.subrprefix), fn);
}

long request_id(const struct routine *r)
{
	return subsystem.base + r->number;
}

bool kernel_side(enum side side)
{
	return side == SIDE_USER ? subsystem.kernel_user : subsystem.kernel_server;
}

const char *port_ctype(enum side side)
{
	return kernel_side(side) ? "ipc_port_t" : "mach_port_t";
}

/* The C type of one value of the argument as the routine on that side sees
 * it: servers see translated types (intran), kernels see ipc_port_t. */
const char *arg_ctype(const struct arg *a, enum side side)
{
	const struct type *t = a->type;
	const char *c = t->ctype;

	if (side == SIDE_SERVER && t->intran_fn)
		c = t->intran_type;
	else if (side == SIDE_SERVER && t->outtran_fn && t->outtran_arg)
		c = t->outtran_arg;
	else if (side == SIDE_USER && t->user_ctype)
		c = t->user_ctype;
	else if (side == SIDE_SERVER && t->server_ctype)
		c = t->server_ctype;
	if (kernel_side(side) && type_is_port(t) && t->kind == TK_SIMPLE &&
	    strcmp(c, "mach_port_t") == 0)
		c = "ipc_port_t";
	return c;
}

bool arg_has_cnt(const struct arg *a)
{
	return a->type->varying && !a->type->cstring;
}

bool arg_is_port(const struct arg *a)
{
	return type_is_port(a->type);
}

bool arg_maybe_ool(const struct arg *a)
{
	return !a->type->inl || a->type->indefinite;
}

bool arg_visible(const struct arg *a, enum side side)
{
	switch (a->kind) {
	case AK_SREPLY_PORT:
	case AK_MSGSEQNO:
		return side == SIDE_SERVER;
	case AK_UREPLY_PORT:
	case AK_WAITTIME:
	case AK_MSGOPTION:
		return side == SIDE_USER;
	default:
		return true;
	}
}

const char *msgt_expr(int name, bool received)
{
	const char *s = msgt_symbol(name, received);

	return s ? s : xasprintf("%d", name);
}

static bool is_out(const struct arg *a)
{
	return a->in_reply;
}

/* One parameter (and its Poly/Cnt/Dealloc/SCopy companions). */
static void print_param(const struct arg *a, enum side side, const char *sep,
			const char *indent, bool *first)
{
	const struct type *t = a->type;
	const char *c = arg_ctype(a, side);
	bool outp = is_out(a);
	bool poly = side == SIDE_USER ? a->user_poly : a->server_poly;
	const char *decl;

#define NEXT() (put("%s%s", *first ? "" : sep, indent), *first = false)
	if (!outp) {
		if (t->by_value || !t->inl)
			decl = xasprintf("%s %s", c, a->name);
		else if (t->string_like)
			decl = xasprintf("const_%s %s", c, a->name);
		else
			decl = xasprintf("const %s %s", c, a->name);
	} else {
		if (t->by_value || t->indefinite || !t->inl)
			decl = xasprintf("%s *%s", c, a->name);
		else
			decl = xasprintf("%s %s", c, a->name);
	}
	NEXT();
	put("%s", decl);
	if (poly) {
		NEXT();
		put("mach_msg_type_name_t %s%sPoly", outp ? "*" : "", a->name);
	}
	if (a->in_request || a->in_reply) {
		if (arg_has_cnt(a)) {
			NEXT();
			put("mach_msg_type_number_t %s%sCnt", outp ? "*" : "", a->name);
		}
		if (side == SIDE_USER && (a->flags & AF_DEALLOC_IF)) {
			NEXT();
			put("boolean_t %sDealloc", a->name);
		}
		if (side == SIDE_SERVER && (a->flags & AF_SERVERCOPY)) {
			NEXT();
			put("boolean_t %sSCopy", a->name);
		}
	}
#undef NEXT
}

void print_params(const struct routine *r, enum side side, const char *sep, const char *indent)
{
	bool first = true;

	for (const struct arg *a = r->args; a; a = a->next)
		if (arg_visible(a, side))
			print_param(a, side, sep, indent, &first);
	if (first)
		put("%svoid", indent);
}

/* ---- sizes ---- */

static unsigned long pad8(unsigned long n)
{
	return (n + 7) & ~7ul;
}

unsigned long item_max_bytes(const struct arg *a)
{
	const struct type *t = a->type;

	if (!t->inl)
		return 8 + 8;
	if (type_is_port(t))
		return 8 + 8ul * (t->varying ? t->max * t->elem_units : t->number);
	return 8 + pad8(type_max_bytes(t));
}

unsigned long max_message_bytes(const struct routine *r, bool reply)
{
	unsigned long n = 32 + (reply ? 16 : 0);

	for (const struct arg *a = r->args; a; a = a->next) {
		if (reply ? a->in_reply : a->in_request)
			n += item_max_bytes(a);
		if (!reply && a->count_in_request)
			n += 16;
	}
	return n;
}

bool message_fixed(const struct routine *r, bool reply)
{
	for (const struct arg *a = r->args; a; a = a->next)
		if ((reply ? a->in_reply : a->in_request) &&
		    (a->type->varying || a->type->indefinite))
			return false;
	return true;
}

static bool complex_arg(const struct arg *a, bool always, bool reply)
{
	if (arg_is_port(a)) {
		/* A polymorphic sender may send plain data; a kernel server
		 * sends the right its receiver gets, never a choice. */
		int sent = reply && subsystem.kernel_server ? a->type->out_name : a->type->in_name;

		return !always || sent != MSGT_POLY;
	}
	if (!a->type->inl)
		return true;
	return !always && a->type->indefinite;
}

bool message_always_complex(const struct routine *r, bool reply)
{
	for (const struct arg *a = r->args; a; a = a->next)
		if ((reply ? a->in_reply : a->in_request) && complex_arg(a, true, reply))
			return true;
	return false;
}

bool message_maybe_complex(const struct routine *r, bool reply)
{
	for (const struct arg *a = r->args; a; a = a->next)
		if ((reply ? a->in_reply : a->in_request) && complex_arg(a, false, reply))
			return true;
	return false;
}

/* Request header bits: the request port's right, and a send-once right to
 * the reply port (none for a simpleroutine). */
int header_bits_remote(const struct routine *r)
{
	return r->request_port->type->in_name;
}

int header_bits_local(const struct routine *r)
{
	const struct arg *rp = r->ureply_port ? r->ureply_port : r->reply_port;

	if (rp)
		return rp->type->in_name;
	return r->simple ? 0 : 21;	/* MACH_MSG_TYPE_MAKE_SEND_ONCE */
}

/* ---- the top of every file ---- */

void emit_prelude(const char *what)
{
	put("/*\n * %s for the %s subsystem (ids %ld..%ld).\n"
	    " * Generated by Portico mig from its .defs file: do not edit.\n */\n\n",
	    what, subsystem.name, subsystem.base,
	    subsystem.base + (subsystem.nroutines ? subsystem.nroutines - 1 : 0));
	if (subsystem.rcsid)
		put("/* rcsid: %s */\n\n", subsystem.rcsid);
}

void emit_imports(int side)
{
	for (const struct import *i = subsystem.imports; i; i = i->next)
		if ((int) i->side == IMP_BOTH || (int) i->side == side)
			put("#include %s\n", i->text);
}

/* Helpers each generated .c file defines for itself: short, static, and
 * written so that padding bytes are always zero on the wire. */
static const char helpers[] =
"/* With GCC and Clang the builtins expand fixed-size copies inline, even in a\n"
" * freestanding kernel, where the plain names are always calls; and the helpers\n"
" * below are always inlined, so that their sizes are constants there. */\n"
"#if defined(__GNUC__)\n"
"#define migp_memcpy(d, s, n) __builtin_memcpy((d), (s), (n))\n"
"#define migp_memmove(d, s, n) __builtin_memmove((d), (s), (n))\n"
"#define migp_memset(d, c, n) __builtin_memset((d), (c), (n))\n"
"#define migp_helper static inline __attribute__((unused, always_inline))\n"
"#else\n"
"#define migp_helper static inline\n"
"#define migp_memcpy(d, s, n) memcpy((d), (s), (n))\n"
"#define migp_memmove(d, s, n) memmove((d), (s), (n))\n"
"#define migp_memset(d, c, n) memset((d), (c), (n))\n"
"#endif\n"
"\n"
"/* Appends a type descriptor at *p. */\n"
"migp_helper void migp_put_type(char **p, mach_msg_type_name_t name, unsigned size,\n"
"\t\t\t\t mach_msg_type_number_t number, boolean_t inl,\n"
"\t\t\t\t boolean_t longform, boolean_t dealloc)\n"
"{\n"
"\tmach_msg_type_t t;\n"
"\n"
"\tmigp_memset(&t, 0, sizeof t);\n"
"\tt.msgt_name = name;\n"
"\tt.msgt_size = size;\n"
"\tt.msgt_number = number;\n"
"\tt.msgt_inline = inl;\n"
"\tt.msgt_longform = longform;\n"
"\tt.msgt_deallocate = dealloc;\n"
"\tmigp_memcpy(*p, &t, sizeof t);\n"
"\t*p += sizeof t;\n"
"}\n"
"\n"
"/* Appends n bytes of data at *p, zero-padded to the next 8 bytes; the data\n"
" * may already be in the message further on (server replies). */\n"
"migp_helper void migp_put_data(char **p, const void *data, size_t n)\n"
"{\n"
"\tsize_t padded = (n + 7) & ~(size_t) 7;\n"
"\n"
"\tif (n)\n"
"\t\tmigp_memmove(*p, data, n);\n"
"\tmigp_memset(*p + n, 0, padded - n);\n"
"\t*p += padded;\n"
"}\n"
"\n"
"/* The length of s, at most max (the kernel has no strnlen to rely on). */\n"
"migp_helper size_t migp_strnlen(const char *s, size_t max)\n"
"{\n"
"\tsize_t n = 0;\n"
"\n"
"\twhile (n < max && s[n])\n"
"\t\tn++;\n"
"\treturn n;\n"
"}\n"
"\n"
"/* The next descriptor, or NULL when the message ends before it. */\n"
"migp_helper const mach_msg_type_t *migp_get_type(char **p, const char *end)\n"
"{\n"
"\tconst mach_msg_type_t *t = (const mach_msg_type_t *) *p;\n"
"\n"
"\tif (end - *p < (long) sizeof *t)\n"
"\t\treturn NULL;\n"
"\t*p += sizeof *t;\n"
"\treturn t;\n"
"}\n"
"\n"
"/* Whether a received descriptor is the one expected (name < 0: any): the word that\n"
" * holds name, size, inline and longform is compared at once, under a mask that leaves\n"
" * out the bits not checked (unused, deallocate); with constant arguments both are\n"
" * constants. */\n"
"migp_helper boolean_t migp_type_ok(const mach_msg_type_t *t, int name, unsigned size,\n"
"\t\t\t\t     boolean_t inl, boolean_t longform)\n"
"{\n"
"\tmach_msg_type_t want, mask;\n"
"\tuint32_t w, m, got;\n"
"\n"
"\tif (!t || size > 0xffff)\n"
"\t\treturn FALSE;\n"
"\tmigp_memset(&want, 0, sizeof want);\n"
"\tmigp_memset(&mask, 0, sizeof mask);\n"
"\twant.msgt_name = name < 0 ? 0 : (unsigned) name;\n"
"\tmask.msgt_name = name < 0 ? 0 : 0xff;\n"
"\twant.msgt_size = size;\n"
"\tmask.msgt_size = 0xffff;\n"
"\twant.msgt_inline = inl;\n"
"\tmask.msgt_inline = 1;\n"
"\twant.msgt_longform = longform;\n"
"\tmask.msgt_longform = 1;\n"
"\tmigp_memcpy(&w, &want, sizeof w);\n"
"\tmigp_memcpy(&m, &mask, sizeof m);\n"
"\tmigp_memcpy(&got, t, sizeof got);\n"
"\treturn (got & m) == w;\n"
"}\n"
"\n"
"/* The next n bytes of data (padded to 8), or NULL past the end. */\n"
"migp_helper void *migp_get_data(char **p, const char *end, uint64_t n)\n"
"{\n"
"\tuint64_t padded = (n + 7) & ~(uint64_t) 7;\n"
"\tvoid *data = *p;\n"
"\n"
"\tif (n > (uint64_t) (end - *p) || padded > (uint64_t) (end - *p))\n"
"\t\treturn NULL;\n"
"\t*p += padded;\n"
"\treturn data;\n"
"}\n"
"\n";

static const char user_port_helpers[] =
"/* Appends one port name in its 8-byte message slot. */\n"
"migp_helper void migp_put_port(char **p, mach_port_t port)\n"
"{\n"
"\tmach_port_name_inlined_t slot;\n"
"\n"
"\tmigp_memset(&slot, 0, sizeof slot);\n"
"\tslot.name = port;\n"
"\tmigp_memcpy(*p, &slot, sizeof slot);\n"
"\t*p += sizeof slot;\n"
"}\n"
"\n"
"/* The port name in an 8-byte message slot. */\n"
"migp_helper mach_port_t migp_port_at(const char *slot)\n"
"{\n"
"\tmach_port_name_inlined_t s;\n"
"\n"
"\tmigp_memcpy(&s, slot, sizeof s);\n"
"\treturn s.name;\n"
"}\n"
"\n";

static const char kernel_port_helpers[] =
"/* Appends one port in its 8-byte message slot (the kernel's pointer). */\n"
"migp_helper void migp_put_port(char **p, ipc_port_t port)\n"
"{\n"
"\tmigp_memcpy(*p, &port, sizeof port);\n"
"\t*p += sizeof port;\n"
"}\n"
"\n"
"/* The port in an 8-byte message slot. */\n"
"migp_helper ipc_port_t migp_port_at(const char *slot)\n"
"{\n"
"\tipc_port_t port;\n"
"\n"
"\tmigp_memcpy(&port, slot, sizeof port);\n"
"\treturn port;\n"
"}\n"
"\n";

void emit_helpers(enum side side)
{
	put("%s", helpers);
	put("%s", kernel_side(side) ? kernel_port_helpers : user_port_helpers);
}
