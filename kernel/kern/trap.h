/*
 * trap.h — the Mach trap table: numbers, argument counts and handlers of the traps a
 * user thread reaches with the `syscall` instruction (GNU Mach's numbering, from the
 * reference syscall_sw.h). The machine layer decodes arguments and calls trap_dispatch.
 */
#ifndef KERN_TRAP_H
#define KERN_TRAP_H

#include <stdint.h>

#define MACH_TRAP_MAX_ARGS 11
#define MACH_TRAP_COUNT 128          /* traps -1 .. -127 */

typedef uint64_t (*mach_trap_fn)(const uint64_t *args);

struct mach_trap {
	const char *name;
	int nargs;
	mach_trap_fn fn;
};

/* Portico's own trap, outside GNU Mach's numbering (which ends at -95): the calling
 * task ends with a status; under the test harness the status ends the run. */
#define PORTICO_TRAP_TASK_EXIT (-100)

/* NULL for an unknown trap number: the caller raises an invalid-opcode fault. */
const struct mach_trap *mach_trap_lookup(int64_t number);

/* mach_msg_trap (-25): the trap every RPC takes, so the machine layer calls
 * mach_msg_trap_entry (ipc/rpc_fast.c) straight from the registers (the timeout, the
 * sixth argument, is not needed there), skipping the table and the argument array. It
 * tries the RPC path and on its way out does what every return to user mode needs
 * (machine_trap_return_work, when the thread must stop, die or yield). When the RPC
 * path does not apply it changes nothing and returns MACH_MSG_TRAP_GENERAL (no
 * mach_msg_return_t has that value): the machine layer then dispatches the trap through
 * the table, from the frame, to mach_msg_trap_call (the general trap, ipc/mach_msg.c). */
#define MACH_MSG_TRAP_NUMBER (-25)
#define MACH_MSG_TRAP_GENERAL UINT64_MAX
/* What mach_msg_trap_entry returns after machine_trap_return_work: the result is in
 * the frame, which is marked to be restored whole. */
#define MACH_MSG_TRAP_IN_FRAME (UINT64_MAX - 1)
uint64_t mach_msg_trap_entry(uint64_t msg, int32_t option, uint32_t send_size, uint32_t rcv_size,
			     uint32_t rcv_name);
uint64_t mach_msg_trap_call(uint64_t msg, int32_t option, uint32_t send_size, uint32_t rcv_size,
			    uint32_t rcv_name, uint32_t timeout);
/* The machine layer's part of a return to user mode that needs work: `result` goes to
 * the trap frame first, so that a thread stopped on its way out shows it; the frame is
 * then restored whole on the way out (see MACH_MSG_TRAP_IN_FRAME). */
void machine_trap_return_work(uint64_t result);

#endif
