/*
 * leakcheck.h — comparing the kernel's allocator statistics with a baseline: objects in
 * use per zone, and pages in use outside zones (zone pages are kept by their zones, so
 * they are not counted). Taken before the first user task exists and checked when the
 * last one has gone, every test run under the harness is also a leak test.
 */
#ifndef KERN_LEAKCHECK_H
#define KERN_LEAKCHECK_H

void leakcheck_baseline(void);
/* Prints one line per difference ("kernel: leak: ...") or a line saying there is none;
 * returns the number of differences. */
int leakcheck_report(void);

#endif
