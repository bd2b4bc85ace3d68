/* mach/inline.h - how Mach headers ask for an inline function; override before including. */
#ifndef _MACH_INLINE_H_
#define _MACH_INLINE_H_

#ifndef MACH_INLINE
#define MACH_INLINE	extern __inline
#endif

#endif /* _MACH_INLINE_H_ */
