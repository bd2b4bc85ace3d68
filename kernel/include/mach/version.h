/*
 * mach/version.h - the interface version.  Compatible kernels keep the major number;
 * the minor one grows with additions.
 */
#ifndef _MACH_VERSION_H_
#define _MACH_VERSION_H_

#define KERNEL_MAJOR_VERSION	4
#define KERNEL_MINOR_VERSION	0

/* Bumped when the headers change in a way user code must notice. */
#define INCLUDE_VERSION		0

#endif /* _MACH_VERSION_H_ */
