/*
 * fault.h — resolving page faults from address maps.
 *
 * vm_fault is what a user page fault, and a kernel copyin/copyout touching user memory
 * not yet in the page tables, call: it finds the entry, checks the access against its
 * protection, finds or makes the page (zero-fill, copy-on-write copy-up through shadow
 * objects) and enters it in the map's pmap. The codes are Mach's: KERN_INVALID_ADDRESS
 * (nothing mapped), KERN_PROTECTION_FAILURE (access not allowed),
 * KERN_RESOURCE_SHORTAGE (no physical page or page table left); for memory an external
 * pager serves, KERN_MEMORY_ERROR (the pager refused the page or died) and KERN_ABORTED
 * (the thread was interrupted while waiting for the pager: a user fault just returns to
 * the faulting instruction, a kernel copy fails). Waiting for a pager may block, so a
 * caller must not keep pointers into the map across the call.
 */
#ifndef VM_FAULT_H
#define VM_FAULT_H

#include <stdbool.h>
#include <stdint.h>
#include <mach/kern_return.h>
#include <mach/vm_prot.h>

struct vm_map;
struct vm_page;

kern_return_t vm_fault(struct vm_map *m, uint64_t va, vm_prot_t access);

/* The same, also giving the page now mapped at va (for access through the direct map);
 * `force` lets the kernel write whatever the entry's protection (the program loader). */
kern_return_t vm_fault_page(struct vm_map *m, uint64_t va, vm_prot_t access, bool force,
			    struct vm_page **out);

/* vm_fault_page for a page expected to be resident (no force): where it would have to
 * wait for a pager it fails with KERN_MEMORY_ERROR instead. */
kern_return_t vm_fault_page_nowait(struct vm_map *m, uint64_t va, vm_prot_t access,
				   struct vm_page **out);

#endif
