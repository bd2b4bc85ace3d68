/*
 * test_mig.c — host tests of mig through its command line: every syntax,
 * type and semantic error is reported as "file:line: message" with a
 * non-zero exit, and every reference .defs generates stubs that compile
 * with -Wall -Wextra -Werror.
 */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[] = "/tmp/migtestXXXXXX";

/* Runs mig on text (as file bad.defs); returns its exit status and output. */
static int run_mig(const char *text, char *outbuf, size_t outlen)
{
	char path[256], cmd[1024];
	FILE *f;
	size_t n;
	int status;

	snprintf(path, sizeof path, "%s/bad.defs", tmpdir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "cd %s && CPP='gcc -E -x c' %s -n bad.defs 2>&1", tmpdir, MIG_PATH);
	f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	n = fread(outbuf, 1, outlen - 1, f);
	outbuf[n] = 0;
	status = pclose(f);
	return WEXITSTATUS(status);
}

#define PRE "subsystem s 100;\ntype mach_port_t = MACH_MSG_TYPE_COPY_SEND;\ntype int32_t = MACH_MSG_TYPE_INTEGER_32;\n"

struct bad_case {
	const char *text;
	const char *expect;	/* substring of the output: "bad.defs:LINE: ..." */
};

static const struct bad_case bad[] = {
	{ PRE "routine r(p: mach_port_t\n", "bad.defs:5: syntax error" },
	{ PRE "routine r(p: mach_port_t; x: nosuch);\n", "bad.defs:4: type 'nosuch' not defined" },
	{ PRE "type t = array[0] of int32_t;\n", "bad.defs:4: a fixed array needs at least one element" },
	{ PRE "type t = (MACH_MSG_TYPE_INTEGER_32, 12);\n", "bad.defs:4: size 12 bits" },
	{ PRE "type t = MACH_MSG_TYPE_STRING;\n", "bad.defs:4: MACH_MSG_TYPE_STRING_C needs an explicit size" },
	{ PRE "routine r(p: mach_port_t);\nroutine r(p: mach_port_t);\n", "bad.defs:5: routine r already defined" },
	{ PRE "routine r(p: mach_port_t; a: int32_t; a: int32_t);\n", "bad.defs:4: r: argument a declared twice" },
	{ PRE "simpleroutine r(p: mach_port_t; out a: int32_t);\n", "a simpleroutine cannot have out arguments" },
	{ PRE "routine r(p: int32_t);\n", "request port p must be a port" },
	{ PRE "routine r();\n", "needs a request port" },
	{ PRE "type t = ^array[*:4] of int32_t;\n", "an out-of-line array cannot have a bound" },
	{ PRE "type t = array[4/0] of int32_t;\n", "bad.defs:4: division by zero" },
	{ PRE "type t = array[99999999999] of int32_t;\n", "is too large" },
	{ PRE "routine r(p: mach_port_t; a: int32_t, CountInOut);\n", "CountInOut applies" },
	{ PRE "type t = int32_t ctype: a ctype: b;\n", "ctype given twice" },
	{ PRE "routine r(p: mach_port_t; x: int32_t) $\n", "stray character '$'" },
	{ "routine r(p: mach_port_t);\n", "not defined" },
	{ PRE "subsystem again 200;\n", "subsystem s already declared" },
	{ PRE "procedure p(a: mach_port_t);\n", "procedures and functions are not supported" },
	{ PRE "type t = struct { nosuch a; };\n", "type 'nosuch' not defined" },
	{ PRE "/* unterminated\n", "unterminated comment" },
	{ PRE "#include \"nonexistent.defs\"\n", "preprocessor failed" },
	{ PRE "#define E type e = nosuch;\n#define E10 E E E E E E E E E E\nE10 E10 E10 E10 E10 E10\n",
	  "too many errors, giving up" },
};

START_TEST(test_bad_input)
{
	char out[8192];
	int rc = run_mig(bad[_i].text, out, sizeof out);

	ck_assert_msg(rc != 0, "case %d: exit 0, output:\n%s", _i, out);
	ck_assert_msg(strstr(out, bad[_i].expect) != NULL, "case %d: wanted \"%s\" in:\n%s", _i,
		      bad[_i].expect, out);
}
END_TEST

/* The line in a message is the original file's, through cpp's markers. */
START_TEST(test_error_in_included_file)
{
	char out[8192], path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/inc.defs", tmpdir);
	f = fopen(path, "w");
	fputs("\n\ntype broken = array[ of int;\n", f);
	fclose(f);
	ck_assert_int_ne(run_mig(PRE "#include \"inc.defs\"\n", out, sizeof out), 0);
	ck_assert_msg(strstr(out, "inc.defs:3: syntax error") != NULL, "%s", out);
}
END_TEST

/* Runs a shell command in tmpdir; returns its exit status. */
static int sh(const char *fmt, const char *arg)
{
	char cmd[2048], body[1536];

	snprintf(body, sizeof body, fmt, arg);
	snprintf(cmd, sizeof cmd, "cd %s && %s", tmpdir, body);
	return WEXITSTATUS(system(cmd));
}

#define OK_DEFS PRE "routine r(p: mach_port_t; out x: int32_t);\nskip;\nsimpleroutine q(p: mach_port_t);\n"

/* Without -user/-server/-header, files are named after the subsystem. */
START_TEST(test_default_outputs)
{
	char out[4096];

	ck_assert_int_eq(run_mig(OK_DEFS, out, sizeof out), 0);	/* -n: nothing */
	ck_assert_int_ne(sh("test -e sUser.c", ""), 0);
	ck_assert_int_eq(sh("CPP='gcc -E -x c' %s bad.defs && test -s sUser.c && test -s sServer.c "
			    "&& test -s s.h && ! test -e s_S.h", MIG_PATH), 0);
}
END_TEST

/* -list names each routine with its ids; -prefix reaches every external name. */
START_TEST(test_list_and_prefix)
{
	char out[4096];

	ck_assert_int_eq(run_mig(OK_DEFS, out, sizeof out), 0);
	ck_assert_int_eq(sh("%s -n -list l.txt bad.defs && grep -qx 's 100 r 0 100 200' l.txt && "
			    "grep -qx 's 100 q 2 102 202' l.txt", MIG_PATH), 0);
	ck_assert_int_eq(sh("%s -n -prefix P_ -subrprefix S_ -sheader h.h -server s.c -user u.c bad.defs && "
			    "grep -q 'kern_return_t P_r' h.h && grep -q 'P_s_server_routines' h.h && "
			    "grep -q 'S_mach_msg' u.c && grep -q 'boolean_t P_s_server' s.c", MIG_PATH), 0);
}
END_TEST

/* A file of types only (std_types.defs) is checked and generates nothing. */
START_TEST(test_types_only_file)
{
	ck_assert_int_eq(sh("mkdir -p t && cd t && CPP='gcc -E -x c' %s -I" REFERENCE_DIR
			    "/usr/include/x86_64-linux-gnu " REFERENCE_DIR
			    "/usr/include/x86_64-linux-gnu/mach/std_types.defs 2>err && "
			    "grep -q 'nothing to generate' err && ! ls *.c 2>/dev/null", MIG_PATH), 0);
}
END_TEST

static const char *good_defs[] = {
	"mach/mach.defs", "mach/mach_port.defs", "mach/mach_host.defs", "mach/gnumach.defs",
	"mach/mach4.defs", "mach/exc.defs", "mach/notify.defs", "mach/memory_object.defs",
	"mach/memory_object_default.defs", "mach/default_pager.defs", "mach/experimental.defs",
	"mach/task_notify.defs", "mach/x86_64/mach_i386.defs", "device/device.defs",
	"device/device_reply.defs", "device/device_request.defs", "mach_debug/mach_debug.defs",
};

static void good(const char *defs, const char *extra)
{
	char cmd[4096];
	const char *inc = REFERENCE_DIR "/usr/include/x86_64-linux-gnu";

	snprintf(cmd, sizeof cmd,
		 "set -e; d=$(mktemp -d %s/goodXXXXXX); cd $d; "
		 "CPP='gcc -E -x c' %s %s -I%s -sheader out_S.h -user outUser.c -server outServer.c "
		 "-header out.h %s%s%s; "
		 "for c in outUser.c outServer.c; do gcc -std=gnu11 -Wall -Wextra -Werror -c "
		 "-I%s -I%s -I. %s $c -o /dev/null; done",
		 tmpdir, MIG_PATH, extra, inc, defs[0] == '/' ? "" : inc, defs[0] == '/' ? "" : "/",
		 defs, STUB_INCLUDE, inc, extra);
	ck_assert_msg(system(cmd) == 0, "%s (%s) did not generate compilable stubs", defs, extra);
}

START_TEST(test_reference_defs_compile)
{
	good(good_defs[_i], "");
}
END_TEST

START_TEST(test_reference_defs_seqnos)
{
	good(good_defs[_i], "-DSEQNOS=1");
}
END_TEST

static const char *xasprintf_dir(void)
{
	static char flag[300];

	snprintf(flag, sizeof flag, "-I%s", tmpdir);
	return flag;
}

/* Argument names that a careless generator would also use for its locals. */
START_TEST(test_awkward_names_compile)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/awk.defs", tmpdir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("subsystem awk 500;\n#include <mach/std_types.defs>\nimport \"awk_types.h\";\n"
	      "type s_t = c_string[*:16];\n"
	      "type a_t = array[*:8] of mach_port_t;\n"
	      "type u_t = array[] of int;\n"
	      "routine r(p: mach_port_t; q: int; t: int; d: int; end: s_t; out i: a_t;\n"
	      "\tout n: u_t; inout desc: int; out ptr: mach_port_poly_t);\n"
	      "simpleroutine s(reply_port: mach_port_t; msg_result: int; Mess: s_t);\n", f);
	fclose(f);
	snprintf(path, sizeof path, "%s/awk_types.h", tmpdir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("#include <mach/std_types.h>\ntypedef char s_t[16];\ntypedef const char *const_s_t;\n"
	      "typedef mach_port_t a_t[8];\ntypedef int *u_t;\ntypedef const int *const_u_t;\n", f);
	fclose(f);
	snprintf(path, sizeof path, "%s/awk.defs", tmpdir);
	good(path, xasprintf_dir());
}
END_TEST

static void setup(void)
{
	static bool made;	/* once for all test cases */

	if (!made)
		ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	made = true;
}

int main(void)
{
	Suite *s = suite_create("mig");
	TCase *tc = tcase_create("errors");
	TCase *tg = tcase_create("reference");
	SRunner *sr;
	int failed;
	char cmd[128];

	tcase_add_unchecked_fixture(tc, setup, NULL);
	tcase_add_unchecked_fixture(tg, setup, NULL);
	tcase_add_loop_test(tc, test_bad_input, 0, sizeof bad / sizeof bad[0]);
	tcase_add_test(tc, test_error_in_included_file);
	tcase_add_test(tc, test_default_outputs);
	tcase_add_test(tc, test_list_and_prefix);
	tcase_add_test(tc, test_types_only_file);
	tcase_add_loop_test(tg, test_reference_defs_compile, 0, sizeof good_defs / sizeof good_defs[0]);
	tcase_add_loop_test(tg, test_reference_defs_seqnos, 0, sizeof good_defs / sizeof good_defs[0]);
	tcase_add_test(tg, test_awkward_names_compile);
	tcase_set_timeout(tg, 60);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, tg);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
