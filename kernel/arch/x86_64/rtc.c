/*
 * rtc.c — the time of day at boot, from the CMOS real-time clock (read once; the clock
 * tick counts from there). Waits out an update in progress and reads twice until two
 * reads agree, so a read never straddles an update.
 */
#include <arch/x86_64/cpu.h>
#include <kern/machine.h>

static uint64_t boot_seconds;

static uint8_t cmos(uint8_t reg)
{
	outb(0x70, reg);
	return inb(0x71);
}

static unsigned from_bcd(unsigned v, int bcd)
{
	return bcd ? (v & 15) + (v >> 4) * 10 : v;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static uint64_t days_since_epoch(unsigned y, unsigned m, unsigned d)
{
	static const unsigned before[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
	uint64_t days = 365ull * (y - 1970) + (y - 1969) / 4 - (y - 1901) / 100 + (y - 1601) / 400;
	days += before[m - 1] + d - 1;
	if (m > 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		days++;
	return days;
}

static void read_once(uint8_t r[6])
{
	for (int i = 0; i < 100000 && (cmos(0x0a) & 0x80); i++)
		cpu_pause();
	const uint8_t regs[6] = { 0x00, 0x02, 0x04, 0x07, 0x08, 0x09 };
	for (int i = 0; i < 6; i++)
		r[i] = cmos(regs[i]);
}

void rtc_init(void)
{
	uint8_t a[6], b[6];
	int tries = 0;
	do {
		read_once(a);
		read_once(b);
	} while ((a[0] != b[0] || a[1] != b[1] || a[2] != b[2]) && ++tries < 5);
	uint8_t status_b = cmos(0x0b);
	int bcd = !(status_b & 0x04);
	unsigned sec = from_bcd(b[0], bcd), min = from_bcd(b[1], bcd);
	unsigned hour = from_bcd(b[2] & 0x7f, bcd);
	if (!(status_b & 0x02) && (b[2] & 0x80))
		hour = (hour % 12) + 12;             /* 12-hour clock, PM */
	unsigned day = from_bcd(b[3], bcd), month = from_bcd(b[4], bcd);
	unsigned year = 2000 + from_bcd(b[5], bcd);
	if (month < 1 || month > 12 || day < 1 || day > 31) {
		boot_seconds = 0;                    /* nonsense from the clock: start at the epoch */
		return;
	}
	boot_seconds = days_since_epoch(year, month, day) * 86400 + hour * 3600 + min * 60 + sec;
}

uint64_t machine_boot_time(void)
{
	return boot_seconds;
}
