/*
 * roundtrip.c — a manual wire spot check (not in make check): GNU MIG's and
 * Portico's user stubs call through a fake mach_msg into GNU's or Portico's
 * server stubs; run.sh builds all four pairings and diffs their byte dumps.
 */
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <stdio.h>
#include <string.h>
#include "mach.h"
#include "mach_port.h"
extern boolean_t srv_mach_server(mach_msg_header_t *, mach_msg_header_t *);
extern boolean_t srv_mach_port_server(mach_msg_header_t *, mach_msg_header_t *);
mach_port_t mig_get_reply_port(void) { return 77; }
void mig_dealloc_reply_port(mach_port_t p) { (void)p; }
void mig_put_reply_port(mach_port_t p) { (void)p; }
static char heap[1 << 16]; static size_t heap_used;
void mig_allocate(vm_address_t *a, vm_size_t s) { *a = (vm_address_t)(heap + heap_used); heap_used += (s + 15) & ~15ul; }
void mig_deallocate(vm_address_t a, vm_size_t s) { printf("  mig_deallocate(%zu)\n", (size_t)s); (void)a; }
vm_size_t mig_strncpy(char *d, const char *s, vm_size_t n) { vm_size_t i; for (i = 0; i < n && s[i]; i++) d[i] = s[i]; if (i < n) d[i] = 0; return i; }
static void dump(const char *what, void *m, unsigned n)
{
	printf("  %s %u:", what, n);
	for (unsigned i = 0; i < n; i++) printf("%s%02x", i % 8 ? "" : " ", ((unsigned char *)m)[i]);
	printf("\n");
}
/* Pointers in OOL slots differ run to run: print them as P. */
static void *ool_a = (void *)0x1111000, *ool_b = (void *)0x2222000;
mach_msg_return_t mach_msg(mach_msg_header_t *m, mach_msg_option_t o, mach_msg_size_t ss, mach_msg_size_t rs, mach_port_t rn, mach_msg_timeout_t t, mach_port_t n)
{
	union { mach_msg_header_t h; char b[16384]; } in, out;
	(void)o; (void)rs; (void)rn; (void)t; (void)n;
	dump("request", m, ss);
	memcpy(&in, m, ss);
	/* what the kernel does: swap ports, translate copy/make rights */
	mach_port_t rem = in.h.msgh_remote_port; in.h.msgh_remote_port = in.h.msgh_local_port; in.h.msgh_local_port = rem;
	in.h.msgh_bits = MACH_MSGH_BITS(MACH_MSGH_BITS_LOCAL(m->msgh_bits) == MACH_MSG_TYPE_MAKE_SEND_ONCE ? MACH_MSG_TYPE_PORT_SEND_ONCE : MACH_MSGH_BITS_LOCAL(m->msgh_bits), MACH_MSG_TYPE_PORT_SEND) | (m->msgh_bits & MACH_MSGH_BITS_COMPLEX);
	memset(&out, 0xee, sizeof out);
	if (!srv_mach_server(&in.h, &out.h)) srv_mach_port_server(&in.h, &out.h);
	dump("reply", &out, out.h.msgh_size);
	memcpy(m, &out, out.h.msgh_size);
	return MACH_MSG_SUCCESS;
}
/* server implementations */
kern_return_t srv_thread_get_state(mach_port_t th, int flavor, thread_state_t st, mach_msg_type_number_t *cnt)
{ printf("  srv thread_get_state(%u, %d, cnt=%u)\n", th, flavor, *cnt); for (unsigned i = 0; i < 3; i++) st[i] = 100 + i; *cnt = 3; return 0; }
kern_return_t srv_thread_set_state(mach_port_t th, int flavor, thread_state_t st, mach_msg_type_number_t cnt)
{ printf("  srv thread_set_state(%u, %d, cnt=%u, %u %u)\n", th, flavor, cnt, st[0], st[cnt-1]); return 0; }
kern_return_t srv_vm_read(mach_port_t t, vm_address_t a, vm_size_t s, vm_offset_t *d, mach_msg_type_number_t *c)
{ printf("  srv vm_read(%u, %lx, %lx)\n", t, a, s); *d = (vm_offset_t) ool_a; *c = 4096; return 0; }
kern_return_t srv_vm_region(mach_port_t t, vm_address_t *a, vm_size_t *s, vm_prot_t *p, vm_prot_t *mp, vm_inherit_t *i, boolean_t *sh, mach_port_t *on, vm_offset_t *off)
{ printf("  srv vm_region(%u, %lx)\n", t, *a); *a += 16; *s = 0x2000; *p = 3; *mp = 7; *i = 1; *sh = 0; *on = 55; *off = 0x40; return 0; }
kern_return_t srv_mach_port_names(mach_port_t t, mach_port_name_array_t *n, mach_msg_type_number_t *nc, mach_port_type_array_t *ty, mach_msg_type_number_t *tc)
{ printf("  srv mach_port_names(%u)\n", t); *n = ool_a; *nc = 2; *ty = ool_b; *tc = 2; return 0; }
kern_return_t srv_mach_port_extract_right(mach_port_t t, mach_port_name_t n, mach_msg_type_name_t w, mach_port_t *p, mach_msg_type_name_t *pp)
{ printf("  srv extract_right(%u, %u, %u)\n", t, n, w); *p = 66; *pp = MACH_MSG_TYPE_MOVE_SEND; return 0; }
kern_return_t srv_mach_port_insert_right(mach_port_t t, mach_port_name_t n, mach_port_t p, mach_msg_type_name_t pp)
{ printf("  srv insert_right(%u, %u, %u, %u)\n", t, n, p, pp); return 0; }
kern_return_t srv_task_info(mach_port_t t, int f, task_info_t ti, mach_msg_type_number_t *c)
{ printf("  srv task_info(%u, %d, cnt=%u)\n", t, f, *c); ti[0] = 9; *c = 1; return 0; }
kern_return_t srv_mach_ports_register(mach_port_t t, mach_port_array_t p, mach_msg_type_number_t c)
{ printf("  srv ports_register(%u, cnt=%u)\n", t, c); (void)p; return 0; }
kern_return_t srv_mach_port_allocate(mach_port_t t, mach_port_right_t r, mach_port_name_t *n)
{ printf("  srv allocate(%u, %u)\n", t, r); *n = 0; return KERN_NO_SPACE; }
kern_return_t srv_task_get_special_port(mach_port_t t, int w, mach_port_t *p)
{ printf("  srv get_special_port(%u, %d)\n", t, w); *p = 44; return 0; }
static void clean(void) { volatile char buf[65536]; memset((char *)buf, 0, sizeof buf); }
int main(void)
{
	natural_t st[8] = {1,2,3,4,5,6,7,8}; mach_msg_type_number_t cnt = 8;
	vm_offset_t data; mach_port_t port; mach_msg_type_name_t poly;
	vm_address_t addr = 0x5000; vm_size_t size; vm_prot_t p1, p2; vm_inherit_t inh; boolean_t sh; vm_offset_t off;
	mach_port_name_array_t names; mach_port_type_array_t types; mach_msg_type_number_t nc, tc;
	kern_return_t kr;
	mach_port_t ports[2] = {3, 4};
	clean(); kr = thread_get_state(3, 7, st, &cnt); printf("thread_get_state kr=%d cnt=%u %u %u\n", kr, cnt, st[0], st[2]);
	clean(); kr = thread_set_state(3, 7, st, 3); printf("thread_set_state kr=%d\n", kr);
	clean(); kr = vm_read(4, 0x1000, 0x2000, &data, &cnt); printf("vm_read kr=%d cnt=%u ok=%d\n", kr, cnt, data == (vm_offset_t) ool_a);
	clean(); kr = vm_region(4, &addr, &size, &p1, &p2, &inh, &sh, &port, &off); printf("vm_region kr=%d %lx %lx %d %d %d %d %u %lx\n", kr, addr, size, p1, p2, inh, sh, port, off);
	clean(); kr = mach_port_names(4, &names, &nc, &types, &tc); printf("names kr=%d %u %u ok=%d\n", kr, nc, tc, (void*)names == ool_a && (void*)types == ool_b);
	clean(); kr = mach_port_extract_right(4, 5, 17, &port, &poly); printf("extract kr=%d %u %u\n", kr, port, poly);
	clean(); kr = mach_port_insert_right(4, 5, 6, MACH_MSG_TYPE_MAKE_SEND); printf("insert kr=%d\n", kr);
	cnt = 5; clean(); kr = task_info(4, 1, (task_info_t) st, &cnt); printf("task_info kr=%d cnt=%u %u\n", kr, cnt, st[0]);
	clean(); kr = mach_port_allocate(4, 1, &port); printf("allocate kr=%d\n", kr);
	clean(); kr = task_get_special_port(4, 1, &port); printf("special kr=%d %u\n", kr, port);
	clean(); kr = mach_ports_register(4, ports, 2); printf("register kr=%d\n", kr);
	return 0;
}
