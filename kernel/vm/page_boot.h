/*
 * page_boot.h — bringing up physical memory at boot: the kernel page tables and the
 * page allocator, from the boot loader's memory map.
 */
#ifndef VM_PAGE_BOOT_H
#define VM_PAGE_BOOT_H

#include <kern/multiboot.h>

/* After this, kernel_page_pool hands out every usable page except the first MiB, the
 * kernel image, the boot modules and what the bootstrap itself used. */
void vm_page_bootstrap(const struct boot_info *bi);

#endif
