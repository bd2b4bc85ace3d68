/* mach/alert.h - thread alert bits. */
#ifndef _MACH_ALERT_H_
#define _MACH_ALERT_H_

#define ALERT_BITS		32

#define ALERT_ABORT_STRONG	0x00000001	/* abort even uninterruptible waits */
#define ALERT_ABORT_SAFE	0x00000002	/* abort at a safe point */

#define ALERT_USER		0xffff0000	/* left to user code */

#endif /* _MACH_ALERT_H_ */
