/*
 * sched_traps.c — the scheduling traps: swtch, swtch_pri, thread_switch.
 *
 * swtch yields to any runnable thread of equal or better priority; swtch_pri also
 * lowers the caller's priority for a short while (depression) so lower threads run too;
 * thread_switch can hint which thread should run next and for how long to depress.
 * Each returns whether other threads could run (GNU Mach's boolean).
 */
#include <kern/sched.h>
#include <kern/task.h>
#include <kern/ipc_tt.h>
#include <kern/machine.h>
#include <ipc/right.h>
#include <mach/thread_switch.h>

#define DEPRESS_PRIORITY (NRQS - 1)

static void depress_end(void *arg)
{
	struct thread *th = arg;
	if (th->depressed) {
		th->depressed = false;
		sched_set_priority(th, th->base_priority);
	}
}

static void depress(struct thread *th, uint64_t ticks)
{
	th->depressed = true;
	sched_set_priority(th, DEPRESS_PRIORITY);
	timeout_set(&th->depress_timeout, machine_ticks() + (ticks ? ticks : 1), depress_end, th);
}

uint64_t trap_swtch(const uint64_t *args)
{
	(void)args;
	sched_yield();
	return 1;
}

uint64_t trap_swtch_pri(const uint64_t *args)
{
	(void)args;
	depress(current_thread(), 1);
	sched_yield();
	return 1;
}

/* thread_switch(thread_name, option, time_ms) */
uint64_t trap_thread_switch(const uint64_t *args)
{
	mach_port_name_t hint = (mach_port_name_t)args[0];
	int option = (int)args[1];
	uint64_t ms = args[2];
	struct thread *self = current_thread();
	if (option != SWITCH_OPTION_NONE && option != SWITCH_OPTION_DEPRESS &&
	    option != SWITCH_OPTION_WAIT)
		return KERN_INVALID_ARGUMENT;
	if (hint != MACH_PORT_NULL) {
		kern_return_t kr;
		struct ipc_port *p = ipc_right_port(current_space(), hint, false, &kr);
		struct thread *target = p && p->active && p->kotype == IKOT_THREAD ? p->kobject : NULL;
		if (target && target != self && target->state == THREAD_RUNNABLE) {
			/* Hand the CPU to the hinted thread directly. */
			if (option == SWITCH_OPTION_DEPRESS)
				depress(self, ms_to_ticks(ms));
			sched_yield_to(target);
			return KERN_SUCCESS;
		}
	}
	if (option == SWITCH_OPTION_DEPRESS)
		depress(self, ms_to_ticks(ms));
	if (option == SWITCH_OPTION_WAIT) {
		waitq_sleep(NULL, ms_to_ticks(ms) ? ms_to_ticks(ms) : 1, true);
		return KERN_SUCCESS;
	}
	sched_yield();
	return KERN_SUCCESS;
}

uint64_t trap_syscall_thread_depress_abort(const uint64_t *args)
{
	kern_return_t kr;
	struct ipc_port *p = ipc_right_port(current_space(), (mach_port_name_t)args[0], false, &kr);
	if (!p || !p->active || p->kotype != IKOT_THREAD)
		return KERN_INVALID_ARGUMENT;
	struct thread *th = p->kobject;
	timeout_cancel(&th->depress_timeout);
	depress_end(th);
	return KERN_SUCCESS;
}
