/*
 * emit_server.c — the server stubs (fooServer.c): for each routine a
 * function _Xname that checks and unpacks the request, calls the server's
 * implementation and packs the reply; then the routine table and the demux
 * function (foo_server) that dispatches on msgh_id.  Entry: emit_server().
 */
#include <string.h>

#include "items.h"

#define BAD "goto bad;"

/* The message-level C type an intran starts from. */
static const char *raw_ctype(const struct arg *a)
{
	const struct type *t = a->type;

	if (type_is_port(t) && t->kind == TK_SIMPLE)
		return port_ctype(SIDE_SERVER);
	if (t->intran_fn && t->intran_arg)
		return t->intran_arg;
	return t->ctype;
}

/* The variables of an in (or inout) argument. */
static void declare_in_locals(const struct arg *a)
{
	const struct type *t = a->type;
	const char *c = arg_ctype(a, SIDE_SERVER);

	if (t->intran_fn)
		put("\t%s %s;\n", raw_ctype(a), in_raw_var(a));
	if (t->kind == TK_SIMPLE || t->by_value || !t->inl)
		put("\t%s %s;\n", c, a->name);
	else
		put("\tvoid *%s;\n", a->name);
}

static void declare_locals(const struct routine *r)
{
	for (const struct arg *a = r->args; a; a = a->next) {
		const struct type *t = a->type;
		const char *c = arg_ctype(a, SIDE_SERVER);

		if (a->kind == AK_REQUEST_PORT || a->kind == AK_SREPLY_PORT ||
		    a->kind == AK_REPLY_PORT) {
			put("\t%s %s;\n", c, a->name);
			if (a->server_poly)
				put("\tmach_msg_type_name_t %sPoly;\n", a->name);
			continue;
		}
		if (a->kind == AK_MSGSEQNO) {
			put("\t%s %s = InHeadP->msgh_seqno;\n", c, a->name);
			continue;
		}
		if (!a->in_request && !a->in_reply)
			continue;
		if (a->server_poly)
			put("\tmach_msg_type_name_t %sPoly = %s;\n", a->name,
			    a->in_reply && t->in_name != MSGT_POLY ? msgt_expr(t->in_name, false) : "0");
		if (arg_has_cnt(a))
			put("\tmach_msg_type_number_t %sCnt = %u;\n", a->name, t->max);
		if (a->in_request)
			declare_in_locals(a);
		if (a->in_reply)
			declare_reply_locals(r, a);
	}
}

static void read_header_args(const struct routine *r)
{
	bool k = subsystem.kernel_server;
	const char *req = k ? "msgh_remote_port" : "msgh_local_port";
	const char *rep = k ? "msgh_local_port" : "msgh_remote_port";
	const char *repbits = k ? "MACH_MSGH_BITS_LOCAL" : "MACH_MSGH_BITS_REMOTE";
	const struct arg *rp = r->request_port;
	const struct type *t = rp->type;

	if (t->payload_fn && !k) {
		put("\tif (MACH_MSGH_BITS_LOCAL(InHeadP->msgh_bits) == MACH_MSG_TYPE_PROTECTED_PAYLOAD)\n"
		    "\t\t%s = %s(InHeadP->msgh_protected_payload);\n\telse\n\t", rp->name,
		    t->payload_fn);
		if (t->intran_fn)
			put("\t%s = %s(InHeadP->%s);\n", rp->name, t->intran_fn, req);
		else
			put("\t%s = InHeadP->%s;\n", rp->name, req);
	} else if (t->intran_fn) {
		put("\t%s = %s((%s) InHeadP->%s);\n", rp->name, t->intran_fn,
		    port_ctype(SIDE_SERVER), req);
	} else {
		put("\t%s = (%s) InHeadP->%s;\n", rp->name, arg_ctype(rp, SIDE_SERVER), req);
	}
	if (rp->server_poly)
		put("\t%sPoly = MACH_MSGH_BITS_%s(InHeadP->msgh_bits);\n", rp->name,
		    k ? "REMOTE" : "LOCAL");
	for (const struct arg *a = r->args; a; a = a->next) {
		if (a->kind != AK_SREPLY_PORT && a->kind != AK_REPLY_PORT)
			continue;
		put("\t%s = (%s) InHeadP->%s;\n", a->name, arg_ctype(a, SIDE_SERVER), rep);
		if (a->server_poly)
			put("\t%sPoly = %s(InHeadP->msgh_bits);\n", a->name, repbits);
	}
}

/* Ports of an in-line array arrive in 8-byte slots; the routine wants names:
 * squeeze them in place (put back by unsqueeze if the request is refused,
 * so that the caller can still destroy the message). */
static void squeeze_ports(const struct arg *a, const char *n)
{
	if (subsystem.kernel_server)
		return;
	put("\t\tfor (mach_msg_type_number_t _i = 0; _i < %s; _i++)\n", n);
	put("\t\t\t((mach_port_t *) _d)[_i] = migp_port_at(_d + 8 * _i);\n");
	(void)a;
}

static void get_varying(const struct arg *a)
{
	const struct type *t = a->type;

	if (t->elem_units == 1) {
		put("\t%sCnt = _t->msgt_number;\n", a->name);
	} else {
		put("\t%sCnt = _t->msgt_number / %u;\n", a->name, t->elem_units);
		put("\tif (_t->msgt_number %% %u)\n\t\t" BAD "\n", t->elem_units);
	}
	if (!t->inl) {
		put("\tif (!(_d = migp_get_data(&_q, _end, 8)))\n\t\t" BAD "\n");
		put("\tmigp_memcpy(&%s, _d, sizeof %s);\n", a->name, a->name);
		return;
	}
	if (t->indefinite) {
		put("\tif (!_t->msgt_inline) {\n");
		put("\t\tif (!(_d = migp_get_data(&_q, _end, 8)))\n\t\t\t" BAD "\n");
		put("\t\tmigp_memcpy(&%s, _d, sizeof %s);\n", a->name, a->name);
		if (t->indefinite) {
			put("\t} else {\n");
			put("\t\tif (%sCnt > %u ||\n\t\t    !(_d = migp_get_data(&_q, _end, (uint64_t) %sCnt * %u)))\n"
			    "\t\t\t" BAD "\n", a->name, t->max, a->name, elem_msg_bytes(t));
			if (type_is_port(t))
				squeeze_ports(a, xasprintf("%sCnt", a->name));
			put("\t\t%s = _d;\n", a->name);
		}
		put("\t}\n");
		return;
	}
	put("\tif (%sCnt > %u ||\n\t    !(_d = migp_get_data(&_q, _end, (uint64_t) %sCnt * %u)))\n"
	    "\t\t" BAD "\n", a->name, t->max, a->name, elem_msg_bytes(t));
	if (type_is_port(t)) {
		put("\t{\n");
		squeeze_ports(a, xasprintf("%sCnt", a->name));
		put("\t}\n");
	}
	put("\t%s = _d;\n", a->name);
}

static void get_request_item(const struct arg *a)
{
	const struct type *t = a->type;
	const char *dst = in_raw_var(a);

	put("\t/* %s */\n\t_t = migp_get_type(&_q, _end);\n", a->name);
	put("\tif (%s)\n\t\t" BAD "\n", bad_type_cond(a, t->out_name, a->server_poly, subsystem.kernel_server));
	if (a->server_poly) {
		put("\tif (MACH_MSG_TYPE_PORT_ANY(_t->msgt_name) &&\n"
		    "\t    !(InHeadP->msgh_bits & MACH_MSGH_BITS_COMPLEX))\n\t\t" BAD "\n");
		put("\t%sPoly = _t->msgt_name;\n", a->name);
	} else if (type_is_port(t) && t->inl) {
		put("\tif (!(InHeadP->msgh_bits & MACH_MSGH_BITS_COMPLEX))\n\t\t" BAD "\n");
	}
	if (t->cstring && t->varying) {
		put("\tif (_t->msgt_number > %u || !(_d = migp_get_data(&_q, _end, _t->msgt_number)))\n"
		    "\t\t" BAD "\n", t->max);
		put("\t%s = _d;\n", a->name);
	} else if (t->varying || !t->inl) {
		get_varying(a);
	} else if (type_is_port(t) && t->kind == TK_SIMPLE) {
		put("\tif (!(_d = migp_get_data(&_q, _end, 8)))\n\t\t" BAD "\n");
		put("\t%s = migp_port_at(_d);\n", dst);
	} else if (type_is_port(t)) {
		put("\tif (!(_d = migp_get_data(&_q, _end, %u)))\n\t\t" BAD "\n", 8 * t->number);
		put("\t{\n");
		squeeze_ports(a, xasprintf("%u", t->number));
		put("\t}\n\t%s = _d;\n", a->name);
	} else {
		put("\tif (!(_d = migp_get_data(&_q, _end, %u)))\n\t\t" BAD "\n", type_data_bytes(t));
		if (t->by_value)
			put("\tmigp_memcpy(&%s, _d, %u);\n", dst, type_data_bytes(t));
		else
			put("\t%s = _d;\n", a->name);
	}
	if (t->intran_fn)
		put("\t%s = %s(%s);\n", a->name, t->intran_fn, dst);
	put("\n");
}

static void get_count(const struct arg *a)
{
	put("\t/* %sCnt: how many elements the caller can take */\n", a->name);
	put("\t_t = migp_get_type(&_q, _end);\n");
	put("\tif (!migp_type_ok(_t, MACH_MSG_TYPE_INTEGER_32, 32, TRUE, FALSE) || _t->msgt_number != 1 ||\n"
	    "\t    !(_d = migp_get_data(&_q, _end, 4)))\n\t\t" BAD "\n");
	put("\t{\n\t\tmach_msg_type_number_t _n;\n\n\t\tmigp_memcpy(&_n, _d, sizeof _n);\n");
	put("\t\tif (_n < %sCnt)\n\t\t\t%sCnt = _n;\n\t}\n\n", a->name, a->name);
}

static void emit_call(const struct routine *r)
{
	bool first = true;

	put("\tOutP->RetCode = %s(", server_name(r));
	for (const struct arg *a = r->args; a; a = a->next) {
		const struct type *t = a->type;
		bool outp = a->in_reply;

		if (!arg_visible(a, SIDE_SERVER))
			continue;
		put("%s", first ? "" : ", ");
		first = false;
		if (outp && (t->by_value || t->indefinite || !t->inl))
			put("&%s", a->name);
		else if (outp && t->inl && !t->by_value && t->kind != TK_SIMPLE)
			put("(void *) %sBuf", a->name);
		else
			put("%s", a->name);
		if (a->server_poly)
			put(", %s%sPoly", outp ? "&" : "", a->name);
		if (arg_has_cnt(a) && (a->in_request || a->in_reply))
			put(", %s%sCnt", outp ? "&" : "", a->name);
		if (a->flags & AF_SERVERCOPY)
			put(", t_%s_inline", a->name);
	}
	put(");\n");
}

static void after_call(const struct routine *r)
{
	for (const struct arg *a = r->args; a; a = a->next) {
		const struct type *t = a->type;

		/* what intran made is released whatever the routine returned */
		if ((a->in_request || a->kind == AK_REQUEST_PORT) && t->destructor_fn)
			put("\t%s(%s);\n", t->destructor_fn, a->name);
		if (a->in_request && t->indefinite && !(a->flags & AF_SERVERCOPY))
			put("\tif (OutP->RetCode == KERN_SUCCESS && !t_%s_inline)\n"
			    "\t\t%s((vm_offset_t) %s, (vm_size_t) %sCnt * %u);\n",
			    a->name, subr("mig_deallocate"), a->name, a->name, t->elem_bytes);
		if (a->in_request && type_is_port(t) && t->inl && !t->by_value &&
		    t->kind != TK_SIMPLE && !subsystem.kernel_server) {
			const char *n = t->varying ? xasprintf("%sCnt", a->name) :
					xasprintf("%u", t->number);

			put("\tif (OutP->RetCode != KERN_SUCCESS%s)\n", t->indefinite ?
			    xasprintf(" && t_%s_inline", a->name) : "");
			/* put the squeezed names back in their slots, last first */
			put("\t\tfor (mach_msg_type_number_t _i = %s; _i-- > 0;) {\n", n);
			put("\t\t\tchar *_slot = (char *) %s + 8 * _i;\n\n", a->name);
			put("\t\t\tmigp_put_port(&_slot, ((mach_port_t *) %s)[_i]);\n\t\t}\n",
			    a->name);
		}
	}
}

/* Flags naming how each array[] arrived, for ServerCopy and deallocation. */
static void declare_inline_flags(const struct routine *r)
{
	for (const struct arg *a = r->args; a; a = a->next)
		if (a->in_request && a->type->indefinite)
			put("\tboolean_t t_%s_inline = TRUE;\n", a->name);
}

static void record_inline_flags(const struct arg *a)
{
	if (a->in_request && a->type->indefinite)
		put("\tt_%s_inline = _t->msgt_inline;\n\n", a->name);
}

static void emit_routine(const struct routine *r)
{
	put("/* %s %s: request %ld */\n", r->simple ? "SimpleRoutine" : "Routine", r->name,
	    request_id(r));
	put("mig_external kern_return_t %s\n\t(", server_name(r));
	print_params(r, SIDE_SERVER, ", ", "");
	put(");\n\n");
	put("mig_internal void _X%s\n\t(mach_msg_header_t *InHeadP, mach_msg_header_t *OutHeadP)\n{\n",
	    r->name);
	put("\tmig_reply_header_t *OutP = (mig_reply_header_t *) OutHeadP;\n");
	put("\tchar *_q = (char *) (InHeadP + 1);\n");
	/* A fixed request is well-formed only at its one size (the generic walk below
	 * would refuse any other): checked first, with _end a constant offset, so the
	 * compiler drops the walk's bounds checks. */
	if (message_fixed(r, false))
		put("\tconst char *_end = (const char *) InHeadP + %lu;\n", max_message_bytes(r, false));
	else
		put("\tconst char *_end = (const char *) InHeadP + InHeadP->msgh_size;\n");
	put("\tchar *_p = (char *) (OutP + 1);\n");
	put("\tboolean_t _msgh_simple = %s;\n", message_always_complex(r, true) ? "FALSE" : "TRUE");
	put("\tconst mach_msg_type_t *_t = NULL;\n\tchar *_d = NULL;\n");
	declare_locals(r);
	declare_inline_flags(r);
	if (message_fixed(r, false))
		put("\n\tif (InHeadP->msgh_size != %lu", max_message_bytes(r, false));
	else
		put("\n\tif (InHeadP->msgh_size < sizeof *InHeadP || InHeadP->msgh_size > %lu",
		    max_message_bytes(r, false));
	if (!message_maybe_complex(r, false))
		put(" ||\n\t    (InHeadP->msgh_bits & MACH_MSGH_BITS_COMPLEX)");
	else if (message_always_complex(r, false))
		put(" ||\n\t    !(InHeadP->msgh_bits & MACH_MSGH_BITS_COMPLEX)");
	put(")\n\t\t" BAD "\n\n");
	for (const struct arg *a = r->args; a; a = a->next) {
		if (a->in_request) {
			get_request_item(a);
			record_inline_flags(a);
		} else if (a->count_in_request) {
			get_count(a);
		}
	}
	put("\tif (_q != _end)\n\t\t" BAD "\n");
	put("\t(void) _t;\n\t(void) _d;\n\n");
	read_header_args(r);
	put("\n");
	emit_call(r);
	after_call(r);
	put("\tif (OutP->RetCode != KERN_SUCCESS)\n\t\treturn;\n\n");
	release_rights(r);
	for (const struct arg *a = r->args; a; a = a->next)
		if (a->in_reply)
			put_reply_item(r, a);
	put("\t(void) _p;\n");
	put("\tOutP->Head.msgh_size = _p - (char *) OutHeadP;\n");
	put("\tif (!_msgh_simple)\n\t\tOutP->Head.msgh_bits |= MACH_MSGH_BITS_COMPLEX;\n");
	put("\treturn;\n\nbad:\n\tOutP->RetCode = MIG_BAD_ARGUMENTS;\n}\n\n");
}

static void emit_demux(void)
{
	const char *demux = demux_name();
	bool k = subsystem.kernel_server;

	put("/* The routines by msgh_id - %ld; skipped ids are NULL. */\n", subsystem.base);
	put("mig_routine_t %s_routines[] = {\n", demux);
	for (const struct statement *s = subsystem.stmts; s; s = s->next)
		put("\t%s%s,\n", s->routine ? "_X" : "0", s->routine ? s->routine->name : "");
	if (!subsystem.stmts)
		put("\t0,\n");
	put("};\n\n");
	put("/* Handles one request: fills in the reply header and calls the routine.\n"
	    " * FALSE when msgh_id belongs to no routine here (_RetCode is MIG_BAD_ID). */\n");
	put("mig_external boolean_t %s\n\t(mach_msg_header_t *InHeadP, mach_msg_header_t *OutHeadP)\n{\n",
	    demux);
	put("\tmig_reply_header_t *OutP = (mig_reply_header_t *) OutHeadP;\n");
	put("\tchar *_p = (char *) &OutP->RetCodeType;\n\tmig_routine_t routine;\n\n");
	put("\tmigp_memset(OutP, 0, sizeof *OutP);\n");
	put("\tOutP->Head.msgh_bits = MACH_MSGH_BITS(%s(InHeadP->msgh_bits), 0);\n",
	    k ? "MACH_MSGH_BITS_LOCAL" : "MACH_MSGH_BITS_REMOTE");
	put("\tOutP->Head.msgh_size = sizeof *OutP;\n");
	put("\tOutP->Head.msgh_remote_port = InHeadP->%s;\n",
	    k ? "msgh_local_port" : "msgh_remote_port");
	put("\tOutP->Head.msgh_local_port = MACH_PORT_NULL;\n");
	put("\tOutP->Head.msgh_seqno = 0;\n");
	put("\tOutP->Head.msgh_id = InHeadP->msgh_id + 100;\n");
	put("\tmigp_put_type(&_p, MACH_MSG_TYPE_INTEGER_32, 32, 1, TRUE, FALSE, FALSE);\n\n");
	put("\tif (InHeadP->msgh_id < %ld || InHeadP->msgh_id >= %ld ||\n"
	    "\t    (routine = %s_routines[InHeadP->msgh_id - %ld]) == 0) {\n",
	    subsystem.base, subsystem.base + subsystem.nroutines, demux, subsystem.base);
	put("\t\tOutP->RetCode = MIG_BAD_ID;\n\t\treturn FALSE;\n\t}\n");
	put("\t(*routine) (InHeadP, OutHeadP);\n\treturn TRUE;\n}\n");
}

/* -s: a table of routine names and ids, for debuggers and tracers. */
static void emit_symtab(void)
{
	long id = subsystem.base;

	put("\n/* Routine names by id (mig -s). */\n");
	put("mig_symtab_t _%sSymTab[] = {\n", subsystem.name);
	for (const struct statement *s = subsystem.stmts; s; s = s->next, id++) {
		if (s->routine)
			put("\t{ \"%s\", %ld, (void (*)(void)) _X%s },\n", s->routine->name, id,
			    s->routine->name);
		else
			put("\t{ \"\", 0, 0 },\n");
	}
	if (!subsystem.stmts)
		put("\t{ \"\", 0, 0 },\n");
	put("};\nint _%sSymTabBase = %ld;\nint _%sSymTabEnd = %ld;\n", subsystem.name,
	    subsystem.base, subsystem.name, id);
}

void emit_server(void)
{
	emit_prelude("Server stubs");
	put("#ifndef _GNU_SOURCE\n#define _GNU_SOURCE 1\n#endif\n\n");
	put("#include <mach/boolean.h>\n#include <mach/kern_return.h>\n"
	    "#include <mach/message.h>\n#include <mach/mig_errors.h>\n");
	if (subsystem.kernel_server)
		put("#include <ipc/ipc_port.h>\n");
	else
		put("#include <mach/mig_support.h>\n");
	put("#include <stdint.h>\n#include <string.h>\n\n");
	put("#ifndef mig_internal\n#define mig_internal static\n#endif\n");
	put("#ifndef mig_external\n#define mig_external\n#endif\n\n");
	emit_imports(IMP_SERVER);
	put("\n");
	emit_helpers(SIDE_SERVER);
	for (const struct statement *s = subsystem.stmts; s; s = s->next)
		if (s->routine)
			emit_routine(s->routine);
	emit_demux();
	if (opts.symtab)
		emit_symtab();
}
