/*
 * task.c — creating, running and ending user tasks (see task.h for the lifetime rules).
 */
#include <kern/task.h>
#include <kern/zalloc.h>
#include <kern/string.h>
#include <kern/console.h>
#include <kern/idle.h>
#include <kern/panic.h>
#include <vm/page_alloc.h>
#include <vm/kmem.h>
#include <arch/x86_64/layout.h>

static struct zone task_zone, thread_zone;
static int next_task_id = 1;
extern char boot_stack_top[];

static void *zone_page(void *ctx)
{
	(void)ctx;
	return kernel_page_alloc();
}

static const struct zone_page_source kernel_zone_source = { zone_page, NULL };

void task_init(void)
{
	zone_init(&task_zone, "task", sizeof(struct task), &kernel_zone_source);
	zone_init(&thread_zone, "thread", sizeof(struct thread), &kernel_zone_source);
}

static void free_kstack(struct thread *th)
{
	struct vm_page *pg = vm_page_from_phys(&kernel_page_pool, virt_to_phys(th->kstack));
	vm_page_free(&kernel_page_pool, pg, KERNEL_STACK_ORDER);
}

struct task *task_create_user(const char *name)
{
	struct task *t = zalloc(&task_zone);
	struct thread *th = zalloc(&thread_zone);
	struct vm_page *stack = vm_page_alloc(&kernel_page_pool, KERNEL_STACK_ORDER);
	if (!t || !th || !stack)
		goto fail;
	memset(t, 0, sizeof(*t));
	memset(th, 0, sizeof(*th));
	if (pmap_create(&t->pmap) != 0)
		goto fail;
	th->kstack = phys_to_virt(vm_page_to_phys(&kernel_page_pool, stack));
	uint64_t top = (uint64_t)th->kstack + (PAGE_SIZE << KERNEL_STACK_ORDER);
	th->frame = (struct trap_frame *)(top - sizeof(struct trap_frame));
	memset(th->frame, 0, sizeof(*th->frame));
	th->task = t;
	t->thread = th;
	t->id = next_task_id++;
	strlcpy(t->name, name, sizeof(t->name));
	return t;
fail:
	if (stack)
		vm_page_free(&kernel_page_pool, stack, KERNEL_STACK_ORDER);
	if (th)
		zfree(&thread_zone, th);
	if (t)
		zfree(&task_zone, t);
	return NULL;
}

void thread_set_user_entry(struct thread *th, uint64_t entry, uint64_t rsp)
{
	struct trap_frame *f = th->frame;
	f->rip = entry;
	f->cs = SEL_UCODE;
	f->ss = SEL_UDATA;
	f->rsp = rsp;
	f->rflags = 0x202;          /* IF, and the always-one bit */
}

struct thread *current_thread(void)
{
	return cpu0.thread;
}

struct task *current_task(void)
{
	return cpu0.thread ? cpu0.thread->task : NULL;
}

void thread_run(struct thread *th)
{
	uint64_t top = (uint64_t)th->kstack + (PAGE_SIZE << KERNEL_STACK_ORDER);
	cpu0.thread = th;
	cpu0.kernel_rsp = top;
	tss_set_kernel_stack(top);
	pmap_activate(&th->task->pmap);
	trap_return_to(th->frame);
}

/* Runs on the boot stack, so the thread's kernel stack can be freed. */
static void finish_termination(void *arg)
{
	struct task *t = arg;
	struct thread *th = t->thread;
	pmap_activate_kernel();
	pmap_destroy(&t->pmap);
	free_kstack(th);
	zfree(&thread_zone, th);
	zfree(&task_zone, t);
	kernel_idle();
}

void task_terminate_current(void)
{
	struct task *t = current_task();
	assert(t);
	cpu0.thread = NULL;
	call_on_stack(boot_stack_top, finish_termination, t);
}
