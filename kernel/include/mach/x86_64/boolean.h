/* mach/x86_64/boolean.h - the machine's boolean_t: a full int, as Mach has always used. */
#ifndef _MACH_I386_BOOLEAN_H_
#define _MACH_I386_BOOLEAN_H_

typedef int boolean_t;

#endif /* _MACH_I386_BOOLEAN_H_ */
