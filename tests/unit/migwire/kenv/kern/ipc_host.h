/* kenv: the harness's stand-in for GNU Mach's <kern/ipc_host.h>; all of it is in kern/kenv.h. */
#include <kern/kenv.h>
