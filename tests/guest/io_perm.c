/*
 * io_perm.c — mach_i386.defs: I/O-port permissions for user-space drivers. An io_perm
 * made from the device master port opens a range of ports for a task; port I/O then
 * works, and faults again once the range is closed. Bad masters and ranges, and the
 * descriptor calls Portico refuses, get their codes. The io_perm object goes with its
 * last send right (the kernel's leak check at the end would see it otherwise).
 */
//! expect_exit=idle
//! expect '^guest: [0-9]+ checks, 0 failed$'
//! expect '^task 1 "io_perm": general protection fault \(#GP\) at rip 0x40[0-9a-f]+, .*task terminated$'
//! expect '^kernel: allocator statistics are back to where they were before the first task$'
#include "guest.h"
#include <mach/mach_interface.h>
#include <mach/mach_port.h>
#include <mach/mach_i386.h>

#define DEVICE_MASTER 2         /* the bootstrap task's second right */

static inline void outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" :: "a"(v), "Nd"(port)); }
static inline uint8_t inb(uint16_t port) { uint8_t v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }

int main(void)
{
	mach_port_t self = mach_task_self(), perm = MACH_PORT_NULL, bad;
	vm_size_t size = 0;
	CHECK_EQ(i386_get_xstate_size(mach_host_self(), &size), KERN_SUCCESS);
	CHECK(size >= 512);

	CHECK_EQ(i386_io_perm_create(mach_host_self(), 0x70, 0x71, &bad), KERN_INVALID_ARGUMENT);
	CHECK_EQ(i386_io_perm_create(DEVICE_MASTER, 0x71, 0x70, &bad), KERN_INVALID_ARGUMENT);
	CHECK_EQ(i386_io_perm_create(DEVICE_MASTER, 0x70, 0x71, &perm), KERN_SUCCESS);
	CHECK(MACH_PORT_VALID(perm));
	CHECK_EQ(i386_io_perm_modify(self, perm, TRUE), KERN_SUCCESS);

	/* The CMOS clock's status register A: reading it is harmless. */
	outb(0x70, 0x0a);
	uint8_t a = inb(0x71);
	CHECK((a & 0x70) != 0x70 || a != 0xff);     /* a plausible value, and no fault */

	mach_port_t me = mach_thread_self();
	descriptor_t desc;
	int selector = 0;
	CHECK_EQ(i386_set_gdt(me, &selector, desc), KERN_INVALID_ARGUMENT);
	CHECK_EQ(i386_get_gdt(me, 0x28, &desc), KERN_INVALID_ARGUMENT);

	CHECK_EQ(i386_io_perm_modify(self, perm, FALSE), KERN_SUCCESS);
	CHECK_EQ(mach_port_deallocate(self, perm), KERN_SUCCESS);   /* the object goes */
	guest_finish();
	outb(0x70, 0x0a);                           /* closed again: #GP */
	mach_print("not reached\n");
	return 1;
}
