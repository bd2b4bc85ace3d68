/*
 * gsync.c — gnumach.defs's gsync_wait / gsync_wake / gsync_requeue between two threads
 * (each with its own reply port, through libmach's thread-local storage): wake one,
 * broadcast, requeue, mutate, time-out, interruption, and gsync_wait's error codes for
 * bad addresses and mismatching values — GNU Mach's. (gsync_wake and gsync_requeue are
 * simpleroutines: their effects are what can be checked.)
 */
//! expect '^guest: [0-9]+ checks, 0 failed$'
#include "guest.h"
#include "guest_mach.h"
#include <stddef.h>
#include <mach/mig_support.h>
#include <mach/mach_interface.h>
#include <mach/mach_port.h>
#include <mach/gnumach.h>
#include <mach/machine/thread_status.h>

#define GSYNC_SHARED    0x01
#define GSYNC_QUAD      0x02
#define GSYNC_TIMED     0x04
#define GSYNC_BROADCAST 0x08
#define GSYNC_MUTATE    0x10

static mach_port_t self;
static volatile uint32_t word_a, word_b;
static volatile uint64_t quad;
static volatile int waiting, done;
static volatile kern_return_t result;
static volatile uint32_t *wait_on;
static volatile int wait_flags;
static char stack[2][16384] __attribute__((aligned(16)));
static uint64_t tls_block[2][4];

static void waiter(void)
{
	for (;;) {
		while (!waiting)
			swtch();
		result = gsync_wait(self, (vm_address_t)wait_on, 0, 0, 2000, wait_flags);
		waiting = 0;
		done++;
	}
}

static mach_port_t start_waiter(int i)
{
	mach_port_t th = guest_thread_create(waiter, stack[i], sizeof(stack[i]));
	CHECK_EQ(mig_thread_tls_setup(th, tls_block[i], sizeof(tls_block[i])), KERN_SUCCESS);
	CHECK_EQ(thread_resume(th), KERN_SUCCESS);
	return th;
}

/* Lets the waiter block in gsync_wait on *w. */
static void park(volatile uint32_t *w, int flags)
{
	int before = done;
	wait_on = w;
	wait_flags = flags;
	waiting = 1;
	for (int i = 0; i < 5; i++)
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 1);
	CHECK_EQ(done, before);           /* it is asleep, not back */
}

static void settle(int expected_done)
{
	for (int i = 0; i < 200 && done < expected_done; i++)
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 1);
	CHECK_EQ(done, expected_done);
}

static void check_errors(void)
{
	CHECK_EQ(gsync_wait(self, (vm_address_t)&word_a + 1, 0, 0, 0, 0), KERN_INVALID_ADDRESS);
	CHECK_EQ(gsync_wait(self, 0x10000000, 0, 0, 0, 0), KERN_INVALID_ADDRESS);
	CHECK_EQ(gsync_wait(self, (vm_address_t)&word_a, 7, 0, 0, 0), KERN_INVALID_ARGUMENT);
	quad = 0x0000000200000001ull;
	CHECK_EQ(gsync_wait(self, (vm_address_t)&quad, 1, 3, 0, GSYNC_QUAD), KERN_INVALID_ARGUMENT);
	CHECK_EQ(gsync_wait(self, (vm_address_t)&word_a, 0, 0, 20, GSYNC_TIMED), KERN_TIMEDOUT);
	/* gsync_wake and gsync_requeue are simpleroutines in GNU Mach's interface: the
	 * caller sees only whether the request was sent, so their effects are checked. */
	CHECK_EQ(gsync_wake(self, (vm_address_t)&word_a, 0, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(gsync_wake(self, (vm_address_t)&word_a, 0x55, GSYNC_MUTATE), MACH_MSG_SUCCESS);
	CHECK_EQ(word_a, 0x55);           /* stored even with nobody waiting */
	word_a = 0;
	uint8_t text = *(volatile uint8_t *)check_errors;
	CHECK_EQ(gsync_wake(self, (vm_address_t)check_errors, 1, GSYNC_MUTATE), MACH_MSG_SUCCESS);
	CHECK_EQ(*(volatile uint8_t *)check_errors, text);   /* read-only text is not written */
	CHECK_EQ(gsync_requeue(self, (vm_address_t)&word_a, (vm_address_t)&word_b, FALSE, 0),
		 MACH_MSG_SUCCESS);
	CHECK_EQ(gsync_wake(0x4545, (vm_address_t)&word_a, 0, 0), MACH_SEND_INVALID_DEST);
}

int main(void)
{
	self = mach_task_self();
	CHECK_EQ(mig_tls_setup(), KERN_SUCCESS);
	check_errors();
	mach_port_t th = start_waiter(0);

	park(&word_a, 0);
	CHECK_EQ(gsync_wake(self, (vm_address_t)&word_a, 0, 0), MACH_MSG_SUCCESS);
	settle(1);
	CHECK_EQ(result, KERN_SUCCESS);

	/* Requeue moves the waiter from a to b: a wake on a finds nobody, on b it does. */
	park(&word_a, 0);
	CHECK_EQ(gsync_requeue(self, (vm_address_t)&word_a, (vm_address_t)&word_b, FALSE, 0), MACH_MSG_SUCCESS);
	gsync_wake(self, (vm_address_t)&word_a, 0, 0);     /* nobody waits on a any more */
	for (int i = 0; i < 3; i++)
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 1);
	CHECK_EQ(done, 1);
	CHECK_EQ(gsync_wake(self, (vm_address_t)&word_b, 0, 0), MACH_MSG_SUCCESS);
	settle(2);
	CHECK_EQ(result, KERN_SUCCESS);

	/* Shared keys (physical address) meet too; broadcast wakes the waiter. */
	park(&word_b, GSYNC_SHARED);
	gsync_wake(self, (vm_address_t)&word_b, 0, 0);     /* a private key does not match */
	for (int i = 0; i < 3; i++)
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 1);
	CHECK_EQ(done, 2);
	CHECK_EQ(gsync_wake(self, (vm_address_t)&word_b, 9, GSYNC_SHARED | GSYNC_BROADCAST | GSYNC_MUTATE),
		 MACH_MSG_SUCCESS);
	settle(3);
	CHECK_EQ(word_b, 9);

	/* thread_abort interrupts the wait. */
	word_b = 0;
	park(&word_b, 0);
	CHECK_EQ(thread_abort(th), KERN_SUCCESS);
	settle(4);
	CHECK_EQ(result, KERN_INTERRUPTED);
	CHECK_EQ(thread_terminate(th), KERN_SUCCESS);
	return guest_finish();
}
