/*
 * roundtrip_device.c — like roundtrip.c, for device, mach_debug, default_pager and
 * notify: strings, sreplyport, out-of-line and array[] data, CountInOut, notifications.
 */
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <device/device_types.h>
#include <mach_debug/mach_debug_types.h>
#include <mach/default_pager_types.h>
#include <stdio.h>
#include <string.h>
#include "device.h"
#include "mach_debug.h"
#include "default_pager.h"
#include "notify.h"
extern boolean_t srv_device_server(mach_msg_header_t *, mach_msg_header_t *);
extern boolean_t srv_mach_debug_server(mach_msg_header_t *, mach_msg_header_t *);
extern boolean_t srv_default_pager_server(mach_msg_header_t *, mach_msg_header_t *);
extern boolean_t srv_notify_server(mach_msg_header_t *, mach_msg_header_t *);
mach_port_t mig_get_reply_port(void) { return 77; }
void mig_dealloc_reply_port(mach_port_t p) { (void)p; }
void mig_put_reply_port(mach_port_t p) { (void)p; }
static char heap[1 << 16] __attribute__((aligned(16))); static size_t heap_used;
void mig_allocate(vm_address_t *a, vm_size_t s) { *a = (vm_address_t)(heap + heap_used); heap_used += (s + 15) & ~15ul; printf("  mig_allocate(%zu)\n", (size_t)s); }
void mig_deallocate(vm_address_t a, vm_size_t s) { printf("  mig_deallocate(%zu)\n", (size_t)s); (void)a; }
vm_size_t mig_strncpy(char *d, const char *s, vm_size_t n) { vm_size_t i; for (i = 0; i < n && s[i]; i++) d[i] = s[i]; if (i < n) d[i] = 0; return i; }
static void dump(const char *what, void *m, unsigned n)
{
	printf("  %s %u:", what, n);
	for (unsigned i = 0; i < n; i++) printf("%s%02x", i % 8 ? "" : " ", ((unsigned char *)m)[i]);
	printf("\n");
}
static void *ool_a = (void *)0x1111000;
static unsigned translate(unsigned n) { return n == 19 || n == 20 ? 17 : n == 21 ? 18 : n; }
/* the kernel's part: swap header ports, translate rights in descriptors */
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
	(void)o; (void)rs; (void)rn; (void)t; (void)n;
	dump("request", m, ss);
	memcpy(&in, m, ss);
	kernelize(&in.h);
	memset(&out, 0, sizeof out);
	if (!srv_device_server(&in.h, &out.h) && !srv_mach_debug_server(&in.h, &out.h) &&
	    !srv_default_pager_server(&in.h, &out.h))
		srv_notify_server(&in.h, &out.h);
	dump("reply", &out, out.h.msgh_size);
	if (!(o & MACH_RCV_MSG)) return MACH_MSG_SUCCESS;
	kernelize(&out.h);
	memcpy(m, &out, out.h.msgh_size);
	return MACH_MSG_SUCCESS;
}
kern_return_t srv_ds_device_open(mach_port_t mp, mach_port_t rp, mach_msg_type_name_t rpp, dev_mode_t mode, const_dev_name_t name, mach_port_t *dev, mach_msg_type_name_t *devp)
{ printf("  srv open(%u, %u, %u, %u, %s)\n", mp, rp, rpp, mode, name); *dev = 31; *devp = MACH_MSG_TYPE_MAKE_SEND; return 0; }
kern_return_t srv_ds_device_read(mach_port_t d, mach_port_t rp, mach_msg_type_name_t rpp, dev_mode_t mode, recnum_t rec, int want, io_buf_ptr_t *data, mach_msg_type_number_t *cnt)
{ printf("  srv read(%u, %u, %u, %u, %lu, %d)\n", d, rp, rpp, mode, (unsigned long)rec, want); *data = ool_a; *cnt = want; return 0; }
kern_return_t srv_ds_device_read_inband(mach_port_t d, mach_port_t rp, mach_msg_type_name_t rpp, dev_mode_t mode, recnum_t rec, int want, io_buf_ptr_inband_t data, mach_msg_type_number_t *cnt)
{ printf("  srv read_inband(%u, %u, %u, %u, %lu, %d, cnt=%u)\n", d, rp, rpp, mode, (unsigned long)rec, want, *cnt); memcpy(data, "abcdefghijk", 11); *cnt = 11; return 0; }
kern_return_t srv_ds_device_write_inband(mach_port_t d, mach_port_t rp, mach_msg_type_name_t rpp, dev_mode_t mode, recnum_t rec, const_io_buf_ptr_inband_t data, mach_msg_type_number_t cnt, int *wr)
{ printf("  srv write_inband(%u, %u, %u, %u, %lu, %.*s)\n", d, rp, rpp, mode, (unsigned long)rec, (int)cnt, data); *wr = cnt; return 0; }
kern_return_t srv_ds_device_write(mach_port_t d, mach_port_t rp, mach_msg_type_name_t rpp, dev_mode_t mode, recnum_t rec, io_buf_ptr_t data, mach_msg_type_number_t cnt, int *wr)
{ printf("  srv write(%u, %u, %u, %u, %lu, %p, %u)\n", d, rp, rpp, mode, (unsigned long)rec, data, cnt); *wr = cnt; return 0; }
kern_return_t srv_ds_device_set_filter(mach_port_t d, mach_port_t rp, int prio, filter_array_t f, mach_msg_type_number_t cnt)
{ printf("  srv set_filter(%u, %u, %d, %d %d, %u)\n", d, rp, prio, f[0], f[cnt-1], cnt); return 0; }
kern_return_t srv_ds_device_get_status(mach_port_t d, dev_flavor_t fl, dev_status_t st, mach_msg_type_number_t *cnt)
{ printf("  srv get_status(%u, %u, cnt=%u)\n", d, fl, *cnt); st[0] = 7; st[1] = 8; *cnt = 2; return 0; }
kern_return_t srv_host_slab_info(mach_port_t h, cache_info_array_t *info, mach_msg_type_number_t *cnt)
{ printf("  srv slab_info(%u, cnt=%u)\n", h, *cnt); for (unsigned i = 0; i < 3; i++) { memset(&(*info)[i], 0, sizeof **info); (*info)[i].flags = i; strcpy((*info)[i].name, "cache"); } *cnt = 3; return 0; }
kern_return_t srv_host_virtual_physical_table_info(mach_port_t h, hash_info_bucket_array_t *info, mach_msg_type_number_t *cnt)
{ printf("  srv vp_table(%u, cnt=%u)\n", h, *cnt); *info = ool_a; *cnt = 600; return 0; }
kern_return_t srv_default_pager_objects(mach_port_t p, default_pager_object_array_t *o, mach_msg_type_number_t *oc, mach_port_array_t *ports, mach_msg_type_number_t *pc)
{ printf("  srv dp_objects(%u, %u, %u)\n", p, *oc, *pc); (*o)[0].dpo_object = 5; (*o)[0].dpo_size = 6; *oc = 1; (*ports)[0] = 41; (*ports)[1] = 42; *pc = 2; return 0; }
kern_return_t srv_do_mach_notify_no_senders(mach_port_t n, mach_port_mscount_t c)
{ printf("  srv no_senders(%u, %u)\n", n, c); return 0; }
kern_return_t srv_do_mach_notify_port_destroyed(mach_port_t n, mach_port_t r)
{ printf("  srv port_destroyed(%u, %u)\n", n, r); return 0; }
static void clean(void) { volatile char buf[65536]; memset((char *)buf, 0, sizeof buf); }
int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	kern_return_t kr; mach_port_t dev; io_buf_ptr_t data; mach_msg_type_number_t cnt; int wr;
	io_buf_ptr_inband_t inb; int stbuf[1024]; dev_status_t st = stbuf; filter_t filt[3] = {1, 2, 3};
	cache_info_array_t info; hash_info_bucket_array_t hinfo; cache_info_t ibuf[4];
	default_pager_object_array_t objs; default_pager_object_t obuf[2]; mach_port_array_t ports; mach_port_t pbuf[2];
	clean(); kr = device_open(2, 0, "disk0", &dev); printf("open kr=%d dev=%u\n", kr, dev);
	clean(); kr = device_read(3, 0, 7, 100, &data, &cnt); printf("read kr=%d cnt=%u ok=%d\n", kr, cnt, data == ool_a);
	clean(); cnt = 128; kr = device_read_inband(3, 0, 7, 100, inb, &cnt); printf("read_inband kr=%d cnt=%u %.*s\n", kr, cnt, (int)cnt, inb);
	clean(); cnt = 5; memset(inb, 0, sizeof inb); kr = device_read_inband(3, 0, 7, 100, inb, &cnt); printf("read_inband small kr=%d cnt=%u %s\n", kr, cnt, inb);
	clean(); kr = device_write_inband(3, 0, 7, "hello", 5, &wr); printf("write_inband kr=%d %d\n", kr, wr);
	clean(); kr = device_write(3, 0, 7, ool_a, 8192, &wr); printf("write kr=%d %d\n", kr, wr);
	clean(); kr = device_set_filter(3, 9, MACH_MSG_TYPE_MAKE_SEND, 5, filt, 3); printf("set_filter kr=%d\n", kr);
	clean(); cnt = 5; kr = device_get_status(3, 1, st, &cnt); printf("get_status kr=%d cnt=%u %d %d\n", kr, cnt, st[0], st[1]);
	clean(); info = ibuf; cnt = 4; kr = host_slab_info(1, &info, &cnt); printf("slab kr=%d cnt=%u inplace=%d %d %s\n", kr, cnt, info == ibuf, info[2].flags, info[1].name);
	clean(); info = ibuf; cnt = 2; kr = host_slab_info(1, &info, &cnt); printf("slab kr=%d cnt=%u inplace=%d %d %s\n", kr, cnt, info == ibuf, info[2].flags, info[1].name);
	clean(); hinfo = 0; cnt = 0; kr = host_virtual_physical_table_info(1, &hinfo, &cnt); printf("vp kr=%d cnt=%u ool=%d\n", kr, cnt, (void *) hinfo == ool_a);
	clean(); objs = obuf; ports = pbuf; cnt = 2; { mach_msg_type_number_t pc = 2; kr = default_pager_objects(6, &objs, &cnt, &ports, &pc); printf("dp kr=%d %u %lu %u %u %u\n", kr, cnt, (unsigned long)objs[0].dpo_size, pc, ports[0], ports[1]); }
	clean(); kr = mach_notify_no_senders(8, 3); printf("no_senders kr=%d\n", kr);
	clean(); kr = mach_notify_port_destroyed(8, 12, MACH_MSG_TYPE_MOVE_RECEIVE); printf("port_destroyed kr=%d\n", kr);
	return 0;
}
