/*
 * types.c — the type table and the rules that turn a type spec from the
 * grammar into a struct type: descriptor name, size and count, in-line or
 * out-of-line, fixed or varying, long form, and the C spelling.
 *
 * Entry points: types_init, type_lookup, type_define, type_build.
 * Sizes follow GNU MIG on x86_64: ports are 8 bytes in a message (4 in C),
 * "array[]" is in-line up to 2048 bytes and out-of-line beyond, and a
 * "struct { ... }" travels as an array of its widest member's words.
 */
#include <string.h>

#include "mig.h"

#define INDEFINITE_INLINE_BYTES 2048	/* GNU MIG's limit for array[] in-line */
#define TABLE_SIZE 509

struct entry {
	struct type *type;
	struct entry *next;
};
static struct entry *table[TABLE_SIZE];

static unsigned hash(const char *s)
{
	unsigned h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h % TABLE_SIZE;
}

struct type *type_lookup(const char *name)
{
	for (struct entry *e = table[hash(name)]; e; e = e->next)
		if (strcmp(e->type->name, name) == 0)
			return e->type;
	return NULL;
}

/* Redefinition replaces, as in GNU MIG (mach.defs and device.defs both
 * define reply_port_t after including each other's types), with a warning
 * only when the place differs, which cpp's include guards make rare. */
void type_define(struct type *t)
{
	unsigned h;
	struct entry *e;

	if (!t || !t->name)
		return;
	h = hash(t->name);
	for (e = table[h]; e; e = e->next) {
		if (strcmp(e->type->name, t->name) == 0) {
			e->type = t;
			return;
		}
	}
	e = xcalloc(1, sizeof *e);
	e->type = t;
	e->next = table[h];
	table[h] = e;
}

static struct type *simple(const char *name, int msgt, unsigned bits)
{
	struct type *t = xcalloc(1, sizeof *t);

	t->name = name;
	t->loc.file = "<built-in>";
	t->kind = TK_SIMPLE;
	t->in_name = t->out_name = msgt;
	t->size = bits;
	t->number = 1;
	t->elem_units = 1;
	t->elem_bytes = bits / 8;
	t->inl = true;
	t->by_value = true;
	t->ctype = name;
	return t;
}

/* The C types GNU MIG knows without a declaration. */
void types_init(void)
{
	memset(table, 0, sizeof table);
	type_define(simple("int", 2, 32));
	type_define(simple("char", 8, 8));
	type_define(simple("short", 1, 16));
	type_define(simple("uintptr_t", 11, 64));
	type_define(simple("intptr_t", 11, 64));
}

/* Stands in for a type whose declaration failed, so that its uses do not
 * repeat the error; any error already stops the output. */
struct type *type_broken(const char *name, struct loc loc)
{
	struct type *t = simple(name, 2, 32);

	t->loc = loc;
	t->broken = true;
	return t;
}

bool type_is_port(const struct type *t)
{
	return msgt_is_port(t->in_name) || msgt_is_port(t->out_name);
}

/* Bytes of C storage for one value of a fixed type. */
unsigned type_c_bytes(const struct type *t)
{
	if (type_is_port(t))
		return 4 * t->number;
	return t->size / 8 * t->number;
}

/* Bytes a fixed in-line value takes in a message, before padding to 8. */
unsigned type_data_bytes(const struct type *t)
{
	return t->size / 8 * t->number;
}

/* Bytes of one element in the message. */
static unsigned elem_msg_bytes(const struct type *t)
{
	return t->size / 8 * t->elem_units;
}

/* The largest in-line data a varying type can carry, before padding. */
unsigned type_max_bytes(const struct type *t)
{
	if (!t->varying)
		return type_data_bytes(t);
	return elem_msg_bytes(t) * t->max;
}

/* Old 32-bit descriptors held 8 bits of size and 12 of count: GNU MIG still
 * marks types that would overflow them, and every unbounded array, long. */
static void set_longform(struct type *t)
{
	t->longform = t->size > 255 || t->number > 4095 ||
		      (t->varying && t->max * t->elem_units > 4095) ||
		      (t->varying && (t->indefinite || !t->inl));
}

static struct type *from_ipc(struct type_spec *s, struct type *t)
{
	unsigned natural = s->in_name == MSGT_POLY || s->out_name == MSGT_POLY ? 64
			   : msgt_bits(s->in_name);

	t->kind = TK_SIMPLE;
	t->in_name = s->in_name;
	t->out_name = s->out_name;
	t->number = 1;
	t->elem_units = 1;
	t->inl = true;
	t->by_value = true;
	t->dealloc = s->ipc_dealloc;
	if (s->bits >= 0) {
		if (s->bits == 0 || s->bits % 8 || s->bits > 65535) {
			error_at(s->loc, "size %ld bits is not a whole number of bytes "
				 "that fits msgt_size", s->bits);
			return NULL;
		}
		t->size = (unsigned)s->bits;
	} else if (natural) {
		t->size = natural;
	} else {
		error_at(s->loc, "%s needs an explicit size: (%s, bits)",
			 msgt_symbol(s->in_name, false), msgt_symbol(s->in_name, false));
		return NULL;
	}
	if (type_is_port(t) && t->size != 64) {
		error_at(s->loc, "a port type is 64 bits in an x86_64 message, not %u", t->size);
		return NULL;
	}
	if (t->in_name == 12) {		/* MACH_MSG_TYPE_STRING: char[bits/8] */
		t->kind = TK_STRING;
		t->by_value = false;
		t->string_like = true;
	}
	t->elem_bytes = type_is_port(t) ? 4 : t->size / 8;
	return t;
}

static bool check_count(struct type_spec *s, long max)
{
	if (s->count < 0 || s->count > max) {
		error_at(s->loc, "array size %ld out of range", s->count);
		return false;
	}
	return true;
}

/* array[n] of E, struct[n] of E, array[] of E, array[*:n] of E */
static struct type *from_array(struct type_spec *s, struct type *t, struct type *e)
{
	if (!e)
		return NULL;
	if (e->broken)
		return NULL;
	if (e->varying || !e->inl) {
		error_at(s->loc, "the element type %s must be fixed and in-line", e->name);
		return NULL;
	}
	if (!check_count(s, 1 << 24))
		return NULL;
	if (s->kind == SPEC_STRUCT_ARRAY && type_is_port(e)) {
		error_at(s->loc, "struct[n] of ports is not supported; use array[n] of");
		return NULL;
	}
	if (s->kind != SPEC_VARRAY && s->count == 0) {
		error_at(s->loc, "a fixed array needs at least one element");
		return NULL;
	}
	t->kind = TK_ARRAY;
	t->elem = e;
	t->in_name = e->in_name;
	t->out_name = e->out_name;
	t->size = e->size;
	t->elem_units = e->number;
	t->elem_bytes = type_c_bytes(e);
	t->elem_ctype = e->ctype;
	t->inl = true;
	t->dealloc = e->dealloc;
	t->by_value = s->kind == SPEC_STRUCT_ARRAY;
	if (s->kind == SPEC_VARRAY) {
		t->varying = true;
		t->max = (unsigned)s->count;
		if (t->max == 0) {
			t->indefinite = true;
			t->max = INDEFINITE_INLINE_BYTES / elem_msg_bytes(t);
			if (t->max == 0) {
				error_at(s->loc, "element of %u bytes is too large for array[]",
					 elem_msg_bytes(t));
				return NULL;
			}
			t->string_like = true;
		}
		if ((unsigned long long)t->max * t->elem_units * elem_msg_bytes(t) > 0x7fffffffULL) {
			error_at(s->loc, "array is too large for a message");
			return NULL;
		}
		t->number = t->max * t->elem_units;
	} else {
		if ((unsigned long long)s->count * t->elem_units * (t->size / 8 ? t->size / 8 : 1) >
		    0x7fffffffULL) {
			error_at(s->loc, "array is too large for a message");
			return NULL;
		}
		t->number = (unsigned)s->count * t->elem_units;
	}
	return t;
}

/* ^array[] of E and ^array[n] of E: the data travels out-of-line. */
static struct type *from_pointer(struct type_spec *s, struct type *t, struct type *a)
{
	if (!a)
		return NULL;
	if (a->kind != TK_ARRAY || !a->inl || a->by_value) {
		error_at(s->loc, "'^' applies to array types only");
		return NULL;
	}
	if (a->varying && !a->indefinite) {
		error_at(s->loc, "an out-of-line array cannot have a bound (use ^array[] of)");
		return NULL;
	}
	{
		const char *name = t->name;
		struct loc loc = t->loc;

		*t = *a;
		t->name = name;
		t->loc = loc;
		t->ctype = NULL;
	}
	t->inl = false;
	t->string_like = false;
	if (t->varying) {
		t->indefinite = false;
		t->max = 0;
		t->number = 0;
	}
	return t;
}

static unsigned field_align(const struct type *t)
{
	unsigned a = t->kind == TK_SIMPLE ? t->size / 8 :
		     t->elem ? field_align(t->elem) : t->size / 8;

	return a ? a : 1;
}

/* struct { T a; U b; }: laid out as C would, sent as words of its widest
 * member (GNU MIG's rule: time_value_t is two 64-bit units). */
static struct type *from_fields(struct type_spec *s, struct type *t)
{
	unsigned off = 0, align = 1;

	if (!s->fields) {
		error_at(s->loc, "a struct needs at least one field");
		return NULL;
	}
	for (struct field *f = s->fields; f; f = f->next) {
		unsigned a;

		if (!f->type || f->type->broken)
			return NULL;
		if (f->type->varying || !f->type->inl || type_is_port(f->type) ||
		    f->type->size % 8) {
			error_at(s->loc, "field %s: only fixed, in-line data fits in a struct",
				 f->name);
			return NULL;
		}
		a = field_align(f->type);
		if (a > align)
			align = a;
		off = (off + a - 1) / a * a + type_c_bytes(f->type);
		if (off > (1u << 24)) {
			error_at(s->loc, "struct is too large");
			return NULL;
		}
	}
	off = (off + align - 1) / align * align;
	t->kind = TK_STRUCT;
	t->size = align * 8;
	t->number = off / align;
	t->elem_units = 1;
	t->elem_bytes = align;
	t->in_name = t->out_name = align == 8 ? 11 : align == 4 ? 2 : align == 2 ? 1 : 9;
	t->inl = true;
	t->by_value = true;
	return t;
}

static struct type *from_cstring(struct type_spec *s, struct type *t)
{
	if (!check_count(s, 1 << 24) || s->count == 0) {
		if (s->count == 0)
			error_at(s->loc, "c_string needs at least one character");
		return NULL;
	}
	t->kind = TK_STRING;
	t->cstring = true;
	t->string_like = true;
	t->in_name = t->out_name = 12;
	t->size = 8;
	t->elem_units = 1;
	t->elem_bytes = 1;
	t->inl = true;
	if (s->varying) {
		t->varying = true;
		t->max = (unsigned)s->count;
	}
	t->number = (unsigned)s->count;
	return t;
}

static struct type *from_spec(struct type_spec *s, struct type *t);

static struct type *inner_type(struct type_spec *s)
{
	struct type *e = xcalloc(1, sizeof *e);

	e->name = "(anonymous)";
	e->loc = s->loc;
	e = from_spec(s, e);
	if (e && !e->ctype)
		e->ctype = e->name;
	return e;
}

static struct type *from_spec(struct type_spec *s, struct type *t)
{
	if (!s)
		return NULL;
	switch (s->kind) {
	case SPEC_IPC:
		return from_ipc(s, t);
	case SPEC_NAMED:
		if (!s->named || s->named->broken)
			return NULL;
		{
			const char *name = t->name;
			struct loc loc = t->loc;

			*t = *s->named;
			t->name = name;
			t->loc = loc;
			t->ctype = NULL;
			t->user_ctype = t->server_ctype = NULL;
		}
		return t;
	case SPEC_ARRAY:
	case SPEC_VARRAY:
	case SPEC_STRUCT_ARRAY:
		return from_array(s, t, inner_type(s->inner));
	case SPEC_POINTER:
		return from_pointer(s, t, inner_type(s->inner));
	case SPEC_STRUCT_FIELDS:
		return from_fields(s, t);
	case SPEC_CSTRING:
		return from_cstring(s, t);
	}
	return NULL;
}

static void apply_attrs(struct type *t, struct type_attrs *a)
{
	if (!a)
		return;
	if (a->ctype)
		t->ctype = a->ctype;
	if (a->user_ctype)
		t->user_ctype = a->user_ctype;
	if (a->server_ctype)
		t->server_ctype = a->server_ctype;
	if (a->intran_fn) {
		t->intran_type = a->intran_type;
		t->intran_fn = a->intran_fn;
		t->intran_arg = a->intran_arg;
	}
	if (a->outtran_fn) {
		t->outtran_type = a->outtran_type;
		t->outtran_fn = a->outtran_fn;
		t->outtran_arg = a->outtran_arg;
	}
	if (a->destructor_fn)
		t->destructor_fn = a->destructor_fn;
	if (a->payload_fn) {
		t->payload_type = a->payload_type;
		t->payload_fn = a->payload_fn;
	}
}

/* Build (but do not define) the type "name = spec attrs". */
struct type *type_build(const char *name, struct type_spec *spec, struct type_attrs *attrs,
			struct loc loc)
{
	struct type *t = xcalloc(1, sizeof *t);

	t->name = name ? name : "(anonymous)";
	t->loc = loc;
	if (!from_spec(spec, t))
		return NULL;
	if (!t->ctype)
		t->ctype = t->name;
	apply_attrs(t, attrs);
	if (t->kind == TK_ARRAY && !t->elem_ctype)
		t->elem_ctype = t->elem ? t->elem->ctype : "char";
	set_longform(t);
	return t;
}
