/*
 * ipc_traps.c — Mach traps about ports and tasks: mach_reply_port, mach_task_self,
 * mach_thread_self, mach_host_self, and GNU Mach's syscall_* shortcuts of
 * mach_port.defs and mach.defs calls (the target task is named by a send right to its
 * port, looked up in the caller's space).
 */
#include <kern/ipc_tt.h>
#include <kern/host.h>
#include <kern/copy.h>
#include <kern/sched.h>
#include <ipc/right.h>
#include <ipc/port_ops.h>

/* The task a name in the caller's space stands for (a send or receive right to a task
 * port), or NULL. */
static struct task *name_to_task(mach_port_name_t name)
{
	kern_return_t kr;
	struct ipc_port *p = ipc_right_port(current_space(), name, false, &kr);
	if (!p || !p->active || p->kotype != IKOT_TASK || !p->kobject)
		return NULL;
	struct task *t = p->kobject;
	return t->terminating ? NULL : t;
}

uint64_t trap_mach_reply_port(const uint64_t *args)
{
	(void)args;
	mach_port_name_t name;
	if (port_op_allocate(current_space(), MACH_PORT_RIGHT_RECEIVE, &name) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return name;
}

/* mach_task_self is called constantly (every RPC stub names the task), so the name of
 * the task's send right to itself is remembered: while that entry still holds a send
 * right to the self port, one more user reference is all it takes. Otherwise the slow
 * path makes the right and remembers the name. */
uint64_t trap_mach_task_self(const uint64_t *args)
{
	(void)args;
	struct task *t = current_task();
	struct ipc_entry *e = t->self_name ? ipc_entry_lookup(t->space, t->self_name) : NULL;
	if (e && e->object == &t->self_port->obj && (e->type & MACH_PORT_TYPE_SEND)) {
		if (e->urefs < IPC_ENTRY_UREFS_MAX)
			e->urefs++;
		return t->self_name;
	}
	t->self_name = ipc_give_send_right(t->self_port);
	return t->self_name;
}

uint64_t trap_mach_thread_self(const uint64_t *args)
{
	(void)args;
	return ipc_give_send_right(current_thread()->self_port);
}

uint64_t trap_mach_host_self(const uint64_t *args)
{
	(void)args;
	return ipc_give_send_right(host_port);
}

/* Writes a name result; KERN_INVALID_ADDRESS... GNU Mach returns what copyout gives. */
static kern_return_t put_name(uint64_t where, mach_port_name_t name)
{
	return copyout(&name, where, sizeof(name)) == 0 ? KERN_SUCCESS : KERN_INVALID_ADDRESS;
}

uint64_t trap_syscall_mach_port_allocate(const uint64_t *args)
{
	struct task *t = name_to_task((mach_port_name_t)args[0]);
	if (!t)
		return MACH_SEND_INVALID_DEST;
	mach_port_name_t name;
	kern_return_t kr = port_op_allocate(t->space, (mach_port_right_t)args[1], &name);
	return kr == KERN_SUCCESS ? put_name(args[2], name) : kr;
}

uint64_t trap_syscall_mach_port_allocate_name(const uint64_t *args)
{
	struct task *t = name_to_task((mach_port_name_t)args[0]);
	if (!t)
		return MACH_SEND_INVALID_DEST;
	return port_op_allocate_name(t->space, (mach_port_right_t)args[1], (mach_port_name_t)args[2]);
}

uint64_t trap_syscall_mach_port_deallocate(const uint64_t *args)
{
	struct task *t = name_to_task((mach_port_name_t)args[0]);
	if (!t)
		return MACH_SEND_INVALID_DEST;
	return port_op_deallocate(t->space, (mach_port_name_t)args[1]);
}

/* insert_right(task, name, poly, polyPoly): the right `poly` names in the caller's
 * space, taken with disposition polyPoly, goes into task under `name`. */
uint64_t trap_syscall_mach_port_insert_right(const uint64_t *args)
{
	struct task *t = name_to_task((mach_port_name_t)args[0]);
	if (!t)
		return MACH_SEND_INVALID_DEST;
	mach_port_name_t name = (mach_port_name_t)args[1], poly = (mach_port_name_t)args[2];
	mach_msg_type_name_t disp = (mach_msg_type_name_t)args[3], kind;
	if (!MACH_MSG_TYPE_PORT_ANY(disp))
		return KERN_INVALID_VALUE;
	struct ipc_port *p;
	kern_return_t kr = port_op_extract_right(current_space(), poly, disp, &p, &kind);
	if (kr != KERN_SUCCESS)
		return kr == KERN_INVALID_NAME ? KERN_INVALID_CAPABILITY : kr;
	kr = port_op_insert_right(t->space, name, p, kind);
	if (kr != KERN_SUCCESS)
		ipc_right_release_carried(p, kind);
	return kr;
}

uint64_t trap_syscall_task_terminate(const uint64_t *args)
{
	struct task *t = name_to_task((mach_port_name_t)args[0]);
	if (!t)
		return MACH_SEND_INVALID_DEST;
	task_kill(t);
	return KERN_SUCCESS;
}

uint64_t trap_syscall_task_suspend(const uint64_t *args)
{
	struct task *t = name_to_task((mach_port_name_t)args[0]);
	if (!t)
		return MACH_SEND_INVALID_DEST;
	task_hold(t);
	return KERN_SUCCESS;
}
