/*
 * elf.h — checking an ELF64 executable before the kernel loads it.
 *
 * Entry point: elf_check. It reads only the image in memory and the bounds it is given,
 * so a malformed module (truncated, not ELF, wrong machine, segments outside user space
 * or overlapping, entry point outside any executable segment) becomes an error with a
 * message, never a fault. The loader (kern/bootstrap.c) then copies the segments it
 * describes. Portable; unit-tested on the host.
 */
#ifndef KERN_ELF_H
#define KERN_ELF_H

#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_SEGMENTS 16

#define PF_X 1
#define PF_W 2
#define PF_R 4

struct elf64_ehdr {
	unsigned char e_ident[16];
	uint16_t e_type, e_machine;
	uint32_t e_version;
	uint64_t e_entry, e_phoff, e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
	uint32_t p_type, p_flags;
	uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

#define PT_LOAD 1
#define ET_EXEC 2
#define EM_X86_64 62

struct elf_segment {
	uint64_t vaddr, memsz;    /* where it goes, how much (rest zero-filled) */
	uint64_t offset, filesz;  /* what of the file it holds */
	uint32_t flags;           /* PF_R | PF_W | PF_X */
};

struct elf_image {
	uint64_t entry;
	size_t nsegments;
	struct elf_segment segments[ELF_MAX_SEGMENTS];
};

enum elf_error {
	ELF_OK = 0,
	ELF_E_TRUNCATED,     /* shorter than its headers say */
	ELF_E_NOT_ELF,       /* bad magic */
	ELF_E_NOT_64,        /* not ELFCLASS64 little-endian, version 1 */
	ELF_E_NOT_EXEC,      /* not ET_EXEC (relocatable, shared, core ...) */
	ELF_E_MACHINE,       /* not x86_64 */
	ELF_E_PHDRS,         /* program header table malformed */
	ELF_E_NO_SEGMENTS,   /* nothing to load, or more than ELF_MAX_SEGMENTS */
	ELF_E_SEGMENT,       /* filesz > memsz, or file range outside the image */
	ELF_E_RANGE,         /* a segment outside [lo, hi) */
	ELF_E_OVERLAP,       /* two segments cover the same bytes */
	ELF_E_ENTRY,         /* entry point not in an executable segment */
};

/* Checks image[0..size) and fills *out. Segments must lie inside [lo, hi). On error, err
 * receives a one-line explanation. */
enum elf_error elf_check(const void *image, size_t size, uint64_t lo, uint64_t hi,
			 struct elf_image *out, char *err, size_t errlen);

#endif
