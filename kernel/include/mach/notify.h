/*
 * mach/notify.h - the notification messages the kernel sends (ids of notify.defs) and
 * their layouts.
 */
#ifndef _MACH_NOTIFY_H_
#define _MACH_NOTIFY_H_

#include <mach/port.h>
#include <mach/message.h>

/* Message ids: octal, counted from the notify subsystem's base 64. */
#define MACH_NOTIFY_FIRST		0100
#define MACH_NOTIFY_PORT_DELETED	(MACH_NOTIFY_FIRST + 001)
#define MACH_NOTIFY_MSG_ACCEPTED	(MACH_NOTIFY_FIRST + 002)
#define MACH_NOTIFY_PORT_DESTROYED	(MACH_NOTIFY_FIRST + 005)
#define MACH_NOTIFY_NO_SENDERS		(MACH_NOTIFY_FIRST + 006)
#define MACH_NOTIFY_SEND_ONCE		(MACH_NOTIFY_FIRST + 007)
#define MACH_NOTIFY_DEAD_NAME		(MACH_NOTIFY_FIRST + 010)
#define MACH_NOTIFY_LAST		(MACH_NOTIFY_FIRST + 015)

/* A send right's name was deleted while a dead-name request was armed on it. */
typedef struct {
	mach_msg_header_t not_header;
	mach_msg_type_t not_type;	/* MACH_MSG_TYPE_PORT_NAME */
	mach_port_name_t not_port;
} mach_port_deleted_notification_t;

typedef struct {
	mach_msg_header_t not_header;
	mach_msg_type_t not_type;	/* MACH_MSG_TYPE_PORT_NAME */
	mach_port_name_t not_port;
} mach_msg_accepted_notification_t;

/* A receive right would have died; it is handed back instead. */
typedef struct {
	mach_msg_header_t not_header;
	mach_msg_type_t not_type;	/* MACH_MSG_TYPE_PORT_RECEIVE */
	mach_port_t not_port;
} mach_port_destroyed_notification_t;

typedef struct {
	mach_msg_header_t not_header;
	mach_msg_type_t not_type;	/* MACH_MSG_TYPE_INTEGER_32 */
	unsigned int not_count;		/* make-send count when the last sender left */
} mach_no_senders_notification_t;

/* A send-once right was destroyed unused. */
typedef struct {
	mach_msg_header_t not_header;
} mach_send_once_notification_t;

typedef struct {
	mach_msg_header_t not_header;
	mach_msg_type_t not_type;	/* MACH_MSG_TYPE_PORT_NAME */
	mach_port_name_t not_port;
} mach_dead_name_notification_t;

#endif /* _MACH_NOTIFY_H_ */
