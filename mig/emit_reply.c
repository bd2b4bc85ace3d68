/*
 * emit_reply.c — the server side of a reply: where the routine's out values
 * live while it runs, and how they are packed after it returns.
 *
 * As with GNU MIG, out arrays and strings are handed to the routine in the
 * reply buffer itself, each at the place it would have if every item before it
 * were as large as it may be; packing then moves each one down to where it
 * really goes (never up, so in order nothing is overwritten before it moves).
 * A routine may also replace an array[]'s buffer with memory of its own: then
 * the data goes out-of-line.  Port names (4 bytes) do not fit their 8-byte
 * slots in place, so user-space servers get a local array for them, as GNU
 * MIG's do.  Entry points: see emit.h.
 */
#include <string.h>

#include "items.h"

const char *in_raw_var(const struct arg *a)
{
	return a->type->intran_fn ? xasprintf("%sIn", a->name) : a->name;
}

const char *out_raw_var(const struct arg *a)
{
	return a->type->outtran_fn ? xasprintf("%sOut", a->name) : a->name;
}

/* The message-level C type an outtran produces. */
static const char *out_raw_ctype(const struct arg *a)
{
	const struct type *t = a->type;

	if (type_is_port(t) && t->kind == TK_SIMPLE)
		return port_ctype(SIDE_SERVER);
	return t->outtran_type ? t->outtran_type : t->ctype;
}

/* Where the data of reply argument a starts in the largest possible reply. */
static unsigned long max_data_offset(const struct routine *r, const struct arg *a)
{
	unsigned long off = 48;	/* header, RetCode descriptor, RetCode */

	for (const struct arg *b = r->args; b && b != a; b = b->next)
		if (b->in_reply)
			off += item_max_bytes(b);
	return off + 8;
}

static bool in_buffer(const struct type *t)
{
	return t->inl && !t->by_value && t->kind != TK_SIMPLE;
}

/* The variables of an out (or inout) argument. */
void declare_reply_locals(const struct routine *r, const struct arg *a)
{
	const struct type *t = a->type;
	const char *c = arg_ctype(a, SIDE_SERVER);

	if (t->outtran_fn)
		put("\t%s %s;\n", out_raw_ctype(a), out_raw_var(a));
	if (a->in_request)
		return;		/* inout: declared with the in arguments */
	if (!in_buffer(t)) {
		put("\t%s %s;\n", c, a->name);
		return;
	}
	if (type_is_port(t) && !subsystem.kernel_server)
		/* 4-byte names cannot be written where their 8-byte slots go */
		put("\tmach_port_t %sBuf[%u];\n", a->name, t->varying ? t->max : t->number);
	else
		put("\tchar *%sBuf = (char *) OutHeadP + %lu;\n", a->name, max_data_offset(r, a));
	if (t->indefinite)
		put("\t%s %s = (%s) %sBuf;\n", c, a->name, c, a->name);
}

void put_reply_item(const struct routine *r, const struct arg *a)
{
	struct put_io io = { 0 };
	const struct type *t = a->type;
	bool k = subsystem.kernel_server;
	/* a kernel sends the right its receiver will hold (GNU MIG's rule) */
	int sent = k ? t->out_name : t->in_name;

	(void)r;
	if (t->outtran_fn)
		put("\t%s = %s(%s);\n", out_raw_var(a), t->outtran_fn, a->name);
	io.a = a;
	io.src = out_raw_var(a);
	io.in_place = true;
	io.kernel = k;
	if (in_buffer(t) && !t->indefinite)
		io.src = type_is_port(t) && k ? xasprintf("((ipc_port_t *) %sBuf)", a->name) :
			 xasprintf("%sBuf", a->name);
	io.cnt = xasprintf("%sCnt", a->name);
	io.poly_var = a->server_poly ? xasprintf("%sPoly", a->name) : NULL;
	io.name = io.poly_var ? io.poly_var : msgt_expr(sent, false);
	io.dealloc = dealloc_expr(a, SIDE_SERVER);
	io.too_large = "{ OutP->RetCode = MIG_ARRAY_TOO_LARGE; return; }";
	if (t->indefinite)
		io.ool_cond = xasprintf("(void *) %s != (void *) %sBuf", a->name, a->name);
	emit_put_item(&io);
}

/* A kernel server that translated a send right it was given (intran) holds
 * that right until the routine succeeds, then lets it go, as GNU Mach's
 * generated stubs do. */
void release_rights(const struct routine *r)
{
	if (!subsystem.kernel_server)
		return;
	for (const struct arg *a = r->args; a; a = a->next) {
		const struct type *t = a->type;

		if (a->in_request && t->intran_fn && type_is_port(t) && t->kind == TK_SIMPLE &&
		    t->out_name == 17)
			put("\tif (IP_VALID(%s))\n\t\tipc_port_release_send(%s);\n", in_raw_var(a),
			    in_raw_var(a));
	}
}
