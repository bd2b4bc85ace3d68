/*
 * start.c — from the initial stack to main, and from main's return to the end of the
 * task.
 */
#include "portico_traps.h"
#include <stdint.h>

int main(int argc, char **argv, char **envp);

__attribute__((noreturn)) void __portico_start(uint64_t *sp);

void __portico_start(uint64_t *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	portico_task_exit(main(argc, argv, envp));
}
