/*
 * vm_rpc.c — the VM and memory-object routines of mach.defs, which the VM issue
 * implements (address maps, objects, pagers). Until then each answers MIG_BAD_ID, the
 * code of a routine the kernel does not serve, so a caller fails at once and cleanly.
 * Nothing here pretends to work.
 */
#include <kern/mig_convert.h>
#include "mach_S.h"      /* the generated server header: prototypes checked */
#include <mach/mig_errors.h>

vm_map_t convert_port_to_map(ipc_port_t p)
{
	(void)p;
	return 0;
}

vm_object_t vm_object_lookup(ipc_port_t p)
{
	(void)p;
	return 0;
}

vm_object_t vm_object_lookup_name(ipc_port_t p)
{
	(void)p;
	return 0;
}

#define NOT_SERVED MIG_BAD_ID

kern_return_t vm_allocate(vm_map_t m, vm_address_t *a, vm_size_t s, boolean_t any)
{ (void)m; (void)a; (void)s; (void)any; return NOT_SERVED; }
kern_return_t vm_deallocate(vm_map_t m, vm_address_t a, vm_size_t s)
{ (void)m; (void)a; (void)s; return NOT_SERVED; }
kern_return_t vm_protect(vm_map_t m, vm_address_t a, vm_size_t s, boolean_t max, vm_prot_t p)
{ (void)m; (void)a; (void)s; (void)max; (void)p; return NOT_SERVED; }
kern_return_t vm_inherit(vm_map_t m, vm_address_t a, vm_size_t s, vm_inherit_t i)
{ (void)m; (void)a; (void)s; (void)i; return NOT_SERVED; }
kern_return_t vm_read(vm_map_t m, vm_address_t a, vm_size_t s, vm_offset_t *d, mach_msg_type_number_t *n)
{ (void)m; (void)a; (void)s; (void)d; (void)n; return NOT_SERVED; }
kern_return_t vm_write(vm_map_t m, vm_address_t a, vm_offset_t d, mach_msg_type_number_t n)
{ (void)m; (void)a; (void)d; (void)n; return NOT_SERVED; }
kern_return_t vm_copy(vm_map_t m, vm_address_t s, vm_size_t n, vm_address_t d)
{ (void)m; (void)s; (void)n; (void)d; return NOT_SERVED; }
kern_return_t vm_region(vm_map_t m, vm_address_t *a, vm_size_t *s, vm_prot_t *p, vm_prot_t *mp,
			vm_inherit_t *i, boolean_t *sh, ipc_port_t *o, vm_offset_t *off)
{ (void)m; (void)a; (void)s; (void)p; (void)mp; (void)i; (void)sh; (void)o; (void)off; return NOT_SERVED; }
kern_return_t vm_statistics(vm_map_t m, vm_statistics_data_t *st)
{ (void)m; (void)st; return NOT_SERVED; }
kern_return_t vm_map(vm_map_t m, vm_address_t *a, vm_size_t s, vm_address_t mask, boolean_t any,
		     ipc_port_t obj, vm_offset_t off, boolean_t copy, vm_prot_t cur, vm_prot_t max,
		     vm_inherit_t inh)
{ (void)m; (void)a; (void)s; (void)mask; (void)any; (void)obj; (void)off; (void)copy; (void)cur;
  (void)max; (void)inh; return NOT_SERVED; }
kern_return_t vm_machine_attribute(vm_map_t m, vm_address_t a, vm_size_t s, vm_machine_attribute_t at,
				   vm_machine_attribute_val_t *v)
{ (void)m; (void)a; (void)s; (void)at; (void)v; return NOT_SERVED; }
kern_return_t vm_set_default_memory_manager(host_t h, ipc_port_t *dm)
{ (void)h; (void)dm; return NOT_SERVED; }
kern_return_t memory_object_data_unavailable(vm_object_t o, vm_offset_t off, vm_size_t s)
{ (void)o; (void)off; (void)s; return NOT_SERVED; }
kern_return_t memory_object_get_attributes(vm_object_t o, boolean_t *r, boolean_t *c,
					   memory_object_copy_strategy_t *st)
{ (void)o; (void)r; (void)c; (void)st; return NOT_SERVED; }
kern_return_t memory_object_lock_request(vm_object_t o, vm_offset_t off, vm_size_t s,
					 memory_object_return_t ret, boolean_t fl, vm_prot_t lock,
					 ipc_port_t reply, mach_msg_type_name_t replyPoly)
{ (void)o; (void)off; (void)s; (void)ret; (void)fl; (void)lock; (void)reply; (void)replyPoly;
  return NOT_SERVED; }
kern_return_t memory_object_data_error(vm_object_t o, vm_offset_t off, vm_size_t s, kern_return_t e)
{ (void)o; (void)off; (void)s; (void)e; return NOT_SERVED; }
kern_return_t memory_object_destroy(vm_object_t o, kern_return_t r)
{ (void)o; (void)r; return NOT_SERVED; }
kern_return_t memory_object_data_supply(vm_object_t o, vm_offset_t off, vm_offset_t d,
					mach_msg_type_number_t n, vm_prot_t lock, boolean_t precious,
					ipc_port_t reply, mach_msg_type_name_t replyPoly)
{ (void)o; (void)off; (void)d; (void)n; (void)lock; (void)precious; (void)reply; (void)replyPoly;
  return NOT_SERVED; }
kern_return_t memory_object_ready(vm_object_t o, boolean_t c, memory_object_copy_strategy_t st)
{ (void)o; (void)c; (void)st; return NOT_SERVED; }
kern_return_t memory_object_change_attributes(vm_object_t o, boolean_t c, memory_object_copy_strategy_t st,
					      ipc_port_t reply, mach_msg_type_name_t replyPoly)
{ (void)o; (void)c; (void)st; (void)reply; (void)replyPoly; return NOT_SERVED; }
