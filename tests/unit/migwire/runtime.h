/* runtime.h — what the runtime's own files (wire.c, values.c, msg.c) share; the
 * generated drivers see only wire.h. */
#ifndef MIGWIRE_RUNTIME_H
#define MIGWIRE_RUNTIME_H

#include <stddef.h>

/* values.c */
extern unsigned char wt_srv_in[WT_MSGMAX], wt_srv_out[WT_MSGMAX], wt_rcv_tmp[WT_MSGMAX];
extern int wt_poly_used;		/* set when a polymorphic disposition was chosen */
void wt_values_reset(void);		/* before each call: hand out the same buffers */
void *wt_alloc(size_t size);		/* mig_allocate's memory */
void wt_poly_choice(unsigned client, unsigned server);

/* msg.c */
void wt_msg_reset(void);

#endif
