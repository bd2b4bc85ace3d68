/*
 * trap_registers.c — the trap ABI: a trap returns its result in rax, may clobber rcx and
 * r11 (syscall/sysret use them), and preserves every other register.
 */
//! expect 'registers-ok'
//! expect '^guest: [0-9]+ checks, 0 failed'
#include "guest.h"
#include <stdint.h>

static const char msg[] = "registers-ok\n";

int main(void)
{
	uint64_t out[12];
	uint64_t rax;
	/* Step over the red zone before pushing: the compiler may keep data there. */
	__asm__ volatile(
		"subq $128, %%rsp\n\t"
		"push %%rbx\n\t" "push %%rbp\n\t" "push %%r12\n\t"
		"push %%r13\n\t" "push %%r14\n\t" "push %%r15\n\t"
		"push %%rdi\n\t"
		"movq $0x1111, %%rbx\n\t" "movq $0x2222, %%rbp\n\t"
		"movq $0x3333, %%r12\n\t" "movq $0x4444, %%r13\n\t"
		"movq $0x5555, %%r14\n\t" "movq $0x6666, %%r15\n\t"
		"movq $0x7777, %%rdx\n\t" "movq $0x8888, %%r8\n\t"
		"movq $0x9999, %%r9\n\t" "movq $0xaaaa, %%r10\n\t"
		"movq $0xbbbb, %%rsi\n\t"
		"leaq %[msg], %%rdi\n\t"
		"movq $-30, %%rax\n\t"
		"syscall\n\t"
		"movq %%rdi, %%rcx\n\t"          /* rdi: the message pointer, unchanged */
		"popq %%rdi\n\t"                 /* the out[] pointer */
		"movq %%rbx, 0(%%rdi)\n\t" "movq %%rbp, 8(%%rdi)\n\t"
		"movq %%r12, 16(%%rdi)\n\t" "movq %%r13, 24(%%rdi)\n\t"
		"movq %%r14, 32(%%rdi)\n\t" "movq %%r15, 40(%%rdi)\n\t"
		"movq %%rdx, 48(%%rdi)\n\t" "movq %%r8, 56(%%rdi)\n\t"
		"movq %%r9, 64(%%rdi)\n\t" "movq %%r10, 72(%%rdi)\n\t"
		"movq %%rsi, 80(%%rdi)\n\t" "movq %%rcx, 88(%%rdi)\n\t"
		"pop %%r15\n\t" "pop %%r14\n\t" "pop %%r13\n\t"
		"pop %%r12\n\t" "pop %%rbp\n\t" "pop %%rbx\n\t"
		"addq $128, %%rsp\n\t"
		: "=a"(rax)
		: "D"(out), [msg] "m"(msg)
		: "rcx", "rdx", "rsi", "r8", "r9", "r10", "r11", "memory");
	CHECK_EQ(rax, 0);
	const uint64_t want[11] = { 0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666,
				    0x7777, 0x8888, 0x9999, 0xaaaa, 0xbbbb };
	for (int i = 0; i < 11; i++)
		CHECK_EQ(out[i], want[i]);
	CHECK_EQ(out[11], (uint64_t)(uintptr_t)msg);
	return guest_finish();
}
