/*
 * console_hw.h — the console devices of the x86_64 machine layer.
 */
#ifndef ARCH_X86_64_CONSOLE_HW_H
#define ARCH_X86_64_CONSOLE_HW_H

void serial_init(void);
void serial_putc(char c);
void vga_init(void);
void vga_putc(char c);

#endif
