/*
 * trap.c — the Mach trap table and the traps that need no other kernel subsystem:
 * mach_print and Portico's task-exit trap. IPC, task and VM traps are added here as
 * their subsystems arrive (mach_msg_trap, mach_reply_port, mach_task_self, ...).
 *
 * Conventions: a trap returns its kern_return_t (or its value) in the caller's rax.
 * User pointers are never dereferenced directly: they go through copyin/copyinstr,
 * which turn a bad address into an error.
 */
#include <kern/trap.h>
#include <kern/copy.h>
#include <kern/console.h>
#include <kern/options.h>
#include <kern/machine.h>
#include <kern/task.h>

#define KERN_SUCCESS 0
#define KERN_INVALID_ADDRESS 1

/* mach_print(const char *s): prints the user's string on the console. Bad or unmapped
 * memory anywhere before the terminating NUL returns KERN_INVALID_ADDRESS having
 * printed nothing: the string is measured first, then printed. */
static uint64_t trap_mach_print(const uint64_t *args)
{
	const uint64_t s = args[0];
	char chunk[256];
	uint64_t len = 0;

	for (;;) {
		long n = copyinstr_chunk(s + len, chunk, sizeof(chunk));
		if (n < 0)
			return KERN_INVALID_ADDRESS;
		len += (uint64_t)n;
		if ((size_t)n < sizeof(chunk))
			break;               /* found the NUL */
	}
	for (uint64_t done = 0; done < len;) {
		uint64_t n = len - done < sizeof(chunk) ? len - done : sizeof(chunk);
		if (copyin(s + done, chunk, n) != 0)
			return KERN_INVALID_ADDRESS;
		console_write(chunk, n);
		done += n;
	}
	return KERN_SUCCESS;
}

/* portico_task_exit(int status): the calling task ends (the C runtime's exit). Under
 * the test harness a non-zero status fails the run at once; a zero one passes it when
 * it was the last task and no task died of a fault (see the idle loop). */
static uint64_t trap_task_exit(const uint64_t *args)
{
	int status = (int)args[0];
	struct task *t = current_task();
	kprintf("kernel: task %d \"%s\" exited with status %d\n", t->id, t->name, status);
	if (kernel_options.test && status != 0)
		machine_halt(EXIT_TEST_FAIL);
	if (status == 0)
		tasks_exited_ok++;
	task_kill(t);
	return 0;       /* not reached: the calling thread ended with its task */
}

uint64_t trap_mach_msg(const uint64_t *args);
uint64_t trap_mach_reply_port(const uint64_t *args);
uint64_t trap_mach_task_self(const uint64_t *args);
uint64_t trap_mach_thread_self(const uint64_t *args);
uint64_t trap_mach_host_self(const uint64_t *args);
uint64_t trap_syscall_mach_port_allocate(const uint64_t *args);
uint64_t trap_syscall_mach_port_allocate_name(const uint64_t *args);
uint64_t trap_syscall_mach_port_deallocate(const uint64_t *args);
uint64_t trap_syscall_mach_port_insert_right(const uint64_t *args);
uint64_t trap_syscall_task_terminate(const uint64_t *args);
uint64_t trap_syscall_task_suspend(const uint64_t *args);
uint64_t trap_syscall_thread_depress_abort(const uint64_t *args);
uint64_t trap_swtch(const uint64_t *args);
uint64_t trap_swtch_pri(const uint64_t *args);
uint64_t trap_thread_switch(const uint64_t *args);

/* Numbers from GNU Mach's syscall_sw.h; [n] is trap -n. Argument counts are what the
 * handler reads: mach_msg_trap's seventh (`notify`, on the user stack) only serves the
 * obsolete MACH_SEND_NOTIFY/MACH_RCV_NOTIFY options, which are accepted and ignored,
 * so it is not fetched on every message. */
static const struct mach_trap mach_traps[MACH_TRAP_COUNT] = {
	[25] = { "mach_msg_trap", 6, trap_mach_msg },
	[26] = { "mach_reply_port", 0, trap_mach_reply_port },
	[27] = { "mach_thread_self", 0, trap_mach_thread_self },
	[28] = { "mach_task_self", 0, trap_mach_task_self },
	[29] = { "mach_host_self", 0, trap_mach_host_self },
	[30] = { "mach_print", 1, trap_mach_print },
	[59] = { "swtch_pri", 1, trap_swtch_pri },
	[60] = { "swtch", 0, trap_swtch },
	[61] = { "thread_switch", 3, trap_thread_switch },
	[69] = { "syscall_task_terminate", 1, trap_syscall_task_terminate },
	[70] = { "syscall_task_suspend", 1, trap_syscall_task_suspend },
	[72] = { "syscall_mach_port_allocate", 3, trap_syscall_mach_port_allocate },
	[73] = { "syscall_mach_port_deallocate", 2, trap_syscall_mach_port_deallocate },
	[74] = { "syscall_mach_port_insert_right", 4, trap_syscall_mach_port_insert_right },
	[75] = { "syscall_mach_port_allocate_name", 3, trap_syscall_mach_port_allocate_name },
	[76] = { "syscall_thread_depress_abort", 1, trap_syscall_thread_depress_abort },
	[100] = { "portico_task_exit", 1, trap_task_exit },
};

const struct mach_trap *mach_trap_lookup(int64_t number)
{
	if (number >= 0 || number <= -MACH_TRAP_COUNT)
		return NULL;
	const struct mach_trap *t = &mach_traps[-number];
	return t->fn ? t : NULL;
}
