/*
 * program.c — ELF programs into tasks (see program.h). Every check of the image is done
 * by elf_check before anything is mapped.
 */
#include <kern/program.h>
#include <kern/elf.h>
#include <kern/copy.h>
#include <kern/format.h>
#include <kern/string.h>
#include <vm/map.h>
#include <arch/x86_64/layout.h>

static int page_prot(const struct elf_image *img, uint64_t va)
{
	int prot = 0;
	for (size_t i = 0; i < img->nsegments; i++) {
		const struct elf_segment *s = &img->segments[i];
		if (s->memsz && va < round_page(s->vaddr + s->memsz) && va + PAGE_SIZE > trunc_page(s->vaddr))
			prot |= VM_PROT_READ | (s->flags & PF_W ? VM_PROT_WRITE : 0) |
				(s->flags & PF_X ? VM_PROT_EXECUTE : 0);
	}
	return prot;
}

/* Maps the pages [start, end) not mapped yet, zero-fill, each with the protections of
 * the segments touching it (neighbouring pages alike merge into one entry). */
static bool map_segment_pages(struct vm_map *m, uint64_t start, uint64_t end,
			      const struct elf_image *img)
{
	for (uint64_t va = start; va < end; va += PAGE_SIZE) {
		if (vm_map_lookup_entry(m, va))
			continue;
		uint64_t at = va;
		if (vm_map_enter(m, &at, PAGE_SIZE, 0, false, NULL, 0, false, page_prot(img, va),
				 VM_PROT_ALL, VM_INHERIT_COPY) != KERN_SUCCESS)
			return false;
	}
	return true;
}

static bool load_segment(struct task *t, const uint8_t *image, const struct elf_image *img,
			 const struct elf_segment *s)
{
	if (!map_segment_pages(t->map, trunc_page(s->vaddr), round_page(s->vaddr + s->memsz), img))
		return false;
	/* Written through the direct map, whatever the pages' protection (text is
	 * read-only to the task); the rest of each page stays zero-fill. */
	return vm_map_write_kernel(t->map, s->vaddr, image + s->offset, s->filesz, true) ==
	       KERN_SUCCESS;
}

/* Writes argc/argv/envp below USER_STACK_TOP in m; returns rsp, or 0 if the arguments do
 * not fit the stack. */
static uint64_t build_stack(struct vm_map *m, int argc, char *const *argv)
{
	static uint64_t uargv[PROGRAM_MAX_ARGS + 3];
	uint64_t sp = USER_STACK_TOP;
	for (int i = argc - 1; i >= 0; i--) {
		size_t len = strlen(argv[i]) + 1;
		if (len > USER_STACK_SIZE / 2 || sp - len < USER_STACK_TOP - USER_STACK_SIZE / 2)
			return 0;
		sp -= len;
		if (vm_map_write_kernel(m, sp, argv[i], len, false) != KERN_SUCCESS)
			return 0;
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
	return vm_map_write_kernel(m, sp, uargv, words * 8, false) == KERN_SUCCESS ? sp : 0;
}

bool program_load(struct task *t, struct thread *th, const void *image, size_t size,
		  int argc, char *const *argv, char *err, size_t errlen)
{
	static struct elf_image img;
	if (argc > PROGRAM_MAX_ARGS) {
		snprintf(err, errlen, "more than %d arguments", PROGRAM_MAX_ARGS);
		return false;
	}
	if (elf_check(image, size, USER_MIN, USER_STACK_TOP - USER_STACK_SIZE, &img, err,
		      errlen) != ELF_OK)
		return false;
	for (size_t i = 0; i < img.nsegments; i++)
		if (!load_segment(t, image, &img, &img.segments[i])) {
			snprintf(err, errlen, "out of memory loading its segments");
			return false;
		}
	uint64_t stack = USER_STACK_TOP - USER_STACK_SIZE;
	if (vm_map_enter(t->map, &stack, USER_STACK_SIZE, 0, false, NULL, 0, false,
			 VM_PROT_READ | VM_PROT_WRITE, VM_PROT_ALL, VM_INHERIT_COPY) != KERN_SUCCESS) {
		snprintf(err, errlen, "cannot map its stack");
		return false;
	}
	uint64_t rsp = build_stack(t->map, argc, argv);
	if (!rsp) {
		snprintf(err, errlen, "its arguments do not fit on its stack");
		return false;
	}
	thread_set_user_entry(th, img.entry, rsp);
	return true;
}
