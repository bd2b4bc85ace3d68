/*
 * emit_items.c — C that appends one argument to a message being built
 * (user stubs build requests, server stubs build replies) and C that checks
 * one received descriptor.  Both sides call these so that a request and a
 * reply carrying the same type are laid out by the same code.
 *
 * Generated code uses: char *_p (the cursor), boolean_t _msgh_simple, and
 * the migp_* helpers from emit_common.c.
 */
#include "items.h"

static unsigned long pad8(unsigned long n)
{
	return (n + 7) & ~7ul;
}

/* "cnt * k", or just "cnt" when k is 1: generated code stays free of "* 1". */
const char *scaled(const char *cnt, unsigned k)
{
	return k == 1 ? cnt : xasprintf("%s * %u", cnt, k);
}

unsigned elem_msg_bytes(const struct type *t)
{
	return type_is_port(t) ? 8 * t->elem_units : t->size / 8 * t->elem_units;
}

const char *dealloc_expr(const struct arg *a, enum side side)
{
	if (side == SIDE_USER && (a->flags & AF_DEALLOC_IF))
		return xasprintf("%sDealloc", a->name);
	if ((a->flags & AF_DEALLOC) || a->type->dealloc)
		return "TRUE";
	return "FALSE";
}

static const char *bool_s(bool b)
{
	return b ? "TRUE" : "FALSE";
}

/* A port, or a fixed array of them, in 8-byte slots. */
static void put_ports(const struct put_io *io)
{
	const struct type *t = io->a->type;

	if (t->kind == TK_SIMPLE) {
		put("\tmigp_put_type(&_p, %s, 64, 1, TRUE, FALSE, %s);\n", io->name, io->dealloc);
		put("\tmigp_put_port(&_p, %s);\n", io->src);
		return;
	}
	put("\tmigp_put_type(&_p, %s, 64, %u, TRUE, %s, %s);\n", io->name, t->number,
	    bool_s(t->longform), io->dealloc);
	put("\tfor (mach_msg_type_number_t _i = 0; _i < %u; _i++)\n", t->number);
	put("\t\tmigp_put_port(&_p, (%s)[_i]);\n", io->src);
}

static void put_fixed(const struct put_io *io)
{
	const struct type *t = io->a->type;
	unsigned bytes = type_data_bytes(t);

	if (t->kind == TK_STRING && !io->in_place) {
		put("\tmigp_put_type(&_p, %s, %u, %u, TRUE, %s, FALSE);\n", io->name, t->size,
		    t->number, bool_s(t->longform));
		put("\tmigp_memset(_p, 0, %lu);\n", pad8(bytes));
		put("\t(void) %s(_p, (const char *) %s, %u);\n", subr("mig_strncpy"), io->src, bytes);
		put("\t_p += %lu;\n", pad8(bytes));
		return;
	}
	put("\tmigp_put_type(&_p, %s, %u, %u, TRUE, %s, %s);\n", io->name, t->size, t->number,
	    bool_s(t->longform), io->dealloc);
	if (t->by_value && t->kind != TK_STRING)
		put("\tmigp_put_data(&_p, &%s, %u);\n", io->src, bytes);
	else
		put("\tmigp_put_data(&_p, %s, %u);\n", io->src, bytes);
}

/* c_string[*:n]: the count is the string's length with its NUL, if it fits. */
static void put_cstring(const struct put_io *io)
{
	const struct type *t = io->a->type;

	if (io->in_place) {	/* the string is already in the reply, further on */
		put("\t{\n\t\tmach_msg_type_number_t _n = migp_strnlen(%s, %u);\n\n", io->src, t->max);
		put("\t\tif (_n < %u)\n\t\t\t_n++;\n", t->max);
		put("\t\tmigp_put_type(&_p, %s, 8, _n, TRUE, %s, FALSE);\n", io->name,
		    bool_s(t->longform));
		put("\t\tmigp_put_data(&_p, %s, _n);\n\t}\n", io->src);
		return;
	}
	put("\t{\n\t\tchar *_desc = _p;\n\t\tmach_msg_type_number_t _n;\n\n");
	put("\t\t_p += sizeof (mach_msg_type_t);\n");
	put("\t\tmigp_memset(_p, 0, %lu);\n", pad8(t->max));
	put("\t\t_n = %s(_p, (const char *) %s, %u);\n", subr("mig_strncpy"), io->src, t->max);
	put("\t\tif (_n < %u)\n\t\t\t_n++;\n", t->max);
	put("\t\tmigp_put_type(&_desc, %s, 8, _n, TRUE, %s, FALSE);\n", io->name,
	    bool_s(t->longform));
	put("\t\t_p += (_n + 7) & ~7u;\n\t}\n");
}

/* The elements themselves, in-line: ports go one 8-byte slot each. */
static void put_inline_elems(const struct put_io *io, const char *indent)
{
	const struct type *t = io->a->type;
	const char *src = io->src;

	if (type_is_port(t)) {
		put("%sfor (mach_msg_type_number_t _i = 0; _i < %s; _i++)\n", indent, io->cnt);
		put("%s\tmigp_put_port(&_p, (%s)[_i]);\n", indent, src);
	} else {
		put("%smigp_put_data(&_p, %s, %s);\n", indent, src,
		    scaled(xasprintf("(size_t) %s", io->cnt), elem_msg_bytes(t)));
	}
}

static void put_bounded(const struct put_io *io)
{
	const struct type *t = io->a->type;

	put("\tif (%s > %u)\n\t\t%s\n", io->cnt, t->max, io->too_large);
	put("\tmigp_put_type(&_p, %s, %u, %s, TRUE, %s, %s);\n", io->name, t->size,
	    scaled(io->cnt, t->elem_units), bool_s(t->longform), io->dealloc);
	put_inline_elems(io, "\t");
}

/* A pointer to the data, which the kernel maps into the receiver. */
static void put_pointer(const struct put_io *io, const char *indent)
{
	put("%s{\n%s\tconst void *_ptr = (const void *) %s;\n\n", indent, indent, io->src);
	put("%s\tmigp_put_data(&_p, &_ptr, sizeof _ptr);\n%s}\n", indent, indent);
}

/* Out-of-line ports are 32-bit names, but 64-bit pointers on the kernel's side. */
static unsigned ool_size(const struct type *t, bool kernel)
{
	return type_is_port(t) ? (kernel ? 64 : 32) : t->size;
}

static void put_ool(const struct put_io *io)
{
	const struct type *t = io->a->type;

	put("\tmigp_put_type(&_p, %s, %u, %s, FALSE, TRUE, %s);\n", io->name, ool_size(t, io->kernel),
	    scaled(io->cnt, t->elem_units), io->dealloc);
	put_pointer(io, "\t");
}

/* array[]: in-line when it fits GNU MIG's 2048 bytes, out-of-line if not. */
static void put_indefinite(const struct put_io *io)
{
	const struct type *t = io->a->type;

	if (io->ool_cond)
		put("\tif (%s) {\n", io->ool_cond);
	else
		put("\tif (%s > %u) {\n", io->cnt, t->max);
	put("\t\tmigp_put_type(&_p, %s, %u, %s, FALSE, TRUE, %s);\n", io->name, ool_size(t, io->kernel),
	    scaled(io->cnt, t->elem_units), io->dealloc);
	put_pointer(io, "\t\t");
	put("\t\t_msgh_simple = FALSE;\n\t} else {\n");
	put("\t\tmigp_put_type(&_p, %s, %u, %s, TRUE, TRUE, FALSE);\n", io->name, t->size,
	    scaled(io->cnt, t->elem_units));
	put_inline_elems(io, "\t\t");
	put("\t}\n");
}

void emit_put_item(const struct put_io *io)
{
	const struct type *t = io->a->type;

	put("\t/* %s */\n", io->a->name);
	if (!t->inl)
		put_ool(io);
	else if (t->indefinite)
		put_indefinite(io);
	else if (t->cstring && t->varying)
		put_cstring(io);
	else if (t->varying)
		put_bounded(io);
	else if (type_is_port(t))
		put_ports(io);
	else
		put_fixed(io);
	if (io->poly_var && type_is_port(t))
		put("\tif (MACH_MSG_TYPE_PORT_ANY(%s))\n\t\t_msgh_simple = FALSE;\n", io->poly_var);
	put("\n");
}

/* The condition under which a received descriptor for this argument is bad.
 * "t" is the descriptor; name is what the receiver expects (-1 any). */
const char *bad_type_cond(const struct arg *a, int name, bool poly, bool kernel)
{
	const struct type *t = a->type;
	const char *n = poly ? "-1" : xasprintf("%s", msgt_expr(name, true));

	if (!t->inl)
		return xasprintf("!migp_type_ok(_t, %s, %u, FALSE, TRUE)", n, ool_size(t, kernel));
	if (t->indefinite)
		return xasprintf("!migp_type_ok(_t, %s, _t->msgt_inline ? %u : %u, _t->msgt_inline, TRUE)",
				 n, t->size, ool_size(t, kernel));
	if (t->varying)
		return xasprintf("!migp_type_ok(_t, %s, %u, TRUE, %s)", n, t->size,
				 bool_s(t->longform));
	return xasprintf("!migp_type_ok(_t, %s, %u, TRUE, %s) || _t->msgt_number != %u", n,
			 t->size, bool_s(t->longform), t->number);
}
