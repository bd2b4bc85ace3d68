/*
 * mach/syscall_sw.h - the Mach trap table as seen from user space.
 *
 * Each line expands, through the machine's kernel_trap(name, number, argc), into the
 * user stub of one trap.  Include it from an assembler file with kernel_trap defined
 * (mach/machine/syscall_sw.h does that for x86_64).  Trap numbers are negative.
 */
#ifndef _MACH_SYSCALL_SW_H_
#define _MACH_SYSCALL_SW_H_

#include <mach/machine/syscall_sw.h>

/* Event counters. */
kernel_trap(evc_wait, -17, 1)
kernel_trap(evc_wait_clear, -18, 1)

/* IPC and self ports. */
kernel_trap(mach_msg_trap, -25, 7)
kernel_trap(mach_reply_port, -26, 0)
kernel_trap(mach_thread_self, -27, 0)
kernel_trap(mach_task_self, -28, 0)
kernel_trap(mach_host_self, -29, 0)
kernel_trap(mach_print, -30, 1)

/* Scheduling. */
kernel_trap(swtch_pri, -59, 1)
kernel_trap(swtch, -60, 0)
kernel_trap(thread_switch, -61, 3)

/* Traps that do what an RPC to the caller's own task would, without a message. */
kernel_trap(syscall_vm_map, -64, 11)
kernel_trap(syscall_vm_allocate, -65, 4)
kernel_trap(syscall_vm_deallocate, -66, 3)
kernel_trap(syscall_task_create, -68, 3)
kernel_trap(syscall_task_terminate, -69, 1)
kernel_trap(syscall_task_suspend, -70, 1)
kernel_trap(syscall_task_set_special_port, -71, 3)
kernel_trap(syscall_mach_port_allocate, -72, 3)
kernel_trap(syscall_mach_port_deallocate, -73, 2)
kernel_trap(syscall_mach_port_insert_right, -74, 4)
kernel_trap(syscall_mach_port_allocate_name, -75, 3)
kernel_trap(syscall_thread_depress_abort, -76, 1)
kernel_trap(thread_set_self_state, -77, 3)

/* Network-interface traps (numbers reserved; not implemented by Portico). */
kernel_trap(nw_update, -80, 3)
kernel_trap(nw_lookup, -81, 2)
kernel_trap(nw_endpoint_allocate, -82, 4)
kernel_trap(nw_endpoint_deallocate, -83, 1)
kernel_trap(nw_buffer_allocate, -84, 2)
kernel_trap(nw_buffer_deallocate, -85, 2)
kernel_trap(nw_connection_open, -86, 4)
kernel_trap(nw_connection_accept, -87, 3)
kernel_trap(nw_connection_close, -88, 1)
kernel_trap(nw_multicast_add, -89, 4)
kernel_trap(nw_multicast_drop, -90, 4)
kernel_trap(nw_endpoint_status, -91, 3)
kernel_trap(nw_send, -92, 3)
kernel_trap(nw_receive, -93, 2)
kernel_trap(nw_rpc, -94, 4)
kernel_trap(nw_select, -95, 3)

/* Unix-server traps of old, only with UNIXOID_TRAPS. */
#if UNIXOID_TRAPS
kernel_trap(task_by_pid, -33, 1)
kernel_trap(pid_by_task, -34, 4)
kernel_trap(init_process, -41, 0)
kernel_trap(map_fd, -43, 5)
kernel_trap(rfs_make_symlink, -44, 3)
kernel_trap(htg_syscall, -52, 3)
kernel_trap(set_ras_address, -53, 2)
#endif

#endif /* _MACH_SYSCALL_SW_H_ */
