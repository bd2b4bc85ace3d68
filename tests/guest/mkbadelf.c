/*
 * mkbadelf.c — host tool for the boot-input tests: makes a broken copy of a good ELF64
 * executable, one defect at a time, so each of the kernel's ELF checks is exercised
 * with a real boot.
 *
 *   mkbadelf OPERATION IN OUT
 *     truncate-header   cut the file inside the ELF header
 *     truncate-phdrs    cut it inside the program header table
 *     truncate-segment  cut it inside the last loadable segment's file bytes
 *     overlap           move the second loadable segment onto the first
 *     elf32             mark it ELFCLASS32
 *     machine           mark it for another machine (i386)
 *     shared            mark it ET_DYN (a shared object)
 *     kernel-segment    move the first loadable segment into kernel space
 *     bad-entry         set the entry point outside every segment
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(1);
	}
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *buf = malloc((size_t)n);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "mkbadelf: cannot read %s\n", path);
		exit(1);
	}
	fclose(f);
	*size = (size_t)n;
	return buf;
}

static Elf64_Phdr *load_segment(unsigned char *buf, int which)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
	Elf64_Phdr *ph = (Elf64_Phdr *)(buf + eh->e_phoff);
	int seen = 0;
	Elf64_Phdr *last = NULL;
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		if (seen++ == which)
			return &ph[i];
		last = &ph[i];
	}
	if (which < 0 && last)
		return last;
	fprintf(stderr, "mkbadelf: the input has too few loadable segments\n");
	exit(1);
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: mkbadelf OPERATION IN OUT\n");
		return 2;
	}
	const char *op = argv[1];
	size_t size;
	unsigned char *buf = read_file(argv[2], &size);
	Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0) {
		fprintf(stderr, "mkbadelf: %s is not an ELF file\n", argv[2]);
		return 1;
	}

	if (!strcmp(op, "truncate-header"))
		size = 40;
	else if (!strcmp(op, "truncate-phdrs"))
		size = eh->e_phoff + eh->e_phentsize / 2;
	else if (!strcmp(op, "truncate-segment")) {
		Elf64_Phdr *p = load_segment(buf, -1);
		size = p->p_offset + p->p_filesz / 2;
	} else if (!strcmp(op, "overlap"))
		load_segment(buf, 1)->p_vaddr = load_segment(buf, 0)->p_vaddr;
	else if (!strcmp(op, "elf32"))
		eh->e_ident[EI_CLASS] = ELFCLASS32;
	else if (!strcmp(op, "machine"))
		eh->e_machine = EM_386;
	else if (!strcmp(op, "shared"))
		eh->e_type = ET_DYN;
	else if (!strcmp(op, "kernel-segment"))
		load_segment(buf, 0)->p_vaddr = 0xffffffff80000000ull;
	else if (!strcmp(op, "bad-entry"))
		eh->e_entry = 0x10;
	else {
		fprintf(stderr, "mkbadelf: unknown operation %s\n", op);
		return 2;
	}

	FILE *out = fopen(argv[3], "wb");
	if (!out || fwrite(buf, 1, size, out) != size || fclose(out) != 0) {
		perror(argv[3]);
		return 1;
	}
	free(buf);
	return 0;
}
