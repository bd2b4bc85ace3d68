/*
 * hello.c — the first user task `make run` boots: it proves the kernel loaded an ELF
 * program into its own address space, runs it in ring 3 and serves its traps.
 */
#include "portico_traps.h"

int main(int argc, char **argv)
{
	mach_print("Hello from Portico's first user task!\n");
	mach_print("  my arguments:");
	for (int i = 0; i < argc; i++) {
		mach_print(" ");
		mach_print(argv[i]);
	}
	mach_print("\n");
	return 0;
}
