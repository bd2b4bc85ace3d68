/*
 * rpc_emulation_vector.c — a task's system-call emulation vector (mach.defs:
 * task_set_emulation_vector, task_set_emulation, and task_get_emulation_vector, whose
 * reply carries the vector out of line), through the user stubs (ours, or GNU MIG's
 * in foreign-rpc_emulation_vector.elf), kept as GNU Mach keeps it: none at first;
 * setting entries widens the vector to cover the old range and the new one, zeros
 * between; a child task shares its parent's vector until either sets entries; an empty
 * vector keeps its start. Arrays arrive at fresh page-aligned addresses (0 when empty).
 * Bad ports get GNU Mach's codes (EML_BAD_TASK for a port that names no task), and
 * repeated calls keep nothing.
 */
//! expect '^guest: [0-9]+ checks, 0 failed$'
//! expect '^kernel: allocator statistics are back to where they were before the first task$'
#include "guest.h"
#include <stddef.h>
#include <mach/mach_interface.h>
#include <mach/mach_port.h>
#include <mach/vm_statistics.h>

#define PAGE 4096ul
#define EML_BAD_TASK 0x8001            /* GNU Mach's (err_kern | err_sub(2)) | 1 */

static mach_port_t self;

/* The vector of `task`, which must start at `start` and have n entries, where a reply's
 * array must be: at a page boundary, or 0 when empty. *got is what came. */
static emulation_vector_t get_vector(mach_port_t task, int start, mach_msg_type_number_t n,
				     mach_msg_type_number_t *got)
{
	int got_start = -1;
	emulation_vector_t v = NULL;
	*got = 99;
	CHECK_EQ(task_get_emulation_vector(task, &got_start, &v, got), KERN_SUCCESS);
	CHECK_EQ(got_start, start);
	CHECK_EQ(*got, n);
	CHECK_EQ((vm_address_t)v % PAGE, 0);
	CHECK_EQ(v == NULL, *got == 0);
	return v;
}

static void put_vector(emulation_vector_t v, mach_msg_type_number_t n)
{
	if (v)
		CHECK_EQ(vm_deallocate(self, (vm_address_t)v, n * sizeof(*v)), KERN_SUCCESS);
}

/* The vector of `task` must be exactly start, want[0..n). */
static void check_vector(mach_port_t task, int start, const vm_offset_t *want,
			 mach_msg_type_number_t n)
{
	mach_msg_type_number_t got;
	emulation_vector_t v = get_vector(task, start, n, &got);
	for (mach_msg_type_number_t i = 0; v && i < n && i < got; i++)
		CHECK_EQ(v[i], want[i]);
	put_vector(v, got);
}

static void check_widening(void)
{
	check_vector(self, 0, NULL, 0);               /* none yet */
	vm_offset_t abc[] = { 0x1000a, 0x1000b, 0x1000c }, de[] = { 0x2000d, 0x2000e };
	vm_offset_t f[] = { 0x3000f };
	CHECK_EQ(task_set_emulation_vector(self, 5, abc, 3), KERN_SUCCESS);
	check_vector(self, 5, abc, 3);
	CHECK_EQ(task_set_emulation_vector(self, 7, de, 2), KERN_SUCCESS);
	check_vector(self, 5, (vm_offset_t[]){ 0x1000a, 0x1000b, 0x2000d, 0x2000e }, 4);
	CHECK_EQ(task_set_emulation_vector(self, 2, f, 1), KERN_SUCCESS);
	check_vector(self, 2, (vm_offset_t[]){ 0x3000f, 0, 0, 0x1000a, 0x1000b, 0x2000d, 0x2000e }, 7);
	CHECK_EQ(task_set_emulation(self, 0x44444, 4), KERN_SUCCESS);
	check_vector(self, 2, (vm_offset_t[]){ 0x3000f, 0, 0x44444, 0x1000a, 0x1000b, 0x2000d,
					       0x2000e }, 7);
	/* Nothing set, yet the range still grows to take in the empty range [10, 10). */
	CHECK_EQ(task_set_emulation_vector(self, 10, NULL, 0), KERN_SUCCESS);
	check_vector(self, 2, (vm_offset_t[]){ 0x3000f, 0, 0x44444, 0x1000a, 0x1000b, 0x2000d,
					       0x2000e, 0 }, 8);
}

/* Entry i of the vector of `task`, which must start at `start` and have n entries. */
static void check_entry(mach_port_t task, int start, mach_msg_type_number_t n, unsigned i,
			vm_offset_t want)
{
	mach_msg_type_number_t got;
	emulation_vector_t v = get_vector(task, start, n, &got);
	CHECK_EQ(v && i < got ? v[i] : 0, want);
	put_vector(v, got);
}

/* A child shares the vector it was created with (its parent's, whatever inherit_memory
 * says, and still when the parent is gone); after either sets an entry each has its
 * own. Our vector is [2, 10) from check_widening; entry 0 widens it to [0, 10). */
static void check_inheritance(void)
{
	mach_port_t child = MACH_PORT_NULL, other = MACH_PORT_NULL;
	CHECK_EQ(task_set_emulation(self, 0x600001, 0), KERN_SUCCESS);
	CHECK_EQ(task_create(self, FALSE, &child), KERN_SUCCESS);
	check_entry(child, 0, 10, 0, 0x600001);
	check_entry(child, 0, 10, 4, 0x44444);
	CHECK_EQ(task_set_emulation(child, 0x700002, 0), KERN_SUCCESS);
	check_entry(child, 0, 10, 0, 0x700002);
	check_entry(self, 0, 10, 0, 0x600001);
	CHECK_EQ(task_set_emulation(self, 0x800003, 0), KERN_SUCCESS);
	check_entry(child, 0, 10, 0, 0x700002);
	check_entry(self, 0, 10, 0, 0x800003);
	CHECK_EQ(task_create(child, TRUE, &other), KERN_SUCCESS);
	check_entry(other, 0, 10, 0, 0x700002);
	CHECK_EQ(task_terminate(child), KERN_SUCCESS);
	CHECK_EQ(mach_port_deallocate(self, child), KERN_SUCCESS);
	check_entry(other, 0, 10, 0, 0x700002);
	CHECK_EQ(task_terminate(other), KERN_SUCCESS);
	CHECK_EQ(mach_port_deallocate(self, other), KERN_SUCCESS);
}

/* Before we have a vector: a child has none either; setting nothing gives it an empty
 * one, which keeps its start. */
static void check_empty(void)
{
	mach_port_t bare = MACH_PORT_NULL;
	CHECK_EQ(task_create(self, FALSE, &bare), KERN_SUCCESS);
	check_vector(bare, 0, NULL, 0);
	CHECK_EQ(task_set_emulation_vector(bare, 10, NULL, 0), KERN_SUCCESS);
	check_vector(bare, 10, NULL, 0);
	CHECK_EQ(task_set_emulation(bare, 0x9999, 12), KERN_SUCCESS);
	check_vector(bare, 10, (vm_offset_t[]){ 0, 0, 0x9999 }, 3);
	CHECK_EQ(task_terminate(bare), KERN_SUCCESS);
	CHECK_EQ(mach_port_deallocate(self, bare), KERN_SUCCESS);
}

static void check_errors(void)
{
	mach_port_t me = mach_thread_self(), host = mach_host_self();
	mach_port_t dead = MACH_PORT_NULL;
	CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_DEAD_NAME, &dead), KERN_SUCCESS);
	int start = 0;
	emulation_vector_t v = NULL;
	mach_msg_type_number_t n = 0;
	vm_offset_t one[] = { 1 };
	CHECK_EQ(task_get_emulation_vector(me, &start, &v, &n), EML_BAD_TASK);
	CHECK_EQ(task_get_emulation_vector(host, &start, &v, &n), EML_BAD_TASK);
	CHECK_EQ(task_set_emulation_vector(me, 0, one, 1), EML_BAD_TASK);
	CHECK_EQ(task_set_emulation(host, 0x1000, 1), EML_BAD_TASK);
	CHECK_EQ(task_get_emulation_vector(dead, &start, &v, &n), MACH_SEND_INVALID_DEST);
	CHECK_EQ(task_set_emulation(MACH_PORT_NULL, 0x1000, 1), MACH_SEND_INVALID_DEST);
	CHECK_EQ(mach_port_deallocate(self, dead), KERN_SUCCESS);
	CHECK_EQ(mach_port_deallocate(self, me), KERN_SUCCESS);
	CHECK_EQ(mach_port_deallocate(self, host), KERN_SUCCESS);
}

static long free_pages(void)
{
	vm_statistics_data_t st;
	CHECK_EQ(vm_statistics(self, &st), KERN_SUCCESS);
	return (long)st.free_count;
}

/* Setting entries (in place after the first time) and reading them back keeps
 * nothing. */
static void check_no_leak(void)
{
	static vm_offset_t entries[600];
	long f0 = 0;
	for (int round = 0; round < 12; round++) {
		if (round == 2)
			f0 = free_pages();                /* after a warm-up */
		entries[round] = 0xa00000 + (vm_offset_t)round;
		CHECK_EQ(task_set_emulation_vector(self, 3, entries, 600), KERN_SUCCESS);
		check_entry(self, 0, 603, 3 + (unsigned)round, entries[round]);   /* widened once */
	}
	CHECK_EQ(free_pages(), f0);
}

int main(void)
{
	self = mach_task_self();
	check_empty();
	check_widening();
	check_inheritance();
	check_errors();
	check_no_leak();
	return guest_finish();
}
