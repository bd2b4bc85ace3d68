/*
 * serial.c — COM1 (16550 UART at 0x3f8), 115200 8N1, polled. The first console: QEMU's
 * -serial connects it to the terminal or to the test harness's log.
 */
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/console_hw.h>

#define COM1 0x3f8
#define LSR_THR_EMPTY 0x20

void serial_init(void)
{
	outb(COM1 + 1, 0x00);     /* no interrupts */
	outb(COM1 + 3, 0x80);     /* DLAB: set the divisor */
	outb(COM1 + 0, 0x01);     /* 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03);     /* 8 bits, no parity, 1 stop */
	outb(COM1 + 2, 0xc7);     /* FIFOs on and cleared */
	outb(COM1 + 4, 0x03);     /* DTR, RTS */
}

void serial_putc(char c)
{
	/* Bounded wait: a missing or wedged UART must not hang the kernel. */
	for (int i = 0; i < 100000 && !(inb(COM1 + 5) & LSR_THR_EMPTY); i++)
		cpu_pause();
	outb(COM1, (uint8_t)c);
}
