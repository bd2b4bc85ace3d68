/*
 * mach/x86_64/ioccom.h - BSD-style encoding of device control codes: direction in the
 * top bits, parameter size in bits 16-23, group letter in bits 8-15, number below.
 */
#ifndef __sys_ioccom_h
#define __sys_ioccom_h

#define _IOCPARM_MASK	0xff
#define _IOC_VOID	0x20000000
#define _IOC_OUT	0x40000000
#define _IOC_IN		0x80000000
#define _IOC_INOUT	(_IOC_IN | _IOC_OUT)

/*
 * As in the reference, the group argument is not used: 'x' is a character constant,
 * so every code carries the group letter 'x'.  Kept so codes stay equal.
 */
#define _IO(x, y)	(_IOC_VOID | ('x' << 8) | y)
#define _IOR(x, y, t)	(_IOC_OUT | ((sizeof(t) & _IOCPARM_MASK) << 16) | ('x' << 8) | y)
#define _IORN(x, y, t)	(_IOC_OUT | (((t) & _IOCPARM_MASK) << 16) | ('x' << 8) | y)
#define _IOW(x, y, t)	(_IOC_IN | ((sizeof(t) & _IOCPARM_MASK) << 16) | ('x' << 8) | y)
#define _IOWN(x, y, t)	(_IOC_IN | (((t) & _IOCPARM_MASK) << 16) | ('x' << 8) | y)
#define _IOWR(x, y, t)	(_IOC_INOUT | ((sizeof(t) & _IOCPARM_MASK) << 16) | ('x' << 8) | y)
#define _IOWRN(x, y, t)	(_IOC_INOUT | (((t) & _IOCPARM_MASK) << 16) | ('x' << 8) | y)

#endif /* __sys_ioccom_h */
