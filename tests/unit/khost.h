/*
 * khost.h — the kernel's string and format functions as tests call them: k_memcpy,
 * k_snprintf, ... (see krename.h for why they are renamed).
 *
 * The declarations come from the kernel's own headers, read with the renaming macros in
 * force, so a change of signature in the kernel shows up here as a compile error. The
 * macros are removed again afterwards: in a test, memcpy and snprintf mean libc's.
 * Include this after every system header.
 */
#ifndef TESTS_UNIT_KHOST_H
#define TESTS_UNIT_KHOST_H

#include "krename.h"
#include <kern/string.h>
#include <kern/format.h>

#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp
#undef strchr
#undef strrchr
#undef strlcpy
#undef vsnprintf
#undef snprintf

#endif
