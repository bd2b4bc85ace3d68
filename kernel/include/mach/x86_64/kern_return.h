/* mach/x86_64/kern_return.h - the machine's kern_return_t (an int in a register). */
#ifndef _MACH_I386_KERN_RETURN_H_
#define _MACH_I386_KERN_RETURN_H_

#ifndef __ASSEMBLER__
typedef int kern_return_t;
#endif

#endif /* _MACH_I386_KERN_RETURN_H_ */
