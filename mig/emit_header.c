/*
 * emit_header.c — the user header (foo.h: prototypes of the user stubs) and
 * the server header (-sheader: prototypes of the routines a server writes,
 * the routine table and an inline lookup by msgh_id).
 */
#include <ctype.h>
#include <string.h>

#include "emit.h"

static void guard_open(const char *what)
{
	put("#ifndef _%s_%s_\n#define _%s_%s_\n\n", subsystem.name, what, subsystem.name, what);
}

static void common_includes(int side)
{
	put("#include <mach/kern_return.h>\n#include <mach/port.h>\n#include <mach/message.h>\n\n");
	if (side == IMP_SERVER)
		put("#include <mach/mig_errors.h>\n");
	emit_imports(side);
	put("\n");
}

static void prototype(const struct routine *r, enum side side)
{
	put("/* %s %s */\n", r->simple ? "SimpleRoutine" : "Routine", r->name);
	put("#ifdef\tmig_external\nmig_external\n#else\nextern\n#endif\n");
	put("kern_return_t %s\n(\n", side == SIDE_USER ? user_name(r) : server_name(r));
	print_params(r, side, ",\n", "\t");
	put("\n);\n\n");
}

void emit_user_header(const char *path)
{
	(void)path;
	emit_prelude("User interface");
	guard_open("user");
	common_includes(IMP_USER);
	for (const struct statement *s = subsystem.stmts; s; s = s->next)
		if (s->routine)
			prototype(s->routine, SIDE_USER);
	put("#endif\t/* not defined(_%s_user_) */\n", subsystem.name);
}

void emit_server_header(const char *path)
{
	const char *demux = demux_name();

	(void)path;
	emit_prelude("Server interface");
	guard_open("server");
	common_includes(IMP_SERVER);
	for (const struct statement *s = subsystem.stmts; s; s = s->next)
		if (s->routine)
			prototype(s->routine, SIDE_SERVER);
	put("/* Dispatches one request; FALSE when its id is not one of ours. */\n");
	put("extern boolean_t %s\n\t(mach_msg_header_t *InHeadP, mach_msg_header_t *OutHeadP);\n\n",
	    demux);
	put("extern mig_routine_t %s_routines[];\n\n", demux);
	put("/* The stub for a request, or 0 when its id is not one of ours. */\n");
	put("static __inline mig_routine_t %s_routine\n\t(const mach_msg_header_t *InHeadP)\n{\n",
	    demux);
	put("\tint msgh_id = InHeadP->msgh_id - %ld;\n\n", subsystem.base);
	put("\tif (msgh_id < 0 || msgh_id >= %d)\n\t\treturn 0;\n", subsystem.nroutines);
	put("\treturn %s_routines[msgh_id];\n}\n\n", demux);
	put("#endif\t/* not defined(_%s_server_) */\n", subsystem.name);
}
