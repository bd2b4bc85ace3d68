/*
 * roundtrip_hurdish.c — like roundtrip.c, for hurdish.defs: Hurd-style interfaces
 * (array[] data in and out, in-line and out-of-line, c_string, sreplyport only on
 * the server side, msgoption, serverprefix, polymorphic port arrays).
 */
#include "hurdish_types.h"
#include <mach/mig_errors.h>
#include <stdio.h>
#include <string.h>
#include "hurdish.h"
extern boolean_t srv_hurdish_server(mach_msg_header_t *, mach_msg_header_t *);
mach_port_t mig_get_reply_port(void) { return 77; }
void mig_dealloc_reply_port(mach_port_t p) { (void)p; }
void mig_put_reply_port(mach_port_t p) { (void)p; }
static char heap[1 << 16] __attribute__((aligned(16))); static size_t heap_used;
void mig_allocate(vm_address_t *a, vm_size_t s) { *a = (vm_address_t)(heap + heap_used); heap_used += (s + 15) & ~15ul; printf("  mig_allocate(%zu)\n", (size_t)s); }
void mig_deallocate(vm_address_t a, vm_size_t s) { printf("  mig_deallocate(%zu)\n", (size_t)s); (void)a; }
vm_size_t mig_strncpy(char *d, const char *s, vm_size_t n) { vm_size_t i; for (i = 0; i < n && s[i]; i++) d[i] = s[i]; if (i < n) d[i] = 0; return i; }
static void dump(const char *what, void *m, unsigned n) { printf("  %s %u:", what, n); for (unsigned i = 0; i < n && i < 200; i++) printf("%s%02x", i % 8 ? "" : " ", ((unsigned char *)m)[i]); printf("\n"); }
static char big[5000] = "big data";
static unsigned translate(unsigned n) { return n == 19 || n == 20 ? 17 : n == 21 ? 18 : n; }
static void kernelize(mach_msg_header_t *h)
{
	char *p = (char *)(h + 1), *end = (char *)h + h->msgh_size;
	unsigned local = MACH_MSGH_BITS_LOCAL(h->msgh_bits);
	mach_port_t rem = h->msgh_remote_port; h->msgh_remote_port = h->msgh_local_port; h->msgh_local_port = rem;
	h->msgh_bits = MACH_MSGH_BITS(translate(local), translate(MACH_MSGH_BITS_REMOTE(h->msgh_bits))) | (h->msgh_bits & MACH_MSGH_BITS_COMPLEX);
	while (p < end) {
		mach_msg_type_t *t = (mach_msg_type_t *)p;
		unsigned long n = t->msgt_inline ? ((unsigned long)t->msgt_size * t->msgt_number / 8 + 7) & ~7ul : 8;
		t->msgt_name = translate(t->msgt_name);
		p += 8 + n;
	}
}
mach_msg_return_t mach_msg(mach_msg_header_t *m, mach_msg_option_t o, mach_msg_size_t ss, mach_msg_size_t rs, mach_port_t rn, mach_msg_timeout_t t, mach_port_t n)
{
	union { mach_msg_header_t h; char b[16384]; } in, out;
	(void)rs; (void)rn; (void)t; (void)n;
	printf("  option %x\n", o);
	dump("request", m, ss);
	memcpy(&in, m, ss);
	kernelize(&in.h);
	memset(&out, 0, sizeof out);
	srv_hurdish_server(&in.h, &out.h);
	dump("reply", &out, out.h.msgh_size);
	kernelize(&out.h);
	memcpy(m, &out, out.h.msgh_size);
	return MACH_MSG_SUCCESS;
}
kern_return_t srv_S_io_write(io_t io, mach_port_t r, mach_msg_type_name_t rp, const_data_t d, mach_msg_type_number_t c, loff_t off, vm_size_t *amt)
{ printf("  write(%u, %u, %u, %.5s, %u, %ld)\n", io, r, rp, d, c, (long)off); *amt = c; return 0; }
kern_return_t srv_S_io_read(io_t io, mach_port_t r, mach_msg_type_name_t rp, data_t *d, mach_msg_type_number_t *c, loff_t off, vm_size_t amt)
{ printf("  read(%u, %u, %u, cnt=%u, %ld, %lu)\n", io, r, rp, *c, (long)off, (unsigned long)amt); if (amt > *c) *d = big; else memcpy(*d, "small", 5); *c = amt; return 0; }
kern_return_t srv_S_dir_lookup(io_t io, mach_port_t r, mach_msg_type_name_t rp, const_string_t name, int fl, int mode, retry_type *dr, string_t rn, mach_port_t *res, mach_msg_type_name_t *resp)
{ printf("  lookup(%u, %u, %u, %s, %d, %o)\n", io, r, rp, name, fl, mode); *dr = 1; strcpy(rn, "retry/me"); *res = 88; *resp = MACH_MSG_TYPE_MAKE_SEND; return 0; }
kern_return_t srv_S_get_ports(io_t io, mach_port_t r, mach_msg_type_name_t rp, portarray_t *p, mach_msg_type_name_t *pp, mach_msg_type_number_t *pc, const_portarray_t s, mach_msg_type_number_t sc)
{ printf("  get_ports(%u, %u, %u, cnt=%u, %u:%u)\n", io, r, rp, *pc, sc, s[sc-1]); (*p)[0] = 5; (*p)[1] = 6; *pc = 2; *pp = MACH_MSG_TYPE_COPY_SEND; return 0; }
static void clean(void) { volatile char buf[65536]; memset((char *)buf, 0, sizeof buf); }
int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	vm_size_t amt; char buf[100]; data_t d = buf; mach_msg_type_number_t c;
	retry_type dr; string_t rn; mach_port_t res; mach_msg_type_name_t resp;
	mach_port_t pbuf[4]; portarray_t pa = pbuf; mach_port_t st[3] = {7, 8, 9};
	kern_return_t kr;
	clean(); kr = io_write(3, "hello", 5, 10, &amt); printf("write kr=%d %lu\n", kr, (unsigned long)amt);
	clean(); kr = io_write(3, big, 4000, 10, &amt); printf("write kr=%d %lu\n", kr, (unsigned long)amt);
	clean(); c = sizeof buf; kr = io_read(3, &d, &c, 0, 5); printf("read kr=%d %u %.5s inplace=%d\n", kr, c, d, d == buf);
	clean(); d = buf; c = sizeof buf; kr = io_read(3, &d, &c, 0, 3000); printf("read kr=%d %u %.8s inplace=%d ool=%d\n", kr, c, d, d == buf, d == big);
	clean(); kr = dir_lookup(3, "etc/passwd", 1, 0644, &dr, rn, &res); printf("lookup kr=%d %u %s %u\n", kr, dr, rn, res);
	clean(); c = 4; kr = get_ports(3, &pa, &c, st, MACH_MSG_TYPE_COPY_SEND, 3); printf("ports kr=%d %u %u %u\n", kr, c, pa[0], pa[1]);
	return 0;
}
