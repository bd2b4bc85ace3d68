/*
 * vga.c — the VGA text screen (80x25 at physical 0xb8000), a second console for people
 * watching the QEMU window. Scrolls; no cursor updates.
 */
#include <arch/x86_64/console_hw.h>
#include <arch/x86_64/layout.h>
#include <stdint.h>

#define COLS 80
#define ROWS 25
#define ATTR 0x0700

static volatile uint16_t *screen;
static int row, col;

void vga_init(void)
{
	screen = phys_to_virt(0xb8000);
	for (int i = 0; i < COLS * ROWS; i++)
		screen[i] = ATTR | ' ';
	row = col = 0;
}

static void scroll(void)
{
	for (int i = 0; i < COLS * (ROWS - 1); i++)
		screen[i] = screen[i + COLS];
	for (int i = COLS * (ROWS - 1); i < COLS * ROWS; i++)
		screen[i] = ATTR | ' ';
	row = ROWS - 1;
}

void vga_putc(char c)
{
	if (!screen)
		return;
	if (c == '\n') {
		col = 0;
		if (++row == ROWS)
			scroll();
		return;
	}
	if (c == '\r') {
		col = 0;
		return;
	}
	if (c == '\t') {
		col = (col + 8) & ~7;
		if (col < COLS)
			return;
		c = ' ';
	}
	if (col >= COLS) {
		col = 0;
		if (++row == ROWS)
			scroll();
	}
	screen[row * COLS + col++] = ATTR | (uint8_t)c;
}
