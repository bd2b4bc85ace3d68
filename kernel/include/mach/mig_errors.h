/*
 * mach/mig_errors.h - errors MIG stubs return on top of kern_return_t, and the reply
 * header every MIG server sends.
 */
#ifndef _MACH_MIG_ERRORS_H_
#define _MACH_MIG_ERRORS_H_

#include <mach/kern_return.h>
#include <mach/message.h>

#define MIG_TYPE_ERROR		-300	/* a type descriptor did not match */
#define MIG_REPLY_MISMATCH	-301	/* the reply's id was not request id + 100 */
#define MIG_REMOTE_ERROR	-302	/* the server returned an error */
#define MIG_BAD_ID		-303	/* the server knows no such routine */
#define MIG_BAD_ARGUMENTS	-304	/* the request was malformed */
#define MIG_NO_REPLY		-305	/* the server will not reply now */
#define MIG_EXCEPTION		-306
#define MIG_ARRAY_TOO_LARGE	-307	/* the caller's buffer was too small */
#define MIG_SERVER_DIED		-308
#define MIG_DESTROY_REQUEST	-309	/* the server wants the request destroyed */

/* The start of every MIG reply: header, then the return code as a typed item. */
typedef struct {
	mach_msg_header_t Head;
	mach_msg_type_t RetCodeType;
	kern_return_t RetCode;
} mig_reply_header_t;

/* An entry of a server's symbol table, for debugging tools. */
typedef struct mig_symtab {
	char *ms_routine_name;
	int ms_routine_number;
	void (*ms_routine)(void);
} mig_symtab_t;

typedef void (*mig_routine_t)(mach_msg_header_t *, mach_msg_header_t *);

#endif /* _MACH_MIG_ERRORS_H_ */
