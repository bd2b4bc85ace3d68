/*
 * parser.y — the grammar of MIG interface definitions.
 *
 * Entry point: parse_input().  Each statement is handed on as soon as it is
 * read: types go to types.c (type_build/type_define), routines to routine.c
 * (routine_check) and then into the subsystem's list.  A syntax error skips
 * to the next ';' so that one run reports several mistakes.
 */
%define api.prefix {mig_yy}
%define parse.error verbose
%locations

%code requires {
#include "mig.h"
}

%{
#include <string.h>

#include "mig.h"
#include "parser.h"

int mig_yylex(void);
void lexer_start(FILE *in, const char *name);
void lexer_finish(void);

static void mig_yyerror(const char *msg);
static struct type_spec *spec_new(enum spec_kind kind);
static struct type_attrs *attrs_merge(struct type_attrs *a, struct type_attrs *b);
static long fold(long a, int op, long b);
static void set_once(const char **slot, const char *value, const char *what);
static struct type_spec *ipc_spec(int in, int out);
static int ident_msgt(const char *name);

#define YYLLOC_DEFAULT(cur, rhs, n) ((void)(rhs), (void)(n), (cur) = (MIG_YYLTYPE){0, 0, 0, 0})
%}

%union {
	long num;
	char *str;
	struct type *type;
	struct type_spec *spec;
	struct type_attrs *attrs;
	struct arg *arg;
	struct field *field;
	unsigned flags;
	int kind;
	struct { int in, out; } ipc;
}

%token syRoutine sySimpleRoutine syProcedure sySubsystem syKernelUser syKernelServer
%token syMsgOption syMsgSeqno syWaitTime syNoWaitTime
%token syIn syOut syInOut syRequestPort syReplyPort sySReplyPort syUReplyPort
%token syUserPrefix syServerPrefix syServerDemux syRCSId
%token syImport syUImport sySImport syDImport syIImport
%token syType syArray syOf syStruct syCString syPolymorphic sySkip
%token syDealloc syNotDealloc syServerCopy syCountInOut
%token syCType syCUserType syCServerType syInTran syOutTran syDestructor syInTranPayload
%token <num> syNumber
%token <str> syIdent syString

%type <num> IntExp
%type <str> Name
%type <type> ArgType
%type <spec> TypeSpec ArrayPrefix
%type <attrs> Attrs Attr
%type <arg> Args ArgList Arg
%type <field> Fields Field
%type <flags> ArgFlags ArgFlag
%type <kind> Direction ImportKind
%type <ipc> IPCType
%type <num> PrimIPC IPCHead

%left '+' '-'
%left '*' '/'

%%

File:	  %empty
	| File Statement
	;

Statement:
	  Subsystem ';'
	| WaitTime ';'
	| MsgOption ';'
	| UserPrefix ';'
	| ServerPrefix ';'
	| ServerDemux ';'
	| TypeDecl ';'
	| RoutineDecl ';'
	| sySkip ';'			{ subsystem_add_routine(NULL); }
	| Import ';'
	| RCSDecl ';'
	| ';'
	| error ';'			{ yyerrok; }
	;

Subsystem:
	  sySubsystem SubsystemMods syIdent IntExp
		{
		  if (subsystem.name)
			error_at(cur_loc, "subsystem %s already declared at %s:%d",
				 subsystem.name, subsystem.loc.file, subsystem.loc.line);
		  else if (subsystem.stmts)
			error_at(cur_loc, "subsystem must come before any routine or skip");
		  else {
			subsystem.name = $3;
			subsystem.loc = cur_loc;
			subsystem.base = $4;
		  }
		}
	;

SubsystemMods:
	  %empty
	| SubsystemMods syKernelUser	{ subsystem.kernel_user = true; }
	| SubsystemMods syKernelServer	{ subsystem.kernel_server = true; }
	;

WaitTime:
	  syWaitTime Name	{ subsystem.waittime = $2; }
	| syWaitTime syNumber	{ subsystem.waittime = xasprintf("%ld", $2); }
	| syNoWaitTime		{ subsystem.waittime = NULL; }
	;

MsgOption:
	  syMsgOption Name	{ subsystem.msgoption = $2; }
	;

UserPrefix:	syUserPrefix Name	{ subsystem.user_prefix = $2; } ;
ServerPrefix:	syServerPrefix Name	{ subsystem.server_prefix = $2; } ;
ServerDemux:	syServerDemux Name	{ subsystem.server_demux = $2; } ;
RCSDecl:	syRCSId syString	{ subsystem.rcsid = $2; } ;

Import:	  ImportKind syString	{ subsystem_add_import($1, $2); }
	;

ImportKind:
	  syImport	{ $$ = IMP_BOTH; }
	| syUImport	{ $$ = IMP_USER; }
	| sySImport	{ $$ = IMP_SERVER; }
	| syDImport	{ $$ = IMP_BOTH; }
	| syIImport	{ $$ = IMP_USER; }
	;

/* A name where GNU MIG also takes a keyword-looking word (prefixes, macros). */
Name:	  syIdent
	;

TypeDecl:
	  syType syIdent '=' TypeSpec Attrs
		{
		  struct type *t = type_build($2, $4, $5, $4 ? $4->loc : cur_loc);
		  type_define(t ? t : type_broken($2, cur_loc));
		}
	;

TypeSpec:
	  IPCHead
		{ $$ = ipc_spec((int)$1, (int)$1); }
	| IPCHead '|' PrimIPC
		{ $$ = ipc_spec((int)$1, (int)$3); }
	| syIdent '|' PrimIPC
		{ $$ = ipc_spec(ident_msgt($1), (int)$3); }
	| '(' IPCType ',' IntExp ')'
		{ $$ = ipc_spec($2.in, $2.out); $$->bits = $4; }
	| '(' IPCType ',' IntExp ',' syDealloc ')'
		{ $$ = ipc_spec($2.in, $2.out); $$->bits = $4; $$->ipc_dealloc = true; }
	| syIdent
		{
		  int n = msgt_lookup($1);
		  if (n != MSGT_NONE) {
			$$ = ipc_spec(n, n);
		  } else {
			$$ = spec_new(SPEC_NAMED);
			$$->named = type_lookup($1);
			if (!$$->named)
				error_at(cur_loc, "type '%s' not defined", $1);
		  }
		}
	| ArrayPrefix TypeSpec		{ $$ = $1; $$->inner = $2; }
	| '^' TypeSpec			{ $$ = spec_new(SPEC_POINTER); $$->inner = $2; }
	| syStruct '{' Fields '}'	{ $$ = spec_new(SPEC_STRUCT_FIELDS); $$->fields = $3; }
	| syCString '[' IntExp ']'
		{ $$ = spec_new(SPEC_CSTRING); $$->count = $3; }
	| syCString '[' '*' ':' IntExp ']'
		{ $$ = spec_new(SPEC_CSTRING); $$->count = $5; $$->varying = true; }
	;

ArrayPrefix:
	  syArray '[' ']' syOf			{ $$ = spec_new(SPEC_VARRAY); $$->count = 0; }
	| syArray '[' '*' ']' syOf		{ $$ = spec_new(SPEC_VARRAY); $$->count = 0; }
	| syArray '[' '*' ':' IntExp ']' syOf	{ $$ = spec_new(SPEC_VARRAY); $$->count = $5;
						  if ($5 <= 0) error_at(cur_loc, "array bound must be positive"); }
	| syArray '[' IntExp ']' syOf		{ $$ = spec_new(SPEC_ARRAY); $$->count = $3; }
	| syStruct '[' IntExp ']' syOf		{ $$ = spec_new(SPEC_STRUCT_ARRAY); $$->count = $3; }
	;

/* "A" or "A|B": the name a sender uses and the name its receiver sees. */
IPCType:
	  PrimIPC			{ $$.in = (int)$1; $$.out = (int)$1; }
	| PrimIPC '|' PrimIPC		{ $$.in = (int)$1; $$.out = (int)$3; }
	;

IPCHead:  syNumber			{ $$ = $1; }
	| syPolymorphic			{ $$ = MSGT_POLY; }
	;

PrimIPC:  IPCHead			{ $$ = $1; }
	| syIdent			{ $$ = ident_msgt($1); }
	;

Fields:	  %empty		{ $$ = NULL; }
	| Field Fields		{ $$ = $1; $$->next = $2; }
	;

Field:	  syIdent syIdent ';'
		{
		  $$ = xcalloc(1, sizeof *$$);
		  $$->name = $2;
		  $$->type = type_lookup($1);
		  if (!$$->type)
			error_at(cur_loc, "type '%s' not defined", $1);
		}
	| syIdent syIdent '[' IntExp ']' ';'
		{
		  struct type_spec *a = spec_new(SPEC_ARRAY), *e = spec_new(SPEC_NAMED);
		  $$ = xcalloc(1, sizeof *$$);
		  $$->name = $2;
		  e->named = type_lookup($1);
		  if (!e->named)
			error_at(cur_loc, "type '%s' not defined", $1);
		  a->count = $4;
		  a->inner = e;
		  $$->type = e->named ? type_build(NULL, a, NULL, cur_loc) : NULL;
		}
	;

Attrs:	  %empty		{ $$ = xcalloc(1, sizeof *$$); }
	| Attrs Attr		{ $$ = attrs_merge($1, $2); }
	;

Attr:	  syCType syIdent	{ $$ = xcalloc(1, sizeof *$$); $$->ctype = $2; }
	| syCUserType syIdent	{ $$ = xcalloc(1, sizeof *$$); $$->user_ctype = $2; }
	| syCServerType syIdent	{ $$ = xcalloc(1, sizeof *$$); $$->server_ctype = $2; }
	| syInTran syIdent syIdent '(' syIdent ')'
		{ $$ = xcalloc(1, sizeof *$$); $$->intran_type = $2; $$->intran_fn = $3; $$->intran_arg = $5; }
	| syOutTran syIdent syIdent '(' syIdent ')'
		{ $$ = xcalloc(1, sizeof *$$); $$->outtran_type = $2; $$->outtran_fn = $3; $$->outtran_arg = $5; }
	| syDestructor syIdent '(' syIdent ')'
		{ $$ = xcalloc(1, sizeof *$$); $$->destructor_fn = $2; $$->destructor_arg = $4; }
	| syInTranPayload syIdent syIdent
		{ $$ = xcalloc(1, sizeof *$$); $$->payload_type = $2; $$->payload_fn = $3; }
	;

RoutineDecl:
	  syRoutine syIdent '(' Args ')'
		{ subsystem_add_routine(routine_new($2, false, $4, cur_loc)); }
	| sySimpleRoutine syIdent '(' Args ')'
		{ subsystem_add_routine(routine_new($2, true, $4, cur_loc)); }
	| syProcedure syIdent '(' Args ')'
		{ error_at(cur_loc, "procedures and functions are not supported; use routine or simpleroutine"); }
	;

Args:	  %empty		{ $$ = NULL; }
	| ArgList		{ $$ = $1; }
	;

ArgList:  Arg			{ $$ = $1; }
	| Arg ';' ArgList	{ $$ = $1; $$->next = $3; }
	;

Arg:	  Direction syIdent ':' ArgType ArgFlags
		{ $$ = arg_new($2, (enum arg_kind)$1, $4, $5, cur_loc); }
	;

Direction:
	  %empty		{ $$ = AK_IN; }
	| syIn			{ $$ = AK_IN; }
	| syOut			{ $$ = AK_OUT; }
	| syInOut		{ $$ = AK_INOUT; }
	| syRequestPort		{ $$ = AK_REQUEST_PORT; }
	| syReplyPort		{ $$ = AK_REPLY_PORT; }
	| sySReplyPort		{ $$ = AK_SREPLY_PORT; }
	| syUReplyPort		{ $$ = AK_UREPLY_PORT; }
	| syWaitTime		{ $$ = AK_WAITTIME; }
	| syMsgOption		{ $$ = AK_MSGOPTION; }
	| syMsgSeqno		{ $$ = AK_MSGSEQNO; }
	;

/* A type name, or a type made on the spot: "name = spec attributes". */
ArgType:
	  syIdent
		{
		  $$ = type_lookup($1);
		  if (!$$)
			error_at(cur_loc, "type '%s' not defined", $1);
		}
	| syIdent '=' TypeSpec Attrs
		{ $$ = type_build($1, $3, $4, cur_loc); }
	;

ArgFlags:
	  %empty			{ $$ = 0; }
	| ArgFlags ',' ArgFlag		{ $$ = $1 | $3; }
	;

ArgFlag:  syDealloc			{ $$ = AF_DEALLOC; }
	| syDealloc '[' ']'		{ $$ = AF_DEALLOC_IF; }
	| syNotDealloc			{ $$ = AF_NOTDEALLOC; }
	| syServerCopy			{ $$ = AF_SERVERCOPY; }
	| syCountInOut			{ $$ = AF_COUNTINOUT; }
	;

IntExp:	  syNumber			{ $$ = $1; }
	| IntExp '+' IntExp		{ $$ = fold($1, '+', $3); }
	| IntExp '-' IntExp		{ $$ = fold($1, '-', $3); }
	| IntExp '*' IntExp		{ $$ = fold($1, '*', $3); }
	| IntExp '/' IntExp		{ $$ = fold($1, '/', $3); }
	| '(' IntExp ')'		{ $$ = $2; }
	;

%%

static void mig_yyerror(const char *msg)
{
	error_at(cur_loc, "%s", msg);
}

static struct type_spec *spec_new(enum spec_kind kind)
{
	struct type_spec *s = xcalloc(1, sizeof *s);

	s->kind = kind;
	s->loc = cur_loc;
	s->bits = -1;
	s->count = -1;
	return s;
}

/* The sender uses the first name, the receiver sees what the second becomes. */
static struct type_spec *ipc_spec(int in, int out)
{
	struct type_spec *s = spec_new(SPEC_IPC);

	s->in_name = msgt_sent(in);
	s->out_name = msgt_received(out);
	return s;
}

static int ident_msgt(const char *name)
{
	int n = msgt_lookup(name);

	if (n == MSGT_NONE) {
		error_at(cur_loc, "'%s' is not a MACH_MSG_TYPE_* name", name);
		n = 2;
	}
	return n;
}

static void set_once(const char **slot, const char *value, const char *what)
{
	if (!value)
		return;
	if (*slot)
		error_at(cur_loc, "%s given twice", what);
	*slot = value;
}

static struct type_attrs *attrs_merge(struct type_attrs *a, struct type_attrs *b)
{
	set_once(&a->ctype, b->ctype, "ctype");
	set_once(&a->user_ctype, b->user_ctype, "cusertype");
	set_once(&a->server_ctype, b->server_ctype, "cservertype");
	if (b->intran_fn) {
		set_once(&a->intran_fn, b->intran_fn, "intran");
		a->intran_type = b->intran_type;
		a->intran_arg = b->intran_arg;
	}
	if (b->outtran_fn) {
		set_once(&a->outtran_fn, b->outtran_fn, "outtran");
		a->outtran_type = b->outtran_type;
		a->outtran_arg = b->outtran_arg;
	}
	if (b->destructor_fn) {
		set_once(&a->destructor_fn, b->destructor_fn, "destructor");
		a->destructor_arg = b->destructor_arg;
	}
	if (b->payload_fn) {
		set_once(&a->payload_fn, b->payload_fn, "intranpayload");
		a->payload_type = b->payload_type;
	}
	return a;
}

/* Constant folding with the overflow and division checks a fuzzer will want. */
static long fold(long a, int op, long b)
{
	long r;

	switch (op) {
	case '+': if (__builtin_add_overflow(a, b, &r)) goto big; break;
	case '-': if (__builtin_sub_overflow(a, b, &r)) goto big; break;
	case '*': if (__builtin_mul_overflow(a, b, &r)) goto big; break;
	default:
		if (b == 0) {
			error_at(cur_loc, "division by zero");
			return 0;
		}
		r = a / b;
	}
	if (r > 0x7fffffffL || r < -0x7fffffffL)
		goto big;
	return r;
big:
	error_at(cur_loc, "constant expression overflows");
	return 0;
}

int parse_input(FILE *in, const char *name)
{
	lexer_start(in, name);
	mig_yyparse();
	lexer_finish();
	return error_count;
}
