/*
 * items.h — emitting one message item (emit_items.c), for the user and
 * server emitters.
 */
#ifndef MIG_ITEMS_H
#define MIG_ITEMS_H

#include "emit.h"

struct put_io {
	const struct arg *a;
	const char *name;	/* msgt_name: a constant or the Poly variable */
	const char *src;	/* the value (scalars) or the data (arrays) */
	const char *cnt;	/* element count expression (varying types) */
	const char *poly_var;	/* the Poly variable when the name is chosen late */
	const char *dealloc;	/* msgt_deallocate expression */
	const char *too_large;	/* statement for a count beyond the bound */
	const char *ool_cond;	/* array[]: when to go out-of-line (default: too many) */
	bool in_place;		/* src may overlap the message (server replies) */
	bool kernel;		/* kernel side: out-of-line ports are 64-bit pointers */
};

void emit_put_item(const struct put_io *io);
const char *bad_type_cond(const struct arg *a, int name, bool poly, bool kernel);
const char *dealloc_expr(const struct arg *a, enum side side);
unsigned elem_msg_bytes(const struct type *t);
const char *scaled(const char *cnt, unsigned k);

#endif
