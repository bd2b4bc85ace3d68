/*
 * task.c — task life cycle (see task.h for the ownership rules).
 */
#include <kern/task.h>
#include <kern/sched.h>
#include <kern/zalloc.h>
#include <kern/string.h>
#include <kern/console.h>
#include <kern/panic.h>
#include <vm/kmem.h>
#include <kern/ipc_tt.h>
#include <kern/machine.h>
#include <kern/host.h>
#include <kern/emulation.h>
#include <arch/x86_64/layout.h>

static struct zone task_zone;
static int next_task_id = 1;
int tasks_exited_ok, tasks_killed_by_fault;

void task_init(void)
{
	zone_init(&task_zone, "task", sizeof(struct task), &kernel_zone_source);
	thread_init();
	sched_init();
}

struct task *task_create_user(const char *name)
{
	struct vm_map *map = vm_map_create(USER_MIN, USER_MAX);
	return map ? task_create_with_map(name, map) : NULL;
}

struct task *task_create_with_map(const char *name, struct vm_map *map)
{
	struct task *t = zalloc(&task_zone);
	if (!t) {
		vm_map_deallocate(map);
		return NULL;
	}
	memset(t, 0, sizeof(*t));
	t->map = map;
	if (ipc_task_init(t) != KERN_SUCCESS) {
		vm_map_deallocate(map);
		zfree(&task_zone, t);
		return NULL;
	}
	list_init(&t->threads);
	t->id = next_task_id++;
	t->refs = 2;                  /* one for being alive (dropped by task_kill), one for the caller */
	t->creation_tick = machine_ticks();
	strlcpy(t->name, name, sizeof(t->name));
	sched_user_tasks++;
	list_insert_tail(&pset_tasks, &t->pset_link);
	return t;
}

void task_reference(struct task *t)
{
	t->refs++;
}

/* The address space goes when the task is terminated and no thread runs in it. */
static void release_memory(struct task *t)
{
	if (!t->map || !t->terminating || t->nthreads > 0)
		return;
	/* The CPU may still be on t's page tables (the switch away from its last thread
	 * keeps them when the next thread is a kernel thread). */
	pmap_deactivate(&t->map->pmap);
	vm_map_terminate(t->map);
	vm_map_deallocate(t->map);
	t->map = NULL;
}

void task_deallocate(struct task *t)
{
	if (!t)
		return;                 /* as GNU Mach: MIG destructors see failed conversions */
	assert(t->refs > 0);
	release_memory(t);
	if (--t->refs == 0) {
		assert(t->nthreads == 0 && !t->map);
		machine_task_exit(t);
		emulation_release(t);
		ipc_task_free(t);
		zfree(&task_zone, t);
	}
}

void task_kill(struct task *t)
{
	if (t->terminating)
		return;
	t->terminating = true;
	if (t->essential)
		panic("essential task %d \"%s\" died", t->id, t->name);
	sched_user_tasks--;
	list_remove(&t->pset_link);
	/* Its ports go first: nobody can name the task or reach its rights any more. */
	ipc_task_terminate(t);
	/* Then its memory, at once as in Mach (its threads never touch user memory again:
	 * they die on their way out; a copy in flight finds nothing and fails). The map
	 * and its page tables stay until no thread runs in them. */
	if (t->map)
		vm_map_terminate(t->map);
	struct thread *self = current_thread();
	struct list *pos, *tmp;
	list_for_each_safe(pos, tmp, &t->threads) {
		struct thread *th = list_entry(pos, struct thread, task_link);
		if (th != self)
			thread_kill(th);
	}
	bool own = self->task == t;
	/* The "alive" reference goes; the threads' references keep the task until the
	 * last of them is reaped (its memory goes then, or now if none is left). */
	task_deallocate(t);
	if (own)
		thread_terminate_self();
}

/* Its threads' thread_return_needs_work follows the task's suspend count. */
static void update_threads_return_work(struct task *t)
{
	struct list *pos;
	list_for_each(pos, &t->threads)
		thread_update_return_work(list_entry(pos, struct thread, task_link));
}

void task_hold(struct task *t)
{
	t->suspend_count++;
	update_threads_return_work(t);
}

bool task_release(struct task *t)
{
	if (t->suspend_count == 0)
		return false;
	if (--t->suspend_count == 0) {
		update_threads_return_work(t);
		struct list *pos;
		list_for_each(pos, &t->threads) {
			struct thread *th = list_entry(pos, struct thread, task_link);
			if (th->state == THREAD_STOPPED && th->suspend_count == 0)
				thread_setrun(th);
		}
	}
	return true;
}

void sched_start(void)
{
	thread_block();
	panic("sched_start: the boot flow was resumed");
}
