/*
 * mig_fuzz.c — libFuzzer target over mig's lexer, grammar, type checker and
 * emitters: any byte string is a .defs file (as cpp would hand it over).
 * Errors must be reported, never crash; outputs go to /dev/null.
 */
#include <stdint.h>
#include <stdio.h>

#include "emit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *in = fmemopen((void *)data, size, "r");
	static FILE *null;

	if (!in)
		return 0;
	if (!null)
		null = fopen("/dev/null", "w");
	quiet_warnings = true;
	if (mig_compile(in, "fuzz.defs") == 0 && subsystem.name) {
		out = null;
		emit_user_header("fuzz.h");
		emit_server_header("fuzz_S.h");
		emit_user("fuzz.h");
		emit_server();
	}
	fclose(in);
	mem_release_all();
	return 0;
}
