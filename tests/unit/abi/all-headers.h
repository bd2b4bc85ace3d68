/*
 * all-headers.h - every C header of the ABI, in an order that satisfies the
 * dependencies the reference leaves to the includer (net_status.h before bpf.h users,
 * ioccom.h before the device control codes).  Compiled against either header set.
 */
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/notify.h>
#include <mach/exception.h>
#include <mach/vm_param.h>
#include <mach/thread_switch.h>
#include <mach/alert.h>
#include <mach/inline.h>
#include <mach/macro_help.h>
#include <mach/mach_param.h>
#include <mach/version.h>
#include <mach/profilparam.h>
#include <mach/default_pager_types.h>
#include <mach/policy.h>
#include <mach/machine/eflags.h>
#include <mach/machine/trap.h>
#include <mach/machine/ioccom.h>
#include <mach/machine/mach_i386_types.h>
#include <device/device_types.h>
#include <device/net_status.h>
#include <device/tty_status.h>
#include <device/disk_status.h>
#include <device/tape_status.h>
#include <device/audio_status.h>
#include <device/notify.h>
#include <mach_debug/mach_debug_types.h>
