/* kenv: the harness's stand-in for GNU Mach's <vm/vm_map.h>; all of it is in kern/kenv.h. */
#include <kern/kenv.h>
