/* mach/boolean.h - boolean_t, TRUE and FALSE. */
#ifndef _MACH_BOOLEAN_H_
#define _MACH_BOOLEAN_H_

#ifndef __ASSEMBLER__
#include <mach/machine/boolean.h>
#endif

#endif /* _MACH_BOOLEAN_H_ */

/*
 * Outside the guard on purpose, as in the reference: a program that undefined TRUE or
 * FALSE gets them back by including this again; NOBOOL suppresses them.
 */
#if !defined(NOBOOL)
#ifndef TRUE
#define TRUE	((boolean_t) 1)
#endif
#ifndef FALSE
#define FALSE	((boolean_t) 0)
#endif
#endif
