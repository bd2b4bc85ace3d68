/*
 * krename.h — force-included (gcc -include) into the kernel sources that the host tests
 * compile into libkhost.a. The kernel's string.c and format.c define memcpy, snprintf
 * and friends under their standard names; linked into a host program those would
 * replace libc's for the whole process (and the tests could no longer compare against
 * glibc). Renaming every one to a k_ prefix keeps the kernel's code and libc's apart.
 *
 * No include guard on purpose: khost.h includes this, then #undefs every name, and a
 * second inclusion must define them again.
 */
#define memcpy k_memcpy
#define memmove k_memmove
#define memset k_memset
#define memcmp k_memcmp
#define strlen k_strlen
#define strnlen k_strnlen
#define strcmp k_strcmp
#define strncmp k_strncmp
#define strchr k_strchr
#define strrchr k_strrchr
#define strlcpy k_strlcpy
#define vsnprintf k_vsnprintf
#define snprintf k_snprintf
