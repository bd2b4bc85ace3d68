/*
 * emit.h — what the emitters share: the output stream, C spellings of
 * arguments, descriptor values, and the helper functions every generated .c
 * file starts with (emit_common.c).
 */
#ifndef MIG_EMIT_H
#define MIG_EMIT_H

#include "mig.h"

enum side { SIDE_USER, SIDE_SERVER };

extern FILE *out;
void put(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Names with the -prefix / userprefix / serverprefix / -subrprefix rules. */
const char *user_name(const struct routine *r);
const char *server_name(const struct routine *r);
const char *demux_name(void);
const char *subr(const char *support_fn);	/* mach_msg -> SUBR_mach_msg */

/* C spelling. */
bool kernel_side(enum side side);
const char *arg_ctype(const struct arg *a, enum side side);	/* one value */
const char *port_ctype(enum side side);
void print_params(const struct routine *r, enum side side, const char *sep,
		  const char *indent);
bool arg_visible(const struct arg *a, enum side side);

/* Message layout facts. */
bool arg_has_cnt(const struct arg *a);
bool arg_is_port(const struct arg *a);
bool arg_maybe_ool(const struct arg *a);	/* may travel out-of-line */
const char *msgt_expr(int name, bool received);	/* C expression of a name */
unsigned long max_message_bytes(const struct routine *r, bool reply);
/* Whether every item of the request (or of a successful reply) has a fixed size, so
 * that such a message is well-formed only with max_message_bytes bytes. */
bool message_fixed(const struct routine *r, bool reply);
unsigned long item_max_bytes(const struct arg *a);	/* descriptor + data, worst case */
bool message_always_complex(const struct routine *r, bool reply);
bool message_maybe_complex(const struct routine *r, bool reply);
int header_bits_remote(const struct routine *r);
int header_bits_local(const struct routine *r);
long request_id(const struct routine *r);

void emit_prelude(const char *banner_what);
void emit_helpers(enum side side);
void emit_imports(int side);

/* The files. */
void emit_user_header(const char *path_for_guard);
void emit_server_header(const char *path_for_guard);
void emit_user(const char *header_name);
void emit_server(void);

/* emit_reply.c: the server side of replies. */
const char *in_raw_var(const struct arg *a);
const char *out_raw_var(const struct arg *a);
void declare_reply_locals(const struct routine *r, const struct arg *a);
void put_reply_item(const struct routine *r, const struct arg *a);
void release_rights(const struct routine *r);

#endif
