/*
 * layout.h — where things live in Portico's x86_64 virtual address space.
 *
 * Pure constants and address arithmetic (no instructions), so portable kernel code may
 * include it. docs/boot.md draws the same map.
 *
 *   0x0000000000000000 .. USER_MIN          never mapped: catches NULL dereferences
 *   USER_MIN .. USER_MAX                     user space (lower canonical half)
 *   PHYS_MAP_BASE ..  + physical memory       direct map of all RAM (kernel only, NX)
 *   IO_MAP_BASE ..                           uncached device mappings (LAPIC, ...)
 *   KERNEL_VBASE + phys                      the kernel image (top 2 GiB, -mcmodel=kernel)
 */
#ifndef ARCH_X86_64_LAYOUT_H
#define ARCH_X86_64_LAYOUT_H

#include <stdint.h>

#define PAGE_SHIFT      12
#define PAGE_SIZE       (1UL << PAGE_SHIFT)
#define PAGE_MASK       (PAGE_SIZE - 1)
#define LARGE_PAGE_SIZE (1UL << 21)

#define round_page(x)   (((uint64_t)(x) + PAGE_MASK) & ~(uint64_t)PAGE_MASK)
#define trunc_page(x)   ((uint64_t)(x) & ~(uint64_t)PAGE_MASK)

/* User space: page 0 stays unmapped; the top page below the canonical hole too, so that
 * no user range [a, a+len) can end at or cross into non-canonical addresses. */
#define USER_MIN        0x0000000000001000UL
#define USER_MAX        0x00007ffffffff000UL
#define USER_STACK_TOP  0x00007fffff000000UL
#define USER_STACK_SIZE (256UL * 1024)

#define PHYS_MAP_BASE   0xffff800000000000UL   /* PML4 slot 256 */
#define IO_MAP_BASE     0xffffff0000000000UL   /* PML4 slot 510 */
#define KERNEL_VBASE    0xffffffff80000000UL   /* PML4 slot 511, PDPT slot 510 */
#define KERNEL_PHYS     0x100000UL             /* where GRUB loads the image */

static inline void *phys_to_virt(uint64_t pa) { return (void *)(pa + PHYS_MAP_BASE); }
static inline uint64_t virt_to_phys(const void *va)
{
	uint64_t v = (uint64_t)va;
	return v >= KERNEL_VBASE ? v - KERNEL_VBASE : v - PHYS_MAP_BASE;
}

/* A user range is valid when it lies wholly inside [USER_MIN, USER_MAX) without
 * wrapping; written to be overflow-safe for any len. */
static inline int user_range_ok(uint64_t addr, uint64_t len)
{
	return addr >= USER_MIN && addr <= USER_MAX && len <= USER_MAX - addr;
}

#endif
