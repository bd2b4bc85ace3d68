/*
 * multiboot.h — reading what GRUB hands over (Multiboot specification, version 1):
 * the kernel command line, the memory map and the boot modules with their command lines.
 *
 * Entry point: multiboot_parse. It copies everything the kernel keeps into a struct
 * boot_info, so that the loader's own structures can be overwritten afterwards, and
 * checks each pointer and length first: bad boot input becomes an error message, never
 * a fault. Memory is reached through a caller-supplied translator, so the parser runs
 * on the host in unit tests.
 */
#ifndef KERN_MULTIBOOT_H
#define KERN_MULTIBOOT_H

#include <stddef.h>
#include <stdint.h>

#define MULTIBOOT_BOOTLOADER_MAGIC 0x2badb002u

#define MB_INFO_MEMORY   (1u << 0)
#define MB_INFO_CMDLINE  (1u << 2)
#define MB_INFO_MODS     (1u << 3)
#define MB_INFO_MEM_MAP  (1u << 6)

struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper;     /* KiB below 1 MiB, KiB above 1 MiB */
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
};

struct multiboot_module {
	uint32_t mod_start, mod_end;       /* [start, end) physical */
	uint32_t cmdline;
	uint32_t reserved;
};

struct multiboot_mmap_entry {
	uint32_t size;                     /* of the rest of the entry */
	uint64_t addr, len;
	uint32_t type;                     /* 1: available RAM */
} __attribute__((packed));

#define BOOT_MAX_MODULES 32
#define BOOT_MAX_REGIONS 64
#define BOOT_CMDLINE_MAX 1024          /* including the terminating NUL */

struct boot_region {
	uint64_t start, end;               /* usable RAM, [start, end) */
};

struct boot_module {
	uint64_t start, end;
	char cmdline[BOOT_CMDLINE_MAX];
};

struct boot_info {
	char cmdline[BOOT_CMDLINE_MAX];
	size_t nregions;
	struct boot_region regions[BOOT_MAX_REGIONS];
	size_t nmodules;
	struct boot_module modules[BOOT_MAX_MODULES];
};

enum boot_error {
	BOOT_OK = 0,
	BOOT_E_MAGIC,            /* not started by a multiboot loader */
	BOOT_E_UNREADABLE,       /* a pointer in the info leads nowhere */
	BOOT_E_NO_MEMORY_INFO,   /* neither a memory map nor mem_lower/upper */
	BOOT_E_CMDLINE_TOO_LONG,
	BOOT_E_TOO_MANY_MODULES,
	BOOT_E_MODULE_RANGE,     /* a module ends before it starts */
	BOOT_E_MODULE_CMDLINE_TOO_LONG,
};

/* Returns a pointer through which len bytes at physical address pa can be read, or NULL
 * when they cannot. */
typedef const void *(*boot_phys_reader_t)(void *ctx, uint64_t pa, size_t len);

/* On error, err receives one line saying what is wrong (for the console). */
enum boot_error multiboot_parse(uint32_t magic, uint64_t info_pa, boot_phys_reader_t read,
				void *ctx, struct boot_info *out, char *err, size_t errlen);

#endif
