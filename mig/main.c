/*
 * main.c — the mig driver: reads GNU MIG's options, runs the C preprocessor
 * on each .defs file (${CPP:-cpp} with the -D/-I/-U/... options it does not
 * know itself), parses the result, and writes the user stubs, the server
 * stubs and the headers.  Nothing is written for a file with errors.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "emit.h"

struct options opts;
static const char *list_file;
static bool saw_md;		/* -MD: cpp writes BASE.d, rewritten to BASE-mig.d */
static const char **cpp_args;
static int ncpp_args;


static void usage(FILE *f)
{
	fputs("Usage: mig [OPTION]... [FILE]...\n"
	      "Generate Mach RPC stubs from interface definition files.\n\n"
	      "  -user FILE      user stubs (default: SUBSYSTEMUser.c)\n"
	      "  -server FILE    server stubs (default: SUBSYSTEMServer.c)\n"
	      "  -header FILE    user header (default: SUBSYSTEM.h)\n"
	      "  -sheader FILE   server header (default: none)\n"
	      "  -list FILE      list of routines and message ids\n"
	      "  -prefix P       prefix for every external name\n"
	      "  -subrprefix P   prefix for mach_msg and the mig_* support calls\n"
	      "  -n              write only the files named by options\n"
	      "  -q / -Q         suppress / print warnings (default -Q)\n"
	      "  -v / -V         verbose / silent (default -V)\n"
	      "  -s / -S         symbol table in the server stubs / none (default -S)\n"
	      "Other options (-D, -I, -U, ...) go to the preprocessor: ${CPP:-cpp}.\n", f);
}

static void add_cpp_arg(const char *a)
{
	const char **n = xcalloc((size_t)ncpp_args + 2, sizeof *n);

	if (ncpp_args)
		memcpy(n, cpp_args, (size_t)ncpp_args * sizeof *n);
	n[ncpp_args++] = a;
	cpp_args = n;
}

static const char *need_value(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		fprintf(stderr, "mig: %s needs a value\n", argv[*i]);
		exit(1);
	}
	return argv[++*i];
}

/* Returns the index of the first file argument. */
static int parse_options(int argc, char **argv, const char ***files, int *nfiles)
{
	*files = xcalloc((size_t)argc, sizeof **files);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-user")) opts.user_file = need_value(argc, argv, &i);
		else if (!strcmp(a, "-server")) opts.server_file = need_value(argc, argv, &i);
		else if (!strcmp(a, "-header")) opts.header_file = need_value(argc, argv, &i);
		else if (!strcmp(a, "-sheader")) opts.sheader_file = need_value(argc, argv, &i);
		else if (!strcmp(a, "-iheader")) opts.iheader_file = need_value(argc, argv, &i);
		else if (!strcmp(a, "-list")) list_file = need_value(argc, argv, &i);
		else if (!strcmp(a, "-prefix")) opts.prefix = need_value(argc, argv, &i);
		else if (!strcmp(a, "-subrprefix")) opts.subrprefix = need_value(argc, argv, &i);
		else if (!strcmp(a, "-q")) quiet_warnings = true;
		else if (!strcmp(a, "-Q")) quiet_warnings = false;
		else if (!strcmp(a, "-v")) verbose = true;
		else if (!strcmp(a, "-V")) verbose = false;
		else if (!strcmp(a, "-s")) opts.symtab = true;
		else if (!strcmp(a, "-S")) opts.symtab = false;
		else if (!strcmp(a, "-n")) opts.no_defaults = true;
		else if (!strcmp(a, "-t") || !strcmp(a, "-T") || !strcmp(a, "-r") || !strcmp(a, "-R"))
			;	/* GNU MIG accepts these and ignores them */
		else if (!strcmp(a, "-i")) {
			fprintf(stderr, "mig: -i (one file per routine) is not supported\n");
			exit(1);
		} else if (!strcmp(a, "--version")) {
			puts("mig (Portico) 0.1, compatible with GNU MIG 1.8");
			exit(0);
		} else if (!strcmp(a, "--help")) {
			usage(stdout);
			exit(0);
		} else if (!strcmp(a, "-imacros") || !strcmp(a, "-isystem") || !strcmp(a, "-include")) {
			add_cpp_arg(a);
			add_cpp_arg(need_value(argc, argv, &i));
		} else if (a[0] == '-' && a[1]) {
			if (!strcmp(a, "-MD"))
				saw_md = true;
			add_cpp_arg(a);
		} else {
			(*files)[(*nfiles)++] = a;
		}
	}
	return 0;
}

/* Runs the preprocessor on path and returns a stream of its output. */
static FILE *run_cpp(const char *path, pid_t *pid)
{
	const char *cpp = getenv("CPP");
	char *words = xstrdup(cpp && *cpp ? cpp : "cpp");
	const char **argv = xcalloc((size_t)ncpp_args + strlen(words) + 3, sizeof *argv);
	int argc = 0, fds[2];

	for (char *w = strtok(words, " \t"); w; w = strtok(NULL, " \t"))
		argv[argc++] = w;
	for (int i = 0; i < ncpp_args; i++)
		argv[argc++] = cpp_args[i];
	argv[argc++] = path;
	if (pipe(fds) < 0 || (*pid = fork()) < 0) {
		perror("mig: cpp");
		exit(1);
	}
	if (*pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execvp(argv[0], (char **)argv);
		fprintf(stderr, "mig: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	return fdopen(fds[0], "r");
}

static FILE *open_out(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		fprintf(stderr, "mig: cannot write %s: %s\n", path, strerror(errno));
		exit(1);
	}
	return f;
}

static void write_file(const char *path, void (*emit)(const char *), const char *arg)
{
	if (!path || !strcmp(path, "/dev/null"))
		return;
	out = open_out(path);
	emit(arg);
	if (fclose(out) != 0) {
		fprintf(stderr, "mig: error writing %s\n", path);
		exit(1);
	}
}

static void emit_user_h(const char *a) { emit_user_header(a); }
static void emit_server_h(const char *a) { emit_server_header(a); }
static void emit_user_c(const char *a) { emit_user(a); }
static void emit_server_c(const char *a) { (void)a; emit_server(); }

static void emit_list(const char *a)
{
	(void)a;
	for (const struct statement *s = subsystem.stmts; s; s = s->next)
		if (s->routine)
			fprintf(out, "%s %ld %s %d %ld %ld\n", subsystem.name, subsystem.base,
				s->routine->name, s->routine->number, request_id(s->routine),
				request_id(s->routine) + 100);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* Like GNU MIG: BASE.d from cpp -MD names the .defs' includes for an object
 * file; BASE-mig.d names them for the files mig wrote. */
static void rewrite_deps(const char *path, const char *outputs)
{
	const char *b = base_name(path);
	const char *dot = strrchr(b, '.');
	char *base = xstrdup(b);
	FILE *in, *o;
	int c;

	if (dot)
		base[dot - b] = 0;
	in = fopen(xasprintf("%s.d", base), "r");
	if (!in)
		return;
	o = open_out(xasprintf("%s-mig.d", base));
	fprintf(o, "%s:", outputs);
	while ((c = fgetc(in)) != EOF && c != ':')
		;
	while ((c = fgetc(in)) != EOF)
		fputc(c, o);
	fclose(in);
	fclose(o);
	remove(xasprintf("%s.d", base));
}

static const char *join_outputs(const char **files, int n)
{
	const char *s = "";

	for (int i = 0; i < n; i++)
		if (files[i] && strcmp(files[i], "/dev/null"))
			s = xasprintf("%s %s", s, files[i]);
	return s;
}

static const char *write_outputs(void)
{
	const char *d = opts.no_defaults ? NULL : subsystem.name;
	const char *user = opts.user_file ? opts.user_file : d ? xasprintf("%sUser.c", d) : NULL;
	const char *server = opts.server_file ? opts.server_file :
			     d ? xasprintf("%sServer.c", d) : NULL;
	const char *header = opts.header_file ? opts.header_file : d ? xasprintf("%s.h", d) : NULL;
	const char *all[] = { header, user, server, opts.sheader_file, list_file };

	write_file(header, emit_user_h, header);
	write_file(opts.sheader_file, emit_server_h, opts.sheader_file);
	write_file(user, emit_user_c, header ? base_name(header) : NULL);
	write_file(server, emit_server_c, NULL);
	write_file(list_file, emit_list, NULL);
	return join_outputs(all, 5);
}

static void report_verbose(void)
{
	for (const struct statement *s = subsystem.stmts; s; s = s->next) {
		const struct routine *r = s->routine;

		if (!r) {
			fprintf(stderr, "skip\n");
			continue;
		}
		fprintf(stderr, "%s %s (id %ld):", r->simple ? "simpleroutine" : "routine",
			r->name, request_id(r));
		for (const struct arg *a = r->args; a; a = a->next)
			fprintf(stderr, " %s:%s", a->name, a->type->name);
		fputc('\n', stderr);
	}
}

/* Parses one preprocessed stream; 0 when it was correct. */
int mig_compile(FILE *in, const char *name)
{
	subsystem_reset();
	types_init();
	error_count = 0;
	parse_input(in, name);
	if (!error_count && !subsystem.name && subsystem.stmts)
		error_at(cur_loc, "routines need a subsystem statement first");
	return error_count;
}

static int process(const char *path)
{
	pid_t pid = 0;
	int status = 0;
	FILE *in = path ? run_cpp(path, &pid) : stdin;
	int errors = mig_compile(in, path ? path : "<stdin>");

	if (path) {
		fclose(in);
		waitpid(pid, &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "mig: the preprocessor failed on %s\n", path);
			return 1;
		}
	}
	if (errors)
		return 1;
	if (verbose)
		report_verbose();
	if (!subsystem.name) {
		warn_at(cur_loc, "no subsystem statement: nothing to generate");
		return 0;
	}
	{
		const char *outputs = write_outputs();

		if (saw_md && path)
			rewrite_deps(path, outputs);
	}
	return 0;
}

#ifndef MIG_NO_MAIN
int main(int argc, char **argv)
{
	const char **files;
	int nfiles = 0, rc = 0;

	parse_options(argc, argv, &files, &nfiles);
	if (nfiles == 0)
		return process(NULL);
	for (int i = 0; i < nfiles; i++)
		if (process(strcmp(files[i], "-") ? files[i] : NULL))
			rc = 1;
	return rc;
}
#endif
