/*
 * bootstrap.c — the first user task: check module 1 as an ELF64 executable, build its
 * address space (segments, stack, argv from the module's command line) and run it.
 *
 * Everything about the module is checked before anything is built, and every failure is
 * a boot_fail with a message naming the module: bad boot input never faults the kernel.
 * Further modules are loaded by GRUB but not started yet: several boot tasks and the
 * boot-script syntax (${host-port}, $(task-create) ...) come with the kernel-core issue.
 */
#include <kern/bootstrap.h>
#include <kern/console.h>
#include <kern/elf.h>
#include <kern/copy.h>
#include <kern/machine.h>
#include <kern/string.h>
#include <kern/task.h>
#include <vm/page_alloc.h>
#include <arch/x86_64/layout.h>
#include <arch/x86_64/pmap.h>

#define MAX_ARGS 256

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

/* Splits cmdline in place into argv; returns argc. */
static int split_args(char *cmdline, char **argv)
{
	int argc = 0;
	char *p = cmdline;
	while (*p) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (!*p)
			break;
		if (argc == MAX_ARGS)
			boot_fail("module 1 has more than %d arguments", MAX_ARGS);
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	return argc;
}

static int page_prot(const struct elf_image *img, uint64_t va)
{
	int prot = 0;
	for (size_t i = 0; i < img->nsegments; i++) {
		const struct elf_segment *s = &img->segments[i];
		if (s->memsz && va < round_page(s->vaddr + s->memsz) && va + PAGE_SIZE > trunc_page(s->vaddr))
			prot |= PMAP_READ | (s->flags & PF_W ? PMAP_WRITE : 0) |
				(s->flags & PF_X ? PMAP_EXEC : 0);
	}
	return prot;
}

/* Maps [start, end) with fresh zeroed frames where nothing is mapped yet. */
static void map_fresh(struct task *t, uint64_t start, uint64_t end, const struct elf_image *img,
		      int prot)
{
	for (uint64_t va = start; va < end; va += PAGE_SIZE) {
		uint64_t pa = pmap_extract(&t->pmap, va);
		if (!pa) {
			struct vm_page *pg = vm_page_alloc(&kernel_page_pool, 0);
			if (!pg)
				boot_fail("out of memory loading module 1");
			pa = vm_page_to_phys(&kernel_page_pool, pg);
			memset(phys_to_virt(pa), 0, PAGE_SIZE);
		}
		if (pmap_enter(&t->pmap, va, pa, img ? page_prot(img, va) : prot) != 0)
			boot_fail("out of memory for module 1's page tables");
	}
}

static void load_segment(struct task *t, const uint8_t *image, const struct elf_image *img,
			 const struct elf_segment *s)
{
	map_fresh(t, trunc_page(s->vaddr), round_page(s->vaddr + s->memsz), img, 0);
	/* Copy the file part page by page through the direct map (the pages are not
	 * necessarily writable from user mode, and the task's map is not active). */
	for (uint64_t done = 0; done < s->filesz;) {
		uint64_t va = s->vaddr + done;
		uint64_t in_page = PAGE_SIZE - (va & PAGE_MASK);
		uint64_t n = s->filesz - done < in_page ? s->filesz - done : in_page;
		uint8_t *dst = phys_to_virt(pmap_extract(&t->pmap, trunc_page(va)));
		memcpy(dst + (va & PAGE_MASK), image + s->offset + done, n);
		done += n;
	}
}

/* Builds argc/argv/envp on the new stack (the task's map must be active); returns rsp. */
static uint64_t build_stack(int argc, char **argv)
{
	uint64_t sp = USER_STACK_TOP;
	uint64_t uargv[MAX_ARGS + 3];
	for (int i = argc - 1; i >= 0; i--) {
		size_t len = strlen(argv[i]) + 1;
		sp -= len;
		if (copyout(argv[i], sp, len) != 0)
			boot_fail("cannot write module 1's arguments on its stack");
		uargv[1 + i] = sp;
	}
	uargv[0] = (uint64_t)argc;
	uargv[1 + argc] = 0;                  /* end of argv */
	uargv[2 + argc] = 0;                  /* empty environment */
	size_t words = (size_t)argc + 3;
	sp &= ~15ull;
	if (words & 1)
		sp -= 8;                      /* rsp 16-byte aligned at entry, as the ABI wants */
	sp -= words * 8;
	if (copyout(uargv, sp, words * 8) != 0)
		boot_fail("cannot write module 1's arguments on its stack");
	return sp;
}

static int module_in_ram(const struct boot_info *bi, const struct boot_module *m)
{
	for (size_t i = 0; i < bi->nregions; i++)
		if (m->start >= bi->regions[i].start && m->end <= bi->regions[i].end)
			return 1;
	return 0;
}

void bootstrap_start(const struct boot_info *bi)
{
	static char cmdline[BOOT_CMDLINE_MAX];
	static char *argv[MAX_ARGS];
	static struct elf_image img;
	char err[160];

	if (bi->nmodules == 0)
		boot_fail("no boot module was given, so there is nothing to run "
			  "(grub.cfg needs a `module` line after `multiboot`)");
	const struct boot_module *m = &bi->modules[0];
	strlcpy(cmdline, m->cmdline, sizeof(cmdline));
	int argc = split_args(cmdline, argv);
	const char *path = argc ? argv[0] : "module1";
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;

	if (!module_in_ram(bi, m))
		boot_fail("module 1 (%s) at [%#lx, %#lx) is not in usable memory", path,
			  (unsigned long)m->start, (unsigned long)m->end);
	const uint8_t *image = phys_to_virt(m->start);
	size_t size = (size_t)(m->end - m->start);
	if (elf_check(image, size, USER_MIN, USER_STACK_TOP - USER_STACK_SIZE, &img, err,
		      sizeof(err)) != ELF_OK)
		boot_fail("module 1 (%s) is not a valid ELF64 executable: %s", path, err);

	struct task *t = task_create_user(name);
	struct thread *th = t ? thread_create_user(t, false) : NULL;
	if (!th)
		boot_fail("out of memory creating the first task");
	for (size_t i = 0; i < img.nsegments; i++)
		load_segment(t, image, &img, &img.segments[i]);
	map_fresh(t, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_TOP, NULL,
		  PMAP_READ | PMAP_WRITE);
	pmap_activate(&t->pmap);
	uint64_t rsp = build_stack(argc, argv);
	thread_set_user_entry(th, img.entry, rsp);

	for (size_t i = 1; i < bi->nmodules; i++)
		kprintf("bootstrap: module %zu (%s) is loaded but not started: only the first "
			"module runs until boot scripts are supported\n", i + 1, bi->modules[i].cmdline);
	kprintf("bootstrap: starting task %d \"%s\" from module 1 (%zu bytes, entry %#lx)\n",
		t->id, t->name, size, (unsigned long)img.entry);
	thread_resume(th);
	sched_start();
}
