/*
 * emit_user.c — the user stubs (fooUser.c): one function per routine that
 * builds the request, calls mach_msg, checks the reply and hands back the
 * out arguments.  Entry point: emit_user().
 */
#include <string.h>

#include "items.h"

static const char *src_of(const struct arg *a)
{
	/* inout values come through a pointer */
	if (a->in_reply && (a->type->by_value || a->type->kind == TK_SIMPLE))
		return xasprintf("*%s", a->name);
	return a->name;
}

static void put_request_item(const struct routine *r, const struct arg *a)
{
	struct put_io io = { 0 };
	const struct type *t = a->type;

	(void)r;
	io.a = a;
	io.src = src_of(a);
	io.cnt = xasprintf("%s%sCnt", a->in_reply ? "*" : "", a->name);
	io.poly_var = a->user_poly ? xasprintf("%sPoly", a->name) : NULL;
	io.name = io.poly_var ? io.poly_var : msgt_expr(t->in_name, false);
	io.dealloc = dealloc_expr(a, SIDE_USER);
	io.too_large = "return MIG_ARRAY_TOO_LARGE;";
	io.kernel = subsystem.kernel_user;
	emit_put_item(&io);
}

/* CountInOut: the caller's buffer size travels so the server stays within. */
static void put_count(const struct arg *a)
{
	put("\t/* %sCnt: how many elements the caller can take */\n", a->name);
	put("\tmigp_put_type(&_p, MACH_MSG_TYPE_INTEGER_32, 32, 1, TRUE, FALSE, FALSE);\n");
	put("\t{\n\t\tmach_msg_type_number_t _n = *%sCnt < %u ? *%sCnt : %u;\n\n", a->name,
	    a->type->max, a->name, a->type->max);
	put("\t\tmigp_put_data(&_p, &_n, sizeof _n);\n\t}\n\n");
}

static void emit_locals(const struct routine *r)
{
	put("\tunion {\n\t\tmach_msg_header_t Head;\n\t\tchar Buf[%lu];\n\t} _Mess;\n",
	    max_message_bytes(r, false) > max_message_bytes(r, true) ?
	    max_message_bytes(r, false) : max_message_bytes(r, true));
	put("\tchar *_p = (char *) (&_Mess.Head + 1);\n");
	put("\tboolean_t _msgh_simple = %s;\n", message_always_complex(r, false) ? "FALSE" : "TRUE");
	if (!r->simple) {
		put("\tmach_msg_return_t _msg_result;\n");
		put("\tchar *_q, *_end;\n\tconst mach_msg_type_t *_t;\n\tchar *_d;\n");
		put("\tkern_return_t _RetCode;\n");
	}
	put("\n");
}

static const char *reply_port_expr(const struct routine *r)
{
	if (r->ureply_port)
		return r->ureply_port->name;
	if (r->reply_port)
		return r->reply_port->name;
	if (r->simple || subsystem.kernel_user)
		return "MACH_PORT_NULL";	/* the kernel's rpc supplies its own */
	return "_reply_port";
}

static bool own_reply_port(const struct routine *r)
{
	return !r->simple && !r->ureply_port && !r->reply_port && !subsystem.kernel_user;
}

static const char *bits_name(const struct arg *a, int fallback)
{
	if (a && a->user_poly)
		return xasprintf("%sPoly", a->name);
	if (a)
		return msgt_expr(a->type->in_name, false);
	return fallback ? msgt_expr(fallback, false) : "0";
}

static void emit_header_fill(const struct routine *r)
{
	const struct arg *rp = r->ureply_port ? r->ureply_port : r->reply_port;

	if (own_reply_port(r))
		put("\tmach_port_t _reply_port = %s();\n\n", subr("mig_get_reply_port"));
	put("\t_Mess.Head.msgh_bits = MACH_MSGH_BITS(%s, %s) |\n",
	    bits_name(r->request_port, 0), bits_name(rp, header_bits_local(r)));
	put("\t\t(_msgh_simple ? 0 : MACH_MSGH_BITS_COMPLEX);\n");
	put("\t_Mess.Head.msgh_size = _p - _Mess.Buf;\n");
	if (subsystem.kernel_user) {
		put("\t_Mess.Head.msgh_remote_port = (mach_port_t) %s;\n", r->request_port->name);
		put("\t_Mess.Head.msgh_local_port = (mach_port_t) %s;\n", reply_port_expr(r));
	} else {
		put("\t_Mess.Head.msgh_remote_port = %s;\n", r->request_port->name);
		put("\t_Mess.Head.msgh_local_port = %s;\n", reply_port_expr(r));
	}
	put("\t_Mess.Head.msgh_seqno = 0;\n");
	put("\t_Mess.Head.msgh_id = %ld;\n\n", request_id(r));
}

static const char *options(const struct routine *r, bool receive)
{
	const char *opt = r->msgoption ? r->msgoption->name :
			  r->default_msgoption ? r->default_msgoption : "MACH_MSG_OPTION_NONE";
	const char *tmo = r->waittime || r->default_waittime ? "|MACH_RCV_TIMEOUT" : "";

	return xasprintf("MACH_SEND_MSG|%s%s%s", receive ? "MACH_RCV_MSG|" : "", opt,
			 receive ? tmo : "");
}

static const char *timeout(const struct routine *r)
{
	if (r->waittime)
		return r->waittime->name;
	return r->default_waittime ? r->default_waittime : "MACH_MSG_TIMEOUT_NONE";
}

static void emit_send(const struct routine *r)
{
	if (subsystem.kernel_user) {
		if (r->simple)
			put("\treturn mach_msg_send_from_kernel(&_Mess.Head, _Mess.Head.msgh_size);\n");
		else
			put("\t_msg_result = mach_msg_rpc_from_kernel(&_Mess.Head, _Mess.Head.msgh_size, "
			    "sizeof _Mess);\n\tif (_msg_result != MACH_MSG_SUCCESS)\n"
			    "\t\treturn _msg_result;\n\n");
		return;
	}
	if (r->simple) {
		put("\treturn %s(&_Mess.Head, %s, _Mess.Head.msgh_size, 0, MACH_PORT_NULL,\n"
		    "\t\t%s, MACH_PORT_NULL);\n", subr("mach_msg"), options(r, false), timeout(r));
		return;
	}
	put("\t_msg_result = %s(&_Mess.Head, %s, _Mess.Head.msgh_size, sizeof _Mess,\n"
	    "\t\t%s, %s, MACH_PORT_NULL);\n", subr("mach_msg"), options(r, true),
	    reply_port_expr(r), timeout(r));
	put("\tif (_msg_result != MACH_MSG_SUCCESS) {\n");
	if (own_reply_port(r))
		put("\t\t%s(_reply_port);\n", subr("mig_dealloc_reply_port"));
	put("\t\treturn _msg_result;\n\t}\n");
	if (own_reply_port(r))
		put("\t%s(_reply_port);\n", subr("mig_put_reply_port"));
	put("\n");
}

/* The reply's header and return code; an error reply is the bare header. */
static void emit_reply_head(const struct routine *r)
{
	put("\tif (_Mess.Head.msgh_id != %ld) {\n", request_id(r) + 100);
	put("\t\tif (_Mess.Head.msgh_id == MACH_NOTIFY_SEND_ONCE)\n\t\t\treturn MIG_SERVER_DIED;\n");
	if (own_reply_port(r))
		put("\t\t%s(_reply_port);\n", subr("mig_dealloc_reply_port"));
	put("\t\treturn MIG_REPLY_MISMATCH;\n\t}\n");
	put("\tif (_Mess.Head.msgh_size > sizeof _Mess || _Mess.Head.msgh_size < sizeof (mig_reply_header_t))\n"
	    "\t\treturn MIG_TYPE_ERROR;\n");
	/* The size covers the return code's item: it is read in place. */
	put("\t_t = (const mach_msg_type_t *) (&_Mess.Head + 1);\n");
	put("\tif (!migp_type_ok(_t, MACH_MSG_TYPE_INTEGER_32, 32, TRUE, FALSE) || _t->msgt_number != 1)\n"
	    "\t\treturn MIG_TYPE_ERROR;\n");
	put("\t_d = (char *) (_t + 1);\n\t_q = _d + 8;\n\t_end = _Mess.Buf + _Mess.Head.msgh_size;\n");
	put("\tmigp_memcpy(&_RetCode, _d, sizeof _RetCode);\n");
	put("\tif (_RetCode != KERN_SUCCESS) {\n");
	put("\t\tif (_q != _end || (_Mess.Head.msgh_bits & MACH_MSGH_BITS_COMPLEX))\n"
	    "\t\t\treturn MIG_TYPE_ERROR;\n\t\treturn _RetCode;\n\t}\n");
	if (message_always_complex(r, true))
		put("\tif (!(_Mess.Head.msgh_bits & MACH_MSGH_BITS_COMPLEX))\n\t\treturn MIG_TYPE_ERROR;\n");
	else if (!message_maybe_complex(r, true))
		put("\tif (_Mess.Head.msgh_bits & MACH_MSGH_BITS_COMPLEX)\n\t\treturn MIG_TYPE_ERROR;\n");
	/* A fixed reply is well-formed only at its one size (the walk below would refuse
	 * any other): checked first, with _end a constant offset, so the compiler drops
	 * the walk's bounds checks. */
	if (message_fixed(r, true))
		put("\tif (_Mess.Head.msgh_size != %lu)\n\t\treturn MIG_TYPE_ERROR;\n"
		    "\t_end = _Mess.Buf + %lu;\n", max_message_bytes(r, true), max_message_bytes(r, true));
	put("\n");
}

#define FAIL "return MIG_TYPE_ERROR;"

static void get_check(const struct arg *a)
{
	put("\t_t = migp_get_type(&_q, _end);\n");
	put("\tif (%s)\n\t\t" FAIL "\n", bad_type_cond(a, a->type->out_name, a->user_poly, subsystem.kernel_user));
	if (a->user_poly) {
		put("\tif (MACH_MSG_TYPE_PORT_ANY(_t->msgt_name) &&\n"
		    "\t    !(_Mess.Head.msgh_bits & MACH_MSGH_BITS_COMPLEX))\n\t\t" FAIL "\n");
		put("\t*%sPoly = _t->msgt_name;\n", a->name);
	}
}

/* Elements received in-line, into the caller's buffer dst. */
static void copy_elems(const struct type *t, const char *dst, const char *n, const char *ind)
{
	if (type_is_port(t)) {
		put("%sfor (mach_msg_type_number_t _i = 0; _i < %s; _i++)\n", ind, n);
		put("%s\t(%s)[_i] = migp_port_at(_d + 8 * _i);\n", ind, dst);
	} else {
		put("%smigp_memcpy(%s, _d, %s);\n", ind, dst,
		    scaled(xasprintf("(size_t) %s", n), elem_msg_bytes(t)));
	}
}

static void get_varying(const struct arg *a)
{
	const struct type *t = a->type;

	if (t->elem_units == 1) {
		put("\t{\n\t\tmach_msg_type_number_t _n = _t->msgt_number;\n\n");
	} else {
		put("\t{\n\t\tmach_msg_type_number_t _n = _t->msgt_number / %u;\n\n",
		    t->elem_units);
		put("\t\tif (_t->msgt_number %% %u)\n\t\t\t" FAIL "\n", t->elem_units);
	}
	if (!t->inl) {
		put("\t\tif (!(_d = migp_get_data(&_q, _end, 8)))\n\t\t\t" FAIL "\n");
		put("\t\tmigp_memcpy(%s, _d, sizeof *%s);\n", a->name, a->name);
	} else if (t->indefinite) {
		put("\t\tif (!_t->msgt_inline) {\n");
		put("\t\t\tif (!(_d = migp_get_data(&_q, _end, 8)))\n\t\t\t\t" FAIL "\n");
		put("\t\t\tmigp_memcpy(%s, _d, sizeof *%s);\n\t\t} else {\n", a->name, a->name);
		put("\t\t\tif (_n > %u || !(_d = migp_get_data(&_q, _end, (uint64_t) _n * %u)))\n"
		    "\t\t\t\t" FAIL "\n", t->max, elem_msg_bytes(t));
		put("\t\t\tif (_n > *%sCnt)\n\t\t\t\t%s((vm_address_t *) %s, (vm_size_t) _n * %u);\n",
		    a->name, subr("mig_allocate"), a->name, t->elem_bytes);
		copy_elems(t, xasprintf("*%s", a->name), "_n", "\t\t\t");
		put("\t\t}\n");
	} else {
		put("\t\tif (_n > %u || !(_d = migp_get_data(&_q, _end, (uint64_t) _n * %u)))\n"
		    "\t\t\t" FAIL "\n", t->max, elem_msg_bytes(t));
		if (t->cstring) {
			put("\t\t(void) %s(%s, _d, %u);\n", subr("mig_strncpy"), a->name, t->max);
		} else {
			/* *Cnt is the caller's room: give what fits, say how much came */
			put("\t\tif (_n > *%sCnt) {\n", a->name);
			copy_elems(t, a->name, xasprintf("*%sCnt", a->name), "\t\t\t");
			put("\t\t\t*%sCnt = _n;\n\t\t\treturn MIG_ARRAY_TOO_LARGE;\n\t\t}\n",
			    a->name);
			copy_elems(t, a->name, "_n", "\t\t");
		}
	}
	if (!t->cstring)
		put("\t\t*%sCnt = _n;\n", a->name);
	put("\t}\n");
}

static void get_reply_item(const struct arg *a)
{
	const struct type *t = a->type;

	put("\t/* %s */\n", a->name);
	get_check(a);
	if (t->varying || !t->inl) {
		get_varying(a);
	} else if (type_is_port(t) && t->kind == TK_SIMPLE) {
		put("\tif (!(_d = migp_get_data(&_q, _end, 8)))\n\t\t" FAIL "\n");
		put("\t*%s = migp_port_at(_d);\n", a->name);
	} else if (type_is_port(t)) {
		put("\tif (!(_d = migp_get_data(&_q, _end, %u)))\n\t\t" FAIL "\n", 8 * t->number);
		copy_elems(t, a->name, xasprintf("%u", t->number), "\t");
	} else {
		put("\tif (!(_d = migp_get_data(&_q, _end, %u)))\n\t\t" FAIL "\n", type_data_bytes(t));
		if (t->kind == TK_STRING)
			put("\t(void) %s(%s, _d, %u);\n", subr("mig_strncpy"), a->name,
			    type_data_bytes(t));
		else
			put("\tmigp_memcpy(%s, _d, %u);\n", a->name, type_data_bytes(t));
	}
	put("\n");
}

static void emit_routine(const struct routine *r)
{
	put("/* %s %s: request %ld, reply %ld */\n", r->simple ? "SimpleRoutine" : "Routine",
	    r->name, request_id(r), request_id(r) + 100);
	put("mig_external kern_return_t %s\n(\n", user_name(r));
	print_params(r, SIDE_USER, ",\n", "\t");
	put("\n)\n{\n");
	emit_locals(r);
	for (const struct arg *a = r->args; a; a = a->next) {
		if (a->in_request)
			put_request_item(r, a);
		else if (a->count_in_request)
			put_count(a);
	}
	emit_header_fill(r);
	emit_send(r);
	if (r->simple) {
		put("}\n\n");
		return;
	}
	emit_reply_head(r);
	for (const struct arg *a = r->args; a; a = a->next)
		if (a->in_reply)
			get_reply_item(a);
	put("\tif (_q != _end)\n\t\treturn MIG_TYPE_ERROR;\n");
	put("\treturn KERN_SUCCESS;\n}\n\n");
}

void emit_user(const char *header_name)
{
	emit_prelude("User stubs");
	put("#ifndef _GNU_SOURCE\n#define _GNU_SOURCE 1\n#endif\n\n");
	if (header_name)
		put("#include \"%s\"\n", header_name);
	put("#include <mach/boolean.h>\n#include <mach/kern_return.h>\n"
	    "#include <mach/message.h>\n#include <mach/notify.h>\n"
	    "#include <mach/mach_types.h>\n#include <mach/mig_errors.h>\n");
	if (subsystem.kernel_user)
		put("#include <kern/ipc_mig.h>\n");
	else
		put("#include <mach/mig_support.h>\n");
	put("#include <stdint.h>\n#include <string.h>\n\n");
	put("#ifndef mig_external\n#define mig_external\n#endif\n\n");
	emit_imports(IMP_USER);
	put("\n");
	emit_helpers(SIDE_USER);
	for (const struct statement *s = subsystem.stmts; s; s = s->next)
		if (s->routine)
			emit_routine(s->routine);
}
