/*
 * ipc_tt.c — task and thread ports (see ipc_tt.h).
 */
#include <kern/ipc_tt.h>
#include <ipc/space.h>
#include <ipc/right.h>

kern_return_t ipc_task_init(struct task *t)
{
	t->space = ipc_space_create();
	t->self_port = ipc_port_alloc_kobject(IKOT_TASK, t);
	if (!t->space || !t->self_port) {
		if (t->self_port)
			ipc_port_release(t->self_port);
		if (t->space) {
			ipc_space_destroy(t->space);
			ipc_space_free(t->space);
		}
		return KERN_RESOURCE_SHORTAGE;
	}
	return KERN_SUCCESS;
}

void ipc_task_terminate(struct task *t)
{
	if (t->self_port) {
		struct ipc_port *p = t->self_port;
		t->self_port = NULL;
		p->kobject = NULL;
		ipc_port_destroy(p);
		ipc_port_release(p);
	}
	struct ipc_port **held[] = { &t->exception_port, &t->bootstrap_port, &t->registered[0],
				     &t->registered[1], &t->registered[2] };
	for (size_t i = 0; i < sizeof(held) / sizeof(held[0]); i++)
		if (*held[i]) {
			ipc_right_release_carried(*held[i], MACH_MSG_TYPE_PORT_SEND);
			*held[i] = NULL;
		}
	if (t->space)
		ipc_space_destroy(t->space);
}

void ipc_task_free(struct task *t)
{
	if (t->space) {
		ipc_space_destroy(t->space);
		ipc_space_free(t->space);
		t->space = NULL;
	}
}

kern_return_t ipc_thread_init(struct thread *th)
{
	th->self_port = ipc_port_alloc_kobject(IKOT_THREAD, th);
	return th->self_port ? KERN_SUCCESS : KERN_RESOURCE_SHORTAGE;
}

void ipc_thread_terminate(struct thread *th)
{
	if (th->kernel_reply) {
		ipc_port_destroy(th->kernel_reply);
		ipc_port_release(th->kernel_reply);
		th->kernel_reply = NULL;
	}
	if (th->self_port) {
		struct ipc_port *p = th->self_port;
		th->self_port = NULL;
		p->kobject = NULL;
		ipc_port_destroy(p);
		ipc_port_release(p);
	}
}

mach_port_name_t ipc_give_send_right(struct ipc_port *p)
{
	if (!p || !p->active)
		return MACH_PORT_NULL;
	bool failed = false;
	ipc_port_make_send(p);
	return ipc_right_copyout(current_space(), p, MACH_MSG_TYPE_PORT_SEND, &failed);
}
