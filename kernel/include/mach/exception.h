/* mach/exception.h - the machine-independent exception classes of exception_raise. */
#ifndef _MACH_EXCEPTION_H_
#define _MACH_EXCEPTION_H_

#include <mach/machine/exception.h>

#define EXC_BAD_ACCESS		1	/* code: kern_return_t; subcode: the address */
#define EXC_BAD_INSTRUCTION	2
#define EXC_ARITHMETIC		3
#define EXC_EMULATION		4
#define EXC_SOFTWARE		5
#define EXC_BREAKPOINT		6

#endif /* _MACH_EXCEPTION_H_ */
