/*
 * bootstrap.c — the boot tasks, from GRUB's modules.
 *
 * With boot-script syntax in the module command lines (bootscript.h), each module with
 * $(task-create) becomes a task, variables are expanded (ports as rights inserted into
 * that task), and the tasks with $(task-resume) start once all are loaded. Without it,
 * module 1 alone becomes the bootstrap task, started at once, holding send rights to
 * host_priv under name 1 and the device master under name 2.
 *
 * Everything about a module is checked before it runs, and every failure is a boot_fail
 * naming the module: bad boot input never faults the kernel.
 */
#include <kern/bootstrap.h>
#include <kern/bootscript.h>
#include <kern/console.h>
#include <kern/format.h>
#include <kern/host.h>
#include <kern/ipc_tt.h>
#include <kern/machine.h>
#include <kern/program.h>
#include <kern/string.h>
#include <kern/leakcheck.h>
#include <ipc/right.h>
#include <arch/x86_64/layout.h>

#define MAX_VARS 64

struct boot_var {
	char name[BOOTSCRIPT_NAME_MAX];
	struct ipc_port *port;         /* a port variable, or NULL */
	const char *text;              /* a text variable */
};

struct boot_task {
	struct task *task;
	struct thread *thread;
	struct bootscript_cmd cmd;
	char line[BOOT_CMDLINE_MAX];
};

static struct boot_var vars[MAX_VARS];
static int nvars;
static struct boot_task tasks[BOOT_MAX_MODULES];
static char kernel_line[BOOT_CMDLINE_MAX];
static char expanded[BOOTSCRIPT_MAX_WORDS][BOOT_CMDLINE_MAX];
static char *argv[BOOTSCRIPT_MAX_WORDS];

void boot_fail(const char *fmt, ...)
{
	va_list ap;
	kprintf("boot: ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\nboot: cannot go on; halted\n");
	machine_halt(EXIT_BOOT_FAILED);
}

static void define(const char *name, struct ipc_port *port, const char *text)
{
	if (nvars == MAX_VARS)
		boot_fail("more than %d boot-script variables", MAX_VARS);
	strlcpy(vars[nvars].name, name, sizeof(vars[nvars].name));
	vars[nvars].port = port;
	vars[nvars].text = text;
	nvars++;
}

/* The kernel's own NAME=VALUE options become text variables (root=... and the like). */
static void define_kernel_vars(const char *cmdline)
{
	define("kernel-command-line", NULL, cmdline);
	strlcpy(kernel_line, cmdline, sizeof(kernel_line));
	struct bootscript_cmd words;
	char err[96];
	if (!bootscript_parse(kernel_line, &words, err, sizeof(err)))
		return;
	for (int i = 0; i < words.nwords; i++) {
		char *eq = strchr(words.words[i], '=');
		if (eq && eq != words.words[i] && eq - words.words[i] < BOOTSCRIPT_NAME_MAX) {
			*eq = '\0';
			define(words.words[i], NULL, eq + 1);
		}
	}
}

/* A send right to p in t's space; its name. */
static mach_port_name_t give_right(struct task *t, struct ipc_port *p)
{
	bool failed = false;
	ipc_port_make_send(p);
	mach_port_name_t name = ipc_right_copyout(t->space, p, MACH_MSG_TYPE_PORT_SEND, &failed);
	if (failed)
		boot_fail("no room for a port right in task \"%s\"", t->name);
	return name;
}

static bool lookup(void *ctx, const char *name, char *value, size_t len)
{
	struct task *t = ctx;
	for (int i = nvars - 1; i >= 0; i--) {
		if (strcmp(vars[i].name, name) != 0)
			continue;
		if (vars[i].port)
			snprintf(value, len, "%u", give_right(t, vars[i].port));
		else
			strlcpy(value, vars[i].text, len);
		return true;
	}
	return false;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static void check_in_ram(const struct boot_info *bi, size_t i)
{
	const struct boot_module *m = &bi->modules[i];
	for (size_t r = 0; r < bi->nregions; r++)
		if (m->start >= bi->regions[r].start && m->end <= bi->regions[r].end)
			return;
	boot_fail("module %zu (%s) at [%#lx, %#lx) is not in usable memory", i + 1, m->cmdline,
		  (unsigned long)m->start, (unsigned long)m->end);
}

static void create_task(const struct boot_info *bi, size_t i)
{
	struct boot_task *b = &tasks[i];
	const char *path = b->cmd.nwords ? b->cmd.words[0] : "module";
	check_in_ram(bi, i);
	b->task = task_create_user(base_name(path));
	b->thread = b->task ? thread_create_user(b->task, false) : NULL;
	if (!b->thread)
		boot_fail("out of memory creating a task for module %zu (%s)", i + 1, path);
	if (b->cmd.create_var[0])
		define(b->cmd.create_var, b->task->self_port, NULL);
}

static void load_task(const struct boot_info *bi, size_t i)
{
	struct boot_task *b = &tasks[i];
	const struct boot_module *m = &bi->modules[i];
	char err[160];
	const char *path = b->cmd.nwords ? b->cmd.words[0] : "module";
	for (int w = 0; w < b->cmd.nwords; w++) {
		if (!bootscript_expand(b->cmd.words[w], expanded[w], sizeof(expanded[w]), lookup,
				       b->task, err, sizeof(err)))
			boot_fail("module %zu (%s): %s", i + 1, path, err);
		argv[w] = expanded[w];
	}
	if (!program_load(b->task, b->thread, phys_to_virt(m->start), (size_t)(m->end - m->start),
			  b->cmd.nwords, argv, err, sizeof(err)))
		boot_fail("module %zu (%s) is not a valid ELF64 executable: %s", i + 1, path, err);
	kprintf("bootstrap: module %zu (%s) is task %d \"%s\" (%lu bytes)%s\n", i + 1, path,
		b->task->id, b->task->name, (unsigned long)(m->end - m->start),
		b->cmd.resume ? "" : ", suspended");
}

static void bootstrap_legacy(const struct boot_info *bi)
{
	struct boot_task *b = &tasks[0];
	char err[96];
	strlcpy(b->line, bi->modules[0].cmdline, sizeof(b->line));
	if (!bootscript_parse(b->line, &b->cmd, err, sizeof(err)))
		boot_fail("module 1: %s", err);
	b->cmd.create = b->cmd.resume = true;
	create_task(bi, 0);
	/* The bootstrap task's two rights, under names 1 and 2 of its fresh space. */
	give_right(b->task, host_priv_port);
	give_right(b->task, device_master_port);
	load_task(bi, 0);
	for (size_t i = 1; i < bi->nmodules; i++)
		kprintf("bootstrap: module %zu (%s) is loaded but not started: without boot-script "
			"syntax only the first module runs\n", i + 1, bi->modules[i].cmdline);
}

static void bootstrap_script(const struct boot_info *bi)
{
	char err[96];
	for (size_t i = 0; i < bi->nmodules; i++) {
		strlcpy(tasks[i].line, bi->modules[i].cmdline, sizeof(tasks[i].line));
		if (!bootscript_parse(tasks[i].line, &tasks[i].cmd, err, sizeof(err)))
			boot_fail("module %zu: %s", i + 1, err);
	}
	/* Tasks first, so every module can name every task variable. */
	for (size_t i = 0; i < bi->nmodules; i++)
		if (tasks[i].cmd.create)
			create_task(bi, i);
	for (size_t i = 0; i < bi->nmodules; i++) {
		if (tasks[i].cmd.create)
			load_task(bi, i);
		else
			kprintf("bootstrap: module %zu (%s) is data: it has no $(task-create)\n", i + 1,
				bi->modules[i].cmdline);
	}
}

void bootstrap_start(const struct boot_info *bi)
{
	if (bi->nmodules == 0)
		boot_fail("no boot module was given, so there is nothing to run "
			  "(grub.cfg needs a `module` line after `multiboot`)");
	leakcheck_baseline();
	define("host-port", host_priv_port, NULL);
	define("device-port", device_master_port, NULL);
	define_kernel_vars(bi->cmdline);

	bool script = false;
	for (size_t i = 0; i < bi->nmodules; i++)
		script |= bootscript_uses_syntax(bi->modules[i].cmdline);
	if (script)
		bootstrap_script(bi);
	else
		bootstrap_legacy(bi);
	for (size_t i = 0; i < bi->nmodules; i++) {
		if (tasks[i].thread && tasks[i].cmd.resume)
			thread_release(tasks[i].thread);
		/* The tasks run on their own now: the creator's reference goes. */
		if (tasks[i].task)
			task_deallocate(tasks[i].task);
	}
	sched_start();
}
