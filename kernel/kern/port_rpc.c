/*
 * port_rpc.c — the routines of mach_port.defs, called by the stubs our mig generates
 * (kernel/kserver/mach_portServer.c) for messages to a task port. Each checks the task
 * and hands over to ipc/port_ops.c.
 *
 * Rights in requests (insert_right's poly, request_notification's notify) belong to the
 * routine only when it returns KERN_SUCCESS; otherwise the kernel destroys them with the
 * request (kern/ipc_kobject.c), as in GNU Mach.
 */
#include <kern/mig_convert.h>
#include <kern/task.h>
#include <ipc/port_ops.h>
#include <ipc/right.h>
#include <kern/ool_reply.h>
#include <vm/map_copy.h>
/* The generated server header: the compiler checks each routine against the stubs. */
#include "mach_port_S.h"

#define SPACE(s) ((struct ipc_space *)(s))

ipc_space_t convert_port_to_space(ipc_port_t p)
{
	if (!IPC_PORT_VALID(p) || !p->active || p->kotype != IKOT_TASK || !p->kobject)
		return 0;
	struct task *t = p->kobject;
	return t->terminating || !t->space->active ? 0 : (ipc_space_t)t->space;
}

/* Both arrays out of line (kern/ool_reply.h): sized by the space's entry count, filled,
 * then turned into map copies; a shortage anywhere frees what was made. */
kern_return_t mach_port_names(ipc_space_t task, mach_port_name_array_t *names,
			      mach_msg_type_number_t *namesCnt, mach_port_type_array_t *types,
			      mach_msg_type_number_t *typesCnt)
{
	if (!task)
		return KERN_INVALID_TASK;
	struct ipc_space *s = SPACE(task);
	uint32_t n = s->nentries, *nb, *tb = NULL;
	if (ool_words_alloc(n, &nb) != KERN_SUCCESS || ool_words_alloc(n, &tb) != KERN_SUCCESS) {
		ool_words_free(nb, n);
		return KERN_RESOURCE_SHORTAGE;
	}
	uint32_t got = port_op_names(s, nb, tb, n);
	uint64_t ncopy, tcopy;
	kern_return_t kr = ool_words_reply(nb, n, got, &ncopy);
	if (ool_words_reply(tb, n, got, &tcopy) != KERN_SUCCESS || kr != KERN_SUCCESS) {
		vm_map_copy_discard((struct vm_map_copy *)ncopy);
		vm_map_copy_discard((struct vm_map_copy *)tcopy);
		return KERN_RESOURCE_SHORTAGE;
	}
	*names = (mach_port_name_array_t)ncopy;
	*types = (mach_port_type_array_t)tcopy;
	*namesCnt = *typesCnt = got;
	return KERN_SUCCESS;
}

kern_return_t mach_port_type(ipc_space_t task, mach_port_name_t name, mach_port_type_t *ptype)
{
	return task ? port_op_type(SPACE(task), name, ptype) : KERN_INVALID_TASK;
}

kern_return_t mach_port_rename(ipc_space_t task, mach_port_name_t old_name, mach_port_name_t new_name)
{
	return task ? port_op_rename(SPACE(task), old_name, new_name) : KERN_INVALID_TASK;
}

kern_return_t mach_port_allocate_name(ipc_space_t task, mach_port_right_t right, mach_port_name_t name)
{
	return task ? port_op_allocate_name(SPACE(task), right, name) : KERN_INVALID_TASK;
}

kern_return_t mach_port_allocate(ipc_space_t task, mach_port_right_t right, mach_port_name_t *name)
{
	return task ? port_op_allocate(SPACE(task), right, name) : KERN_INVALID_TASK;
}

kern_return_t mach_port_destroy(ipc_space_t task, mach_port_name_t name)
{
	return task ? port_op_destroy(SPACE(task), name) : KERN_INVALID_TASK;
}

kern_return_t mach_port_deallocate(ipc_space_t task, mach_port_name_t name)
{
	return task ? port_op_deallocate(SPACE(task), name) : KERN_INVALID_TASK;
}

kern_return_t mach_port_get_refs(ipc_space_t task, mach_port_name_t name, mach_port_right_t right,
				 mach_port_urefs_t *refs)
{
	return task ? port_op_get_refs(SPACE(task), name, right, refs) : KERN_INVALID_TASK;
}

kern_return_t mach_port_mod_refs(ipc_space_t task, mach_port_name_t name, mach_port_right_t right,
				 mach_port_delta_t delta)
{
	return task ? port_op_mod_refs(SPACE(task), name, right, delta) : KERN_INVALID_TASK;
}

kern_return_t mach_port_set_qlimit(ipc_space_t task, mach_port_name_t name, mach_port_msgcount_t qlimit)
{
	return task ? port_op_set_qlimit(SPACE(task), name, qlimit) : KERN_INVALID_TASK;
}

kern_return_t mach_port_set_mscount(ipc_space_t task, mach_port_name_t name, mach_port_mscount_t mscount)
{
	return task ? port_op_set_mscount(SPACE(task), name, mscount) : KERN_INVALID_TASK;
}

/* The member names out of line: counted, then listed into a buffer of that size (nothing
 * can change in between: one CPU, no blocking). */
kern_return_t mach_port_get_set_status(ipc_space_t task, mach_port_name_t name,
				       mach_port_name_array_t *members, mach_msg_type_number_t *membersCnt)
{
	if (!task)
		return KERN_INVALID_TASK;
	uint32_t n, got, *buf;
	kern_return_t kr = port_op_set_members(SPACE(task), name, NULL, 0, &n);
	if (kr != KERN_SUCCESS)
		return kr;
	if (ool_words_alloc(n, &buf) != KERN_SUCCESS)
		return KERN_RESOURCE_SHORTAGE;
	port_op_set_members(SPACE(task), name, buf, n, &got);
	uint64_t copy;
	if (ool_words_reply(buf, n, got < n ? got : n, &copy) != KERN_SUCCESS)
		return KERN_RESOURCE_SHORTAGE;
	*members = (mach_port_name_array_t)copy;
	*membersCnt = got < n ? got : n;
	return KERN_SUCCESS;
}

kern_return_t mach_port_move_member(ipc_space_t task, mach_port_name_t member, mach_port_name_t after)
{
	return task ? port_op_move_member(SPACE(task), member, after) : KERN_INVALID_TASK;
}

kern_return_t mach_port_request_notification(ipc_space_t task, mach_port_name_t name, mach_msg_id_t id,
					     mach_port_mscount_t sync, ipc_port_t notify,
					     ipc_port_t *previous)
{
	if (!task)
		return KERN_INVALID_TASK;
	struct ipc_port *prev = NULL;
	kern_return_t kr = port_op_request_notification(SPACE(task), name, id, sync,
							IPC_PORT_VALID(notify) ? notify : NULL, &prev);
	if (kr != KERN_SUCCESS)
		return kr;
	*previous = prev;               /* a send-once right, moved into the reply */
	return KERN_SUCCESS;
}

kern_return_t mach_port_insert_right(ipc_space_t task, mach_port_name_t name, ipc_port_t poly,
				     mach_msg_type_name_t polyPoly)
{
	if (!task)
		return KERN_INVALID_TASK;
	if (!MACH_MSG_TYPE_PORT_ANY_RIGHT(polyPoly))
		return KERN_INVALID_VALUE;
	return port_op_insert_right(SPACE(task), name, poly, polyPoly);
}

kern_return_t mach_port_extract_right(ipc_space_t task, mach_port_name_t name,
				      mach_msg_type_name_t msgt_name, ipc_port_t *poly,
				      mach_msg_type_name_t *polyPoly)
{
	return task ? port_op_extract_right(SPACE(task), name, msgt_name, poly, polyPoly)
		    : KERN_INVALID_TASK;
}

kern_return_t mach_port_get_receive_status(ipc_space_t task, mach_port_name_t name,
					   mach_port_status_t *status)
{
	return task ? port_op_get_receive_status(SPACE(task), name, status) : KERN_INVALID_TASK;
}

kern_return_t mach_port_set_seqno(ipc_space_t task, mach_port_name_t name, mach_port_seqno_t seqno)
{
	return task ? port_op_set_seqno(SPACE(task), name, seqno) : KERN_INVALID_TASK;
}

kern_return_t mach_port_set_protected_payload(ipc_space_t task, mach_port_name_t name,
					      rpc_uintptr_t payload)
{
	return task ? port_op_set_protected_payload(SPACE(task), name, payload) : KERN_INVALID_TASK;
}

kern_return_t mach_port_clear_protected_payload(ipc_space_t task, mach_port_name_t name)
{
	return task ? port_op_clear_protected_payload(SPACE(task), name) : KERN_INVALID_TASK;
}
