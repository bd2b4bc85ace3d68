/* mach/default_pager_types.h - structures of the default pager's interface. */
#ifndef _MACH_DEFAULT_PAGER_TYPES_H_
#define _MACH_DEFAULT_PAGER_TYPES_H_

/* Needs vm_size_t/vm_offset_t already declared, as in the reference (MIG stubs do). */

typedef struct default_pager_info {
	vm_size_t dpi_total_space;	/* bytes of paging space */
	vm_size_t dpi_free_space;
	vm_size_t dpi_page_size;
} default_pager_info_t;

typedef struct default_pager_object {
	vm_offset_t dpo_object;		/* the object's address, as an id */
	vm_size_t dpo_size;		/* bytes paged out */
} default_pager_object_t;
typedef default_pager_object_t *default_pager_object_array_t;

typedef struct default_pager_page {
	vm_offset_t dpp_offset;
} default_pager_page_t;
typedef default_pager_page_t *default_pager_page_array_t;

typedef char default_pager_filename_t[256];
typedef const char *const_default_pager_filename_t;

#endif /* _MACH_DEFAULT_PAGER_TYPES_H_ */
