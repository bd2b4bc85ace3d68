# kernel/include: the public ABI of the kernel (GNU Mach x86_64 compatible): C headers
# and MIG interface definitions.  Nothing here is compiled on its own; the kernel, the
# generated stubs and user programs include these, and tests/unit/abi checks them.
# mach/machine is a symbolic link to x86_64, as in the reference.

# Headers go in EXTRA_DIST rather than noinst_HEADERS: the top Makefile.am does not
# initialise noinst_HEADERS, and nothing here is built from them directly.
EXTRA_DIST += \
	kernel/include/device/audio_status.h \
	kernel/include/device/bpf.h \
	kernel/include/device/device_types.h \
	kernel/include/device/disk_status.h \
	kernel/include/device/net_status.h \
	kernel/include/device/notify.h \
	kernel/include/device/tape_status.h \
	kernel/include/device/tty_status.h \
	kernel/include/mach/alert.h \
	kernel/include/mach/boolean.h \
	kernel/include/mach/default_pager_types.h \
	kernel/include/mach/exception.h \
	kernel/include/mach/host_info.h \
	kernel/include/mach/inline.h \
	kernel/include/mach/kern_return.h \
	kernel/include/mach/mach_param.h \
	kernel/include/mach/mach_types.h \
	kernel/include/mach/machine.h \
	kernel/include/mach/macro_help.h \
	kernel/include/mach/memory_object.h \
	kernel/include/mach/message.h \
	kernel/include/mach/mig_errors.h \
	kernel/include/mach/notify.h \
	kernel/include/mach/pc_sample.h \
	kernel/include/mach/policy.h \
	kernel/include/mach/port.h \
	kernel/include/mach/processor_info.h \
	kernel/include/mach/profilparam.h \
	kernel/include/mach/std_types.h \
	kernel/include/mach/syscall_sw.h \
	kernel/include/mach/task_info.h \
	kernel/include/mach/task_special_ports.h \
	kernel/include/mach/thread_info.h \
	kernel/include/mach/thread_special_ports.h \
	kernel/include/mach/thread_status.h \
	kernel/include/mach/thread_switch.h \
	kernel/include/mach/time_value.h \
	kernel/include/mach/version.h \
	kernel/include/mach/vm_attributes.h \
	kernel/include/mach/vm_cache_statistics.h \
	kernel/include/mach/vm_inherit.h \
	kernel/include/mach/vm_param.h \
	kernel/include/mach/vm_prot.h \
	kernel/include/mach/vm_statistics.h \
	kernel/include/mach/vm_sync.h \
	kernel/include/mach/vm_wire.h \
	kernel/include/mach/x86_64/asm.h \
	kernel/include/mach/x86_64/boolean.h \
	kernel/include/mach/x86_64/eflags.h \
	kernel/include/mach/x86_64/exception.h \
	kernel/include/mach/x86_64/fp_reg.h \
	kernel/include/mach/x86_64/ioccom.h \
	kernel/include/mach/x86_64/kern_return.h \
	kernel/include/mach/x86_64/mach_i386_types.h \
	kernel/include/mach/x86_64/syscall_sw.h \
	kernel/include/mach/x86_64/thread_status.h \
	kernel/include/mach/x86_64/trap.h \
	kernel/include/mach/x86_64/vm_param.h \
	kernel/include/mach/x86_64/vm_types.h \
	kernel/include/mach_debug/hash_info.h \
	kernel/include/mach_debug/mach_debug_types.h \
	kernel/include/mach_debug/slab_info.h \
	kernel/include/mach_debug/vm_info.h

EXTRA_DIST += \
	kernel/include/device/device.defs \
	kernel/include/device/device_reply.defs \
	kernel/include/device/device_request.defs \
	kernel/include/device/device_types.defs \
	kernel/include/mach/default_pager.defs \
	kernel/include/mach/default_pager_types.defs \
	kernel/include/mach/exc.defs \
	kernel/include/mach/experimental.defs \
	kernel/include/mach/gnumach.defs \
	kernel/include/mach/mach.defs \
	kernel/include/mach/mach4.defs \
	kernel/include/mach/mach_host.defs \
	kernel/include/mach/mach_port.defs \
	kernel/include/mach/mach_types.defs \
	kernel/include/mach/machine \
	kernel/include/mach/memory_object.defs \
	kernel/include/mach/memory_object_default.defs \
	kernel/include/mach/notify.defs \
	kernel/include/mach/std_types.defs \
	kernel/include/mach/task_notify.defs \
	kernel/include/mach/x86_64/mach_i386.defs \
	kernel/include/mach/x86_64/machine_types.defs \
	kernel/include/mach_debug/mach_debug.defs \
	kernel/include/mach_debug/mach_debug_types.defs

# The tests that prove this ABI equals the reference live with it.
include tests/unit/abi/local.mk
