/* values.c — the deterministic values both ends of a call use, and the memory they
 * live in.
 *
 * Entry points: wt_seed, wt_fill, wt_str, wt_count, wt_poly, wt_poly_out, wt_buf,
 * wt_ool, wt_in_reply, wt_ptrclass, wt_strlen (wire.h); wt_values_reset, wt_alloc,
 * wt_poly_choice (runtime.h).
 *
 * Every buffer is static and handed out in the same order on every call, so a value
 * (even an address carried in a message) is the same for every pairing of
 * generators within one run of a driver. */
#include <string.h>

#include "wire.h"
#include "runtime.h"

#define NBUF 16

/* Buffers: the server's in and out messages, the client's receive buffer, data
 * pools for the client and for the implementation, memory for mig_allocate. */
unsigned char wt_srv_in[WT_MSGMAX], wt_srv_out[WT_MSGMAX], wt_rcv_tmp[WT_MSGMAX];
static unsigned char client_pool[NBUF][WT_BUFSZ], server_pool[NBUF][WT_BUFSZ];
static unsigned char alloc_arena[4 * WT_BUFSZ];
static int client_used, server_used;
static size_t alloc_used;

void wt_values_reset(void)
{
	client_used = server_used = 0;
	alloc_used = 0;
	memset(alloc_arena, 0, sizeof alloc_arena);
}

void *wt_alloc(size_t size)
{
	size_t n = (size + 15) & ~(size_t) 15;
	void *p;

	if (alloc_used + n > sizeof alloc_arena)
		return NULL;
	p = alloc_arena + alloc_used;
	alloc_used += n;
	return p;
}

/* ---- deterministic values ---- */

uint32_t wt_seed(const char *routine, const char *param)
{
	uint32_t h = 2166136261u;	/* FNV-1a over "routine/param" */
	for (const char *s = routine; *s; s++)
		h = (h ^ (unsigned char) *s) * 16777619u;
	h = (h ^ '/') * 16777619u;
	for (const char *s = param; *s; s++)
		h = (h ^ (unsigned char) *s) * 16777619u;
	return h ? h : 1;
}

static uint32_t next(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

void wt_fill(void *p, size_t n, uint32_t seed)
{
	unsigned char *b = p;
	uint32_t x = seed;

	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char) (next(&x) >> 7);
}

/* A printable string of 5 to 12 characters, shorter if max is small, NUL-ended. */
void wt_str(void *p, size_t max, uint32_t seed)
{
	char *s = p;
	uint32_t x = seed;
	size_t n = 5 + seed % 8;

	if (max == 0)
		return;
	if (n > max - 1)
		n = max - 1;
	for (size_t i = 0; i < n; i++)
		s[i] = "abcdefghijklmnopqrstuvwxyz0123456789_-./"[next(&x) % 40];
	s[n] = 0;
}

uint32_t wt_count(uint32_t seed)
{
	return 2 + seed % 4;
}

/* A disposition for a polymorphic port argument.  Which ones a server accepts
 * depends on the argument's type on the server side (send, send-once, receive),
 * which the client cannot see; main() retries the baseline with the next choice
 * (poly_shift) until GNU's pair goes through, then keeps that choice for every
 * pairing.  The same for the dispositions the implementation returns, which the
 * client's stub may check. */
static unsigned poly_shift[2];	/* [0] for the client's, [1] for the server's */
int wt_poly_used;

static mach_msg_type_name_t poly(uint32_t seed, int side)
{
	static const mach_msg_type_name_t d[] = {
		MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND, MACH_MSG_TYPE_MOVE_SEND,
		MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_MSG_TYPE_MOVE_SEND_ONCE,
		MACH_MSG_TYPE_MOVE_RECEIVE,
	};
	wt_poly_used = 1;
	return d[(seed + poly_shift[side]) % 6];
}

mach_msg_type_name_t wt_poly(uint32_t seed)
{
	return poly(seed, 0);
}

mach_msg_type_name_t wt_poly_out(uint32_t seed)
{
	return poly(seed, 1);
}

void *wt_buf(uint32_t seed)
{
	void *p = client_pool[client_used++ % NBUF];
	wt_fill(p, WT_BUFSZ, seed);
	return p;
}

void *wt_ool(uint32_t seed)
{
	void *p = server_pool[server_used++ % NBUF];
	wt_fill(p, WT_BUFSZ, seed);
	return p;
}

int wt_in_reply(const void *p)
{
	const unsigned char *c = p;
	return c >= wt_srv_out && c < wt_srv_out + sizeof wt_srv_out;
}

/* Where an out array landed, as a small number that is the same in every run:
 * 0 NULL, 1 the client's own buffer, 2 the server's buffer, 3 memory from
 * mig_allocate, 4 a converted port array, 5 elsewhere. */
int wt_ptrclass(const void *p)
{
	const unsigned char *c = p;

	if (c == NULL)
		return 0;
	if (c >= &client_pool[0][0] && c < &client_pool[NBUF][0])
		return 1;
	if (c >= &server_pool[0][0] && c < &server_pool[NBUF][0])
		return 2;
	if (c >= alloc_arena && c < alloc_arena + sizeof alloc_arena)
		return 3;
	return 5;
}

size_t wt_strlen(const void *p, size_t max)
{
	return p ? strnlen(p, max) : 0;
}

void wt_poly_choice(unsigned client, unsigned server)
{
	poly_shift[0] = client;
	poly_shift[1] = server;
}
