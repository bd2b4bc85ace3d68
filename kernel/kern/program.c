/*
 * program.c — ELF programs into tasks (see program.h). Every check of the image is done
 * by elf_check before anything is mapped.
 */
#include <kern/program.h>
#include <kern/elf.h>
#include <kern/copy.h>
#include <kern/format.h>
#include <kern/string.h>
#include <vm/page_alloc.h>
#include <arch/x86_64/layout.h>
#include <arch/x86_64/pmap.h>
#include <arch/x86_64/cpu.h>

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

/* Maps [start, end) with fresh zeroed frames where nothing is mapped yet; the pages
 * get the union of the protections of the segments touching them (img) or `prot`. */
static bool map_fresh(struct task *t, uint64_t start, uint64_t end, const struct elf_image *img,
		      int prot)
{
	for (uint64_t va = start; va < end; va += PAGE_SIZE) {
		uint64_t pa = pmap_extract(&t->pmap, va);
		if (!pa) {
			struct vm_page *pg = vm_page_alloc(&kernel_page_pool, 0);
			if (!pg)
				return false;
			pa = vm_page_to_phys(&kernel_page_pool, pg);
			memset(phys_to_virt(pa), 0, PAGE_SIZE);
		}
		if (pmap_enter(&t->pmap, va, pa, img ? page_prot(img, va) : prot) != 0)
			return false;
	}
	return true;
}

static bool load_segment(struct task *t, const uint8_t *image, const struct elf_image *img,
			 const struct elf_segment *s)
{
	if (!map_fresh(t, trunc_page(s->vaddr), round_page(s->vaddr + s->memsz), img, 0))
		return false;
	/* Copy through the direct map: the pages need not be writable by the task, and its
	 * address space need not be the active one. */
	for (uint64_t done = 0; done < s->filesz;) {
		uint64_t va = s->vaddr + done;
		uint64_t in_page = PAGE_SIZE - (va & PAGE_MASK);
		uint64_t n = s->filesz - done < in_page ? s->filesz - done : in_page;
		uint8_t *dst = phys_to_virt(pmap_extract(&t->pmap, trunc_page(va)));
		memcpy(dst + (va & PAGE_MASK), image + s->offset + done, n);
		done += n;
	}
	return true;
}

/* Writes argc/argv/envp below USER_STACK_TOP (t's map must be active); returns rsp, or 0
 * if the arguments do not fit the stack. */
static uint64_t build_stack(int argc, char *const *argv)
{
	static uint64_t uargv[PROGRAM_MAX_ARGS + 3];
	uint64_t sp = USER_STACK_TOP;
	for (int i = argc - 1; i >= 0; i--) {
		size_t len = strlen(argv[i]) + 1;
		if (len > USER_STACK_SIZE / 2 || sp - len < USER_STACK_TOP - USER_STACK_SIZE / 2)
			return 0;
		sp -= len;
		if (copyout(argv[i], sp, len) != 0)
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
	return copyout(uargv, sp, words * 8) == 0 ? sp : 0;
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
	if (!map_fresh(t, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_TOP, NULL,
		       PMAP_READ | PMAP_WRITE)) {
		snprintf(err, errlen, "out of memory for its stack");
		return false;
	}
	/* The arguments are written through the task's own mapping. */
	uint64_t saved_cr3 = read_cr3();
	pmap_activate(&t->pmap);
	uint64_t rsp = build_stack(argc, argv);
	write_cr3(saved_cr3);
	if (!rsp) {
		snprintf(err, errlen, "its arguments do not fit on its stack");
		return false;
	}
	thread_set_user_entry(th, img.entry, rsp);
	return true;
}
