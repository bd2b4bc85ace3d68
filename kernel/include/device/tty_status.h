/*
 * device/tty_status.h - terminal status flavors: speed, mode flags, modem lines and
 * the control operations.  Needs dev_flavor_t (device/device_types.h).
 */
#ifndef _DEVICE_TTY_STATUS_H_
#define _DEVICE_TTY_STATUS_H_

struct tty_status {
	int tt_ispeed;		/* B* codes */
	int tt_ospeed;
	int tt_breakc;		/* character sent on break, or 0 */
	int tt_flags;		/* TF_* */
};
#define TTY_STATUS_COUNT	(sizeof(struct tty_status) / sizeof(int))
#define TTY_STATUS		(dev_flavor_t)(('t' << 16) + 1)

/* Speeds. */
#define B0		0
#define B50		1
#define B75		2
#define B110		3
#define B134		4
#define B150		5
#define B200		6
#define B300		7
#define B600		8
#define B1200		9
#define B1800		10
#define B2400		11
#define B4800		12
#define B9600		13
#define EXTA		14
#define EXTB		15
#define B19200		EXTA
#define B38400		EXTB
#define B57600		16
#define B115200		17

#define NSPEEDS		18

/* Mode flags. */
#define TF_TANDEM	0x00000001	/* XON/XOFF flow control */
#define TF_ODDP		0x00000002
#define TF_EVENP	0x00000004
#define TF_ANYP		(TF_ODDP | TF_EVENP)
#define TF_LITOUT	0x00000008	/* no output processing */
#define TF_MDMBUF	0x00000010	/* carrier flow control */
#define TF_NOHANG	0x00000020	/* no hangup on carrier loss */
#define TF_HUPCLS	0x00000040	/* hang up on last close */
#define TF_ECHO		0x00000080
#define TF_CRMOD	0x00000100	/* CR to LF on input, LF to CRLF on output */
#define TF_XTABS	0x00000200	/* expand tabs */

/* Modem control lines. */
#define TTY_MODEM_COUNT	(1)
#define TTY_MODEM	(dev_flavor_t)(('t' << 16) + 2)

#define TM_LE		0x0001	/* line enable */
#define TM_DTR		0x0002
#define TM_RTS		0x0004
#define TM_ST		0x0008	/* secondary transmit */
#define TM_SR		0x0010	/* secondary receive */
#define TM_CTS		0x0020
#define TM_CAR		0x0040	/* carrier detect */
#define TM_RNG		0x0080
#define TM_DSR		0x0100
#define TM_BRK		0x0200	/* sending break */
#define TM_HUP		0x0000	/* all off: hang up */

/* Operations (set_status flavors). */
#define TTY_FLUSH_COUNT		(1)
#define TTY_FLUSH		(dev_flavor_t)(('t' << 16) + 3)	/* D_READ|D_WRITE */
#define TTY_STOP		(dev_flavor_t)(('t' << 16) + 4)
#define TTY_START		(dev_flavor_t)(('t' << 16) + 5)
#define TTY_SET_BREAK		(dev_flavor_t)(('t' << 16) + 6)
#define TTY_CLEAR_BREAK		(dev_flavor_t)(('t' << 16) + 7)
#define TTY_SET_TRANSLATION	(dev_flavor_t)(('t' << 16) + 8)

#endif /* _DEVICE_TTY_STATUS_H_ */
