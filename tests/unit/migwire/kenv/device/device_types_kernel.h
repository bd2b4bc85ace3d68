/* kenv: the harness's stand-in for GNU Mach's <device/device_types_kernel.h>; all of it is in kern/kenv.h. */
#include <kern/kenv.h>
