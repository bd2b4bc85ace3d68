/*
 * exit_status.c — a task's exit status reaches the harness: a non-zero status is a
 * failed run (this test expects exactly that, so the harness cannot pass failures).
 */
//! expect_exit=fail
//! expect 'kernel: task 1 "exit_status" exited with status 3'
#include "guest.h"

int main(void)
{
	mach_print("exiting with status 3\n");
	return 3;
}
