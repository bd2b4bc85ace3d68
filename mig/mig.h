/*
 * mig.h — the model shared by every pass of Portico's mig.
 *
 * The parser (parser.y) builds types (types.c) and routines (routine.c); the
 * semantic pass (layout.c) turns each routine into two message layouts; the
 * emitters (emit_*.c) print C from those layouts.  Everything here lives until
 * the program exits, so nothing is freed piecemeal: see util.c.
 */
#ifndef MIG_MIG_H
#define MIG_MIG_H

#include <stdbool.h>
#include <stdio.h>

/* A place in the original source, as named by cpp's line markers. */
struct loc {
	const char *file;
	int line;
};

/* ---- util.c: memory, strings, diagnostics ---- */
void *xmalloc(size_t n);		/* zeroed */
void mem_release_all(void);		/* frees everything x*alloc gave */
#define MAX_ERRORS 50
bool too_many_errors(void);		/* the lexer then ends the input */
void *xcalloc(size_t n, size_t size);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void error_at(struct loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void warn_at(struct loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
extern int error_count;
extern bool quiet_warnings;	/* -q */
extern bool verbose;		/* -v */

/* ---- message type names (msgt_name values) ---- */
#define MSGT_POLY (-1)		/* MACH_MSG_TYPE_POLYMORPHIC */
#define MSGT_NONE (-2)		/* not yet known */
/* MACH_MSG_TYPE_PORT_{RECEIVE,SEND,SEND_ONCE} share numbers with MOVE_*,
 * but a type declared with them makes senders polymorphic: the lookup keeps
 * them apart with these codes until msgt_sent/msgt_received resolve them. */
#define MSGT_PORT_RECEIVE_SYM 1016
#define MSGT_PORT_SEND_SYM 1017
#define MSGT_PORT_SEND_ONCE_SYM 1018
const char *msgt_symbol(int name, bool received);	/* "MACH_MSG_TYPE_..." */
int msgt_lookup(const char *symbol);	/* MSGT_NONE when unknown */
bool msgt_is_port(int name);		/* a port right (or polymorphic) */
int msgt_sent(int name);		/* what a sender puts in msgt_name */
int msgt_received(int name);		/* what a receiver sees for a sent name */
unsigned msgt_bits(int name);		/* natural size, 0 if it needs (name, size) */

/* ---- types.c ---- */
enum type_kind {
	TK_SIMPLE,	/* one scalar item: integers, booleans, port names, ports */
	TK_ARRAY,	/* array[...] of, struct[n] of: several items of an element */
	TK_STRUCT,	/* struct { fields } : sent as an array of words */
	TK_STRING,	/* c_string[n], c_string[*:n], (MACH_MSG_TYPE_STRING, bits) */
};

struct type {
	const char *name;	/* the declared name (C type unless ctype: says else) */
	struct loc loc;
	enum type_kind kind;
	int in_name, out_name;	/* msgt_name sent / received (MSGT_POLY allowed) */
	unsigned size;		/* msgt_size: bits of one descriptor unit */
	unsigned number;	/* msgt_number for fixed types */
	unsigned elem_units;	/* descriptor units per array element */
	unsigned elem_bytes;	/* C bytes per array element (ports: 4) */
	bool inl;		/* data travels in the message body */
	bool varying;		/* the element count travels with the data */
	unsigned max;		/* maximum elements for varying (0 = unbounded) */
	bool indefinite;	/* array[] : inline if small, out-of-line if not */
	bool longform;		/* msgt_longform bit */
	bool by_value;		/* passed to C by value (scalars, structs) */
	bool cstring;		/* c_string: copied with mig_strncpy */
	bool string_like;	/* C parameter spelled const_<ctype> */
	bool dealloc;		/* type-level deallocate flag (IPC flags) */
	bool broken;		/* its declaration had an error: stay quiet about it */
	struct type *elem;	/* element type for arrays */
	const char *ctype;	/* C type of a value */
	const char *user_ctype, *server_ctype;
	const char *elem_ctype;	/* C type of one element (arrays) */
	/* translations, applied by the server (and by users in KernelUser files) */
	const char *intran_type, *intran_fn, *intran_arg;
	const char *outtran_type, *outtran_fn, *outtran_arg;
	const char *destructor_fn;
	const char *payload_type, *payload_fn;
};

/* Pieces the grammar collects before a type can be built. */
enum spec_kind { SPEC_IPC, SPEC_NAMED, SPEC_ARRAY, SPEC_VARRAY, SPEC_STRUCT_ARRAY,
		 SPEC_STRUCT_FIELDS, SPEC_POINTER, SPEC_CSTRING };

struct field {
	const char *name;
	struct type *type;
	struct field *next;
};

struct type_spec {
	enum spec_kind kind;
	struct loc loc;
	int in_name, out_name;	/* SPEC_IPC */
	long bits;		/* SPEC_IPC: explicit size, or -1 */
	bool ipc_dealloc;	/* SPEC_IPC: ", dealloc" flag */
	struct type *named;	/* SPEC_NAMED */
	long count;		/* ARRAY/VARRAY/STRUCT_ARRAY/CSTRING: n or max (-1: none) */
	bool varying;		/* CSTRING: c_string[*:n] */
	struct type_spec *inner;	/* element / pointee */
	struct field *fields;	/* SPEC_STRUCT_FIELDS */
};

/* Annotations after a type spec: ctype:, intran:, ... */
struct type_attrs {
	const char *ctype, *user_ctype, *server_ctype;
	const char *intran_type, *intran_fn, *intran_arg;
	const char *outtran_type, *outtran_fn, *outtran_arg;
	const char *destructor_fn, *destructor_arg;
	const char *payload_type, *payload_fn;
};

void types_init(void);
struct type *type_lookup(const char *name);
struct type *type_build(const char *name, struct type_spec *spec, struct type_attrs *attrs,
			struct loc loc);
void type_define(struct type *t);
struct type *type_broken(const char *name, struct loc loc);
bool type_is_port(const struct type *t);
unsigned type_data_bytes(const struct type *t);	/* fixed bytes in a message, unpadded */
unsigned type_max_bytes(const struct type *t);	/* inline worst case, unpadded */
unsigned type_c_bytes(const struct type *t);	/* sizeof the C value (fixed types) */

/* ---- routine.c ---- */
enum arg_kind {
	AK_IN, AK_OUT, AK_INOUT, AK_REQUEST_PORT, AK_REPLY_PORT, AK_SREPLY_PORT,
	AK_UREPLY_PORT, AK_WAITTIME, AK_MSGOPTION, AK_MSGSEQNO,
	/* arguments mig adds */
	AK_RETCODE,
};

enum arg_flag {
	AF_DEALLOC = 1, AF_NOTDEALLOC = 2, AF_SERVERCOPY = 4, AF_COUNTINOUT = 8,
	AF_DEALLOC_IF = 16	/* Dealloc[]: the caller chooses at run time */
};

struct arg {
	const char *name;
	struct loc loc;
	enum arg_kind kind;
	struct type *type;
	unsigned flags;
	struct arg *next;
	/* filled by routine_check */
	bool in_request, in_reply;	/* travels in the request / reply body */
	bool user_poly, server_poly;	/* a Poly C parameter on that side */
	bool count_in_request;		/* CountInOut: the caller's maximum travels */
	int index;
};

struct routine {
	const char *name;
	struct loc loc;
	bool simple;		/* simpleroutine: no reply */
	int number;		/* offset from the subsystem base */
	struct arg *args;
	struct arg *request_port, *reply_port, *waittime, *msgoption, *seqno;
	struct arg *sreply_port, *ureply_port;
	/* the subsystem-wide settings in force where the routine was declared */
	const char *user_prefix, *server_prefix, *default_waittime, *default_msgoption;
};

struct routine *routine_new(const char *name, bool simple, struct arg *args, struct loc loc);
struct arg *arg_new(const char *name, enum arg_kind kind, struct type *type, unsigned flags,
		    struct loc loc);
void routine_check(struct routine *r);

/* ---- the whole interface, filled by the parser ---- */
struct import {
	enum { IMP_BOTH, IMP_USER, IMP_SERVER } side;
	const char *text;	/* "file.h" or <file.h>, quotes kept */
	struct import *next;
};

struct statement {
	struct routine *routine;	/* NULL for skip */
	struct statement *next;
};

struct subsystem {
	const char *name;		/* NULL until "subsystem" is seen */
	struct loc loc;
	long base;
	bool kernel_user, kernel_server;
	const char *user_prefix, *server_prefix;
	const char *server_demux;
	const char *rcsid;
	const char *waittime;		/* default receive timeout expression */
	const char *msgoption;		/* default extra mach_msg options */
	struct import *imports;
	struct statement *stmts;
	int nroutines;			/* routines and skips */
};

extern struct subsystem subsystem;
void subsystem_reset(void);
int mig_compile(FILE *in, const char *name);	/* main.c: parse one stream */
void subsystem_add_import(int side, const char *text);
void subsystem_add_routine(struct routine *r);	/* NULL: skip */

/* ---- lexer / parser glue ---- */
extern struct loc cur_loc;
int parse_input(FILE *in, const char *name);	/* returns error count */

/* ---- output options (main.c) ---- */
struct options {
	const char *user_file, *server_file, *header_file, *sheader_file;
	const char *iheader_file;
	bool symtab;			/* -s */
	bool no_defaults;		/* -n */
	const char *prefix, *subrprefix;
};
extern struct options opts;

#endif
