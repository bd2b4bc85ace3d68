/*
 * routine.c — routines and their arguments: building them from the grammar,
 * checking them (names, kinds, flags against types) and deciding which side
 * sees each argument and where it travels.
 *
 * Entry points: arg_new, routine_new, routine_check, subsystem_add_routine,
 * subsystem_add_import.  The subsystem itself lives here too.
 */
#include <string.h>

#include "mig.h"

struct subsystem subsystem;
static struct statement **stmt_tail = &subsystem.stmts;
static struct import **import_tail = &subsystem.imports;

void subsystem_reset(void)
{
	memset(&subsystem, 0, sizeof subsystem);
	stmt_tail = &subsystem.stmts;
	import_tail = &subsystem.imports;
}

void subsystem_add_import(int side, const char *text)
{
	struct import *i = xcalloc(1, sizeof *i);

	i->side = side;
	i->text = text;
	*import_tail = i;
	import_tail = &i->next;
}

/* Routines and skips take consecutive message ids from the subsystem base. */
void subsystem_add_routine(struct routine *r)
{
	struct statement *s = xcalloc(1, sizeof *s);

	if (r) {
		for (struct statement *o = subsystem.stmts; o; o = o->next) {
			if (o->routine && strcmp(o->routine->name, r->name) == 0) {
				error_at(r->loc, "routine %s already defined at %s:%d", r->name,
					 o->routine->loc.file, o->routine->loc.line);
				break;
			}
		}
		r->number = subsystem.nroutines;
	}
	s->routine = r;
	subsystem.nroutines++;
	*stmt_tail = s;
	stmt_tail = &s->next;
}

struct arg *arg_new(const char *name, enum arg_kind kind, struct type *type, unsigned flags,
		    struct loc loc)
{
	struct arg *a = xcalloc(1, sizeof *a);

	a->name = name;
	a->kind = kind;
	a->type = type;
	a->flags = flags;
	a->loc = loc;
	return a;
}

struct routine *routine_new(const char *name, bool simple, struct arg *args, struct loc loc)
{
	struct routine *r = xcalloc(1, sizeof *r);

	r->name = name;
	r->simple = simple;
	r->args = args;
	r->loc = loc;
	r->user_prefix = subsystem.user_prefix;
	r->server_prefix = subsystem.server_prefix;
	r->default_waittime = subsystem.waittime;
	r->default_msgoption = subsystem.msgoption;
	routine_check(r);
	return r;
}

static void unique_names(struct routine *r)
{
	for (struct arg *a = r->args; a; a = a->next)
		for (struct arg *b = a->next; b; b = b->next)
			if (strcmp(a->name, b->name) == 0)
				error_at(b->loc, "%s: argument %s declared twice", r->name, b->name);
}

/* The special arguments: at most one of each, and of a sensible type. */
static void special(struct routine *r, struct arg *a, struct arg **slot, const char *what)
{
	if (*slot)
		error_at(a->loc, "%s: more than one %s argument", r->name, what);
	*slot = a;
}

static void check_port_arg(struct routine *r, struct arg *a, const char *what)
{
	if (a->type && !type_is_port(a->type))
		error_at(a->loc, "%s: %s %s must be a port, not %s", r->name, what, a->name,
			 a->type->name);
}

static void classify(struct routine *r, struct arg *a)
{
	switch (a->kind) {
	case AK_REQUEST_PORT:
		special(r, a, &r->request_port, "request port");
		check_port_arg(r, a, "request port");
		break;
	case AK_REPLY_PORT:
		special(r, a, &r->reply_port, "reply port");
		check_port_arg(r, a, "reply port");
		break;
	case AK_SREPLY_PORT:
		special(r, a, &r->sreply_port, "sreplyport");
		check_port_arg(r, a, "reply port");
		break;
	case AK_UREPLY_PORT:
		special(r, a, &r->ureply_port, "ureplyport");
		check_port_arg(r, a, "reply port");
		break;
	case AK_WAITTIME:
		special(r, a, &r->waittime, "waittime");
		break;
	case AK_MSGOPTION:
		special(r, a, &r->msgoption, "msgoption");
		break;
	case AK_MSGSEQNO:
		special(r, a, &r->seqno, "msgseqno");
		break;
	case AK_IN:
		a->in_request = true;
		break;
	case AK_OUT:
		a->in_reply = true;
		break;
	case AK_INOUT:
		a->in_request = a->in_reply = true;
		break;
	case AK_RETCODE:
		break;
	}
}

static void check_flags(struct routine *r, struct arg *a)
{
	struct type *t = a->type;

	if ((a->flags & AF_COUNTINOUT) && !(a->kind == AK_OUT && t->varying))
		error_at(a->loc, "%s: CountInOut applies to out arrays of varying size (%s)",
			 r->name, a->name);
	if ((a->flags & (AF_DEALLOC | AF_DEALLOC_IF)) && (a->flags & AF_NOTDEALLOC))
		error_at(a->loc, "%s: %s is both Dealloc and NotDealloc", r->name, a->name);
	if ((a->flags & (AF_DEALLOC | AF_DEALLOC_IF)) && t->inl && !t->indefinite &&
	    !type_is_port(t))
		error_at(a->loc, "%s: Dealloc needs out-of-line data or a port (%s)", r->name,
			 a->name);
	if ((a->flags & AF_SERVERCOPY) && (a->kind != AK_IN || (t->inl && !t->indefinite)))
		error_at(a->loc, "%s: ServerCopy applies to in arrays that may travel "
			 "out-of-line (%s)", r->name, a->name);
	if (!t->inl && !t->varying)
		error_at(a->loc, "%s: fixed-size out-of-line arrays are not supported (%s)",
			 r->name, a->name);
	if (type_is_port(t) && !t->inl && t->in_name == MSGT_POLY)
		error_at(a->loc, "%s: polymorphic out-of-line port arrays are not supported",
			 r->name);
}

/* Polymorphic types put a msgt_name in the C interface: the sender chooses
 * it, the receiver is told it. */
static void set_poly(struct arg *a)
{
	if (a->in_request) {
		a->user_poly = a->type->in_name == MSGT_POLY;
		a->server_poly = a->type->out_name == MSGT_POLY;
	}
	if (a->in_reply) {
		/* a kernel sends what its receiver will hold: never a choice */
		int sent = subsystem.kernel_server ? a->type->out_name : a->type->in_name;

		a->server_poly = a->server_poly || sent == MSGT_POLY;
		a->user_poly = a->user_poly || a->type->out_name == MSGT_POLY;
	}
}

void routine_check(struct routine *r)
{
	int index = 0;

	for (struct arg *a = r->args; a; a = a->next)
		if (!a->type || a->type->broken)
			return;		/* already reported */
	unique_names(r);
	if (!r->args) {
		error_at(r->loc, "%s: a routine needs a request port argument", r->name);
		return;
	}
	/* The first argument is the request port unless one is named. */
	if (r->args->kind == AK_IN)
		r->args->kind = AK_REQUEST_PORT;
	for (struct arg *a = r->args; a; a = a->next) {
		a->index = index++;
		classify(r, a);
	}
	if (!r->request_port) {
		error_at(r->loc, "%s: no request port", r->name);
		return;
	}
	for (struct arg *a = r->args; a; a = a->next)
		if (a->kind == AK_INOUT && !a->type->by_value && a->type->kind != TK_SIMPLE)
			error_at(a->loc, "%s: inout applies to single values, not arrays (%s)",
				 r->name, a->name);
	if (r->simple && (r->reply_port || r->sreply_port))
		error_at(r->loc, "%s: a simpleroutine has no reply port", r->name);
	for (struct arg *a = r->args; a; a = a->next) {
		if (a->kind == AK_REQUEST_PORT || a->kind == AK_REPLY_PORT ||
		    a->kind == AK_SREPLY_PORT || a->kind == AK_UREPLY_PORT) {
			a->user_poly = a->kind != AK_SREPLY_PORT && a->type->in_name == MSGT_POLY;
			a->server_poly = a->kind != AK_UREPLY_PORT &&
					 (a->type->out_name == MSGT_POLY ||
					  (a->kind == AK_SREPLY_PORT && a->type->in_name == MSGT_POLY));
		}
		if (!a->in_request && !a->in_reply)
			continue;
		if (r->simple && a->in_reply)
			error_at(a->loc, "%s: a simpleroutine cannot have out arguments (%s)",
				 r->name, a->name);
		check_flags(r, a);
		set_poly(a);
		a->count_in_request = (a->flags & AF_COUNTINOUT) != 0;
	}
}
