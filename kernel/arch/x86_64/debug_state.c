/*
 * debug_state.c — per-thread hardware breakpoints and watchpoints: the i386_DEBUG_STATE
 * flavor of thread_get_state / thread_set_state, loading the debug registers at a
 * switch, and DR6 on a debug exception (see debug_state.h).
 *
 * The flavor is GNU Mach's: eight 32-bit words, DR0..DR7. Only what a user thread may
 * use is accepted: local enables (L0-L3, LE, GE), execution breakpoints of length 1 and
 * data breakpoints (write, or read/write) of 1, 2, 4 or 8 bytes, each lying in user
 * space. Global enables, general detect and I/O breakpoints are the kernel's and are
 * refused with KERN_INVALID_ARGUMENT.
 */
#include <arch/x86_64/debug_state.h>
#include <arch/x86_64/layout.h>
#include <kern/thread.h>
#include <kern/string.h>
#include <mach/kern_return.h>
#include <mach/machine/thread_status.h>

#define DR7_LOCAL_ENABLES 0x55u       /* L0..L3 */
#define DR7_GLOBAL_ENABLES 0xaau      /* G0..G3: the kernel's */
#define DR7_LE_GE 0x300u
#define DR7_GD (1u << 13)
#define DR7_RW_LEN_SHIFT 16

static void load_dr(int n, uint64_t v)
{
	switch (n) {
	case 0: __asm__ volatile("mov %0, %%dr0" :: "r"(v)); break;
	case 1: __asm__ volatile("mov %0, %%dr1" :: "r"(v)); break;
	case 2: __asm__ volatile("mov %0, %%dr2" :: "r"(v)); break;
	case 3: __asm__ volatile("mov %0, %%dr3" :: "r"(v)); break;
	case 6: __asm__ volatile("mov %0, %%dr6" :: "r"(v)); break;
	case 7: __asm__ volatile("mov %0, %%dr7" :: "r"(v)); break;
	}
}

static uint64_t read_dr6(void)
{
	uint64_t v;
	__asm__ volatile("mov %%dr6, %0" : "=r"(v));
	return v;
}

/* Bytes covered by a breakpoint's LEN field (00: 1, 01: 2, 11: 4, 10: 8). */
static unsigned len_bytes(unsigned len)
{
	static const unsigned bytes[4] = { 1, 2, 8, 4 };
	return bytes[len & 3];
}

static bool valid_state(const struct i386_debug_state *s)
{
	uint32_t dr7 = s->dr[7];
	if (dr7 & (DR7_GLOBAL_ENABLES | DR7_GD))
		return false;
	if (dr7 & ~(DR7_LOCAL_ENABLES | DR7_LE_GE | 0xffff0000u))
		return false;
	for (int i = 0; i < 4; i++) {
		if (!(dr7 & (1u << (2 * i))))
			continue;
		unsigned rw = (dr7 >> (DR7_RW_LEN_SHIFT + 4 * i)) & 3;
		unsigned len = (dr7 >> (DR7_RW_LEN_SHIFT + 4 * i + 2)) & 3;
		if (rw == 2)
			return false;                 /* I/O breakpoints */
		if (rw == 0 && len != 0)
			return false;                 /* execution breakpoints have length 1 */
		uint64_t addr = s->dr[i];
		unsigned n = len_bytes(len);
		if ((addr & (n - 1)) || !user_range_ok(addr, n))
			return false;
	}
	return true;
}

kern_return_t debug_get_state(struct thread *th, unsigned *state, unsigned *count)
{
	if (*count < i386_DEBUG_STATE_COUNT)
		return KERN_INVALID_ARGUMENT;
	struct i386_debug_state s = { 0 };
	for (int i = 0; i < 8; i++)
		s.dr[i] = (unsigned)th->debug_regs[i];
	memcpy(state, &s, sizeof(s));
	*count = i386_DEBUG_STATE_COUNT;
	return KERN_SUCCESS;
}

kern_return_t debug_set_state(struct thread *th, const unsigned *state, unsigned count)
{
	struct i386_debug_state s;
	if (count < i386_DEBUG_STATE_COUNT)
		return KERN_INVALID_ARGUMENT;
	memcpy(&s, state, sizeof(s));
	if (!valid_state(&s))
		return KERN_INVALID_ARGUMENT;
	for (int i = 0; i < 4; i++)
		th->debug_regs[i] = s.dr[i];
	th->debug_regs[4] = th->debug_regs[5] = 0;
	th->debug_regs[6] = s.dr[6];
	th->debug_regs[7] = s.dr[7];
	if (th == current_thread())
		debug_load(th);
	return KERN_SUCCESS;
}

void debug_load(struct thread *th)
{
	if (!(th->debug_regs[7] & DR7_LOCAL_ENABLES)) {
		load_dr(7, 0);
		return;
	}
	load_dr(7, 0);                        /* nothing armed while the addresses change */
	for (int i = 0; i < 4; i++)
		load_dr(i, th->debug_regs[i]);
	load_dr(7, th->debug_regs[7]);
}

uint64_t debug_trap_status(struct thread *th)
{
	uint64_t dr6 = read_dr6();
	load_dr(6, 0);                        /* DR6 bits are sticky: clear for the next one */
	if (th)
		th->debug_regs[6] = dr6 & 0xffffffffu;
	return dr6;
}
