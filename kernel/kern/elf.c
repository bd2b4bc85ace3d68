/*
 * elf.c — ELF64 executable checks (see elf.h). All arithmetic on sizes and offsets is
 * done so that it cannot overflow: a hostile header must not wrap a bound into a pass.
 */
#include <kern/elf.h>
#include <kern/format.h>
#include <kern/string.h>

static enum elf_error fail(char *err, size_t errlen, enum elf_error e, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static enum elf_error fail(char *err, size_t errlen, enum elf_error e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return e;
}

/* [off, off+len) inside [0, size)? */
static int in_file(uint64_t off, uint64_t len, size_t size)
{
	return off <= size && len <= size - off;
}

static enum elf_error check_header(const struct elf64_ehdr *eh, size_t size,
				   char *err, size_t errlen)
{
	if (size < 4 || memcmp(eh->e_ident, "\177ELF", 4) != 0)
		return fail(err, errlen, ELF_E_NOT_ELF, "not an ELF file (bad magic)");
	if (size < sizeof(*eh))
		return fail(err, errlen, ELF_E_TRUNCATED,
			    "truncated: %zu bytes, smaller than the ELF header", size);
	if (eh->e_ident[4] != 2 || eh->e_ident[5] != 1 || eh->e_ident[6] != 1 || eh->e_version != 1)
		return fail(err, errlen, ELF_E_NOT_64,
			    "not a 64-bit little-endian ELF version 1 file (class %u, data %u)",
			    eh->e_ident[4], eh->e_ident[5]);
	if (eh->e_type != ET_EXEC)
		return fail(err, errlen, ELF_E_NOT_EXEC,
			    "not an executable (ELF type %u; want a static ET_EXEC)", eh->e_type);
	if (eh->e_machine != EM_X86_64)
		return fail(err, errlen, ELF_E_MACHINE, "built for machine %u, not x86_64",
			    eh->e_machine);
	if (eh->e_phentsize != sizeof(struct elf64_phdr))
		return fail(err, errlen, ELF_E_PHDRS, "program header entries are %u bytes, not %zu",
			    eh->e_phentsize, sizeof(struct elf64_phdr));
	if (eh->e_phoff % 8)
		return fail(err, errlen, ELF_E_PHDRS, "program header table misaligned (offset %#lx)",
			    (unsigned long)eh->e_phoff);
	if (!in_file(eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(struct elf64_phdr), size))
		return fail(err, errlen, ELF_E_TRUNCATED,
			    "truncated: the program header table (%u entries at %#lx) ends past the "
			    "file's %zu bytes", eh->e_phnum, (unsigned long)eh->e_phoff, size);
	return ELF_OK;
}

static enum elf_error add_segment(const struct elf64_phdr *ph, size_t idx, size_t size,
				  uint64_t lo, uint64_t hi, struct elf_image *out,
				  char *err, size_t errlen)
{
	if (ph->p_filesz > ph->p_memsz)
		return fail(err, errlen, ELF_E_SEGMENT,
			    "segment %zu holds more file bytes (%#lx) than memory (%#lx)",
			    idx, (unsigned long)ph->p_filesz, (unsigned long)ph->p_memsz);
	if (!in_file(ph->p_offset, ph->p_filesz, size))
		return fail(err, errlen, ELF_E_TRUNCATED,
			    "truncated: segment %zu's %#lx bytes at offset %#lx end past the file's "
			    "%zu bytes", idx, (unsigned long)ph->p_filesz,
			    (unsigned long)ph->p_offset, size);
	if (ph->p_vaddr < lo || ph->p_vaddr > hi || ph->p_memsz > hi - ph->p_vaddr)
		return fail(err, errlen, ELF_E_RANGE,
			    "segment %zu [%#lx, +%#lx) is outside user space [%#lx, %#lx)", idx,
			    (unsigned long)ph->p_vaddr, (unsigned long)ph->p_memsz,
			    (unsigned long)lo, (unsigned long)hi);
	if (out->nsegments == ELF_MAX_SEGMENTS)
		return fail(err, errlen, ELF_E_NO_SEGMENTS, "more than %d loadable segments",
			    ELF_MAX_SEGMENTS);
	struct elf_segment *s = &out->segments[out->nsegments++];
	*s = (struct elf_segment){ ph->p_vaddr, ph->p_memsz, ph->p_offset, ph->p_filesz,
				   ph->p_flags & (PF_R | PF_W | PF_X) };
	return ELF_OK;
}

static enum elf_error check_layout(struct elf_image *out, char *err, size_t errlen)
{
	for (size_t i = 0; i < out->nsegments; i++)
		for (size_t j = i + 1; j < out->nsegments; j++) {
			const struct elf_segment *a = &out->segments[i], *b = &out->segments[j];
			if (a->memsz && b->memsz && a->vaddr < b->vaddr + b->memsz &&
			    b->vaddr < a->vaddr + a->memsz)
				return fail(err, errlen, ELF_E_OVERLAP,
					    "segments %zu [%#lx, %#lx) and %zu [%#lx, %#lx) overlap",
					    i, (unsigned long)a->vaddr, (unsigned long)(a->vaddr + a->memsz),
					    j, (unsigned long)b->vaddr, (unsigned long)(b->vaddr + b->memsz));
		}
	for (size_t i = 0; i < out->nsegments; i++) {
		const struct elf_segment *s = &out->segments[i];
		if ((s->flags & PF_X) && out->entry >= s->vaddr && out->entry - s->vaddr < s->memsz)
			return ELF_OK;
	}
	return fail(err, errlen, ELF_E_ENTRY, "entry point %#lx is not in an executable segment",
		    (unsigned long)out->entry);
}

enum elf_error elf_check(const void *image, size_t size, uint64_t lo, uint64_t hi,
			 struct elf_image *out, char *err, size_t errlen)
{
	const struct elf64_ehdr *eh = image;
	memset(out, 0, sizeof(*out));
	if (errlen)
		err[0] = '\0';
	enum elf_error e = check_header(eh, size, err, errlen);
	if (e != ELF_OK)
		return e;
	out->entry = eh->e_entry;
	const struct elf64_phdr *ph = (const void *)((const char *)image + eh->e_phoff);
	for (size_t i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		e = add_segment(&ph[i], i, size, lo, hi, out, err, errlen);
		if (e != ELF_OK)
			return e;
	}
	if (out->nsegments == 0)
		return fail(err, errlen, ELF_E_NO_SEGMENTS, "no loadable segment");
	return check_layout(out, err, errlen);
}
