/*
 * main.c — kmain, where the kernel starts in C (called by boot.S in long mode, on the
 * boot stack, with the multiboot magic and the physical address of GRUB's information).
 *
 * Order matters: consoles first (so everything after can report), then what GRUB said
 * (copied out before any memory is reused), memory, the CPU's tables and the timer, and
 * finally the first user task.
 */
#include <vm/object.h>
#include <vm/map.h>
#include <vm/map_copy.h>
#include <vm/pager.h>
#include <kern/bootstrap.h>
#include <kern/console.h>
#include <kern/multiboot.h>
#include <kern/options.h>
#include <kern/panic.h>
#include <kern/task.h>
#include <kern/host.h>
#include <vm/page_boot.h>
#include <arch/x86_64/layout.h>
#include <arch/x86_64/machine_init.h>
#include <arch/x86_64/pmap.h>

#define EARLY_MAP_LIMIT (1ull << 30)   /* what boot.S's direct map covers */

static struct boot_info boot_info;

static const void *early_reader(void *ctx, uint64_t pa, size_t len)
{
	(void)ctx;
	if (pa >= EARLY_MAP_LIMIT || len > EARLY_MAP_LIMIT - pa)
		return NULL;
	return phys_to_virt(pa);
}

__attribute__((noreturn)) void kmain(uint32_t magic, uint32_t info_pa);

void kmain(uint32_t magic, uint32_t info_pa)
{
	char err[160];

	machine_early_init();
	kprintf("Portico 0.1 (x86_64) booting\n");
	enum boot_error e = multiboot_parse(magic, info_pa, early_reader, NULL, &boot_info,
					    err, sizeof(err));
	/* Options first even on error: they say whether we run under the test harness,
	 * which decides how a failed boot ends. */
	options_parse(boot_info.cmdline);
	if (e != BOOT_OK)
		boot_fail("%s", err);
	kprintf("kernel: command line \"%s\", %zu boot module%s\n", boot_info.cmdline,
		boot_info.nmodules, boot_info.nmodules == 1 ? "" : "s");

	vm_page_bootstrap(&boot_info);
	machine_init();
	if (kernel_options.test_panic)
		panic("deliberate panic (test_panic option)");
	if (kernel_options.test_kernel_fault)
		machine_test_fault(false);
	if (kernel_options.test_double_fault)
		machine_test_fault(true);
	host_init();
	vm_object_init();
	pmap_init();
	if (kernel_options.test_pmap)
		pmap_self_test();
	vm_pager_init();
	vm_map_init();
	vm_map_copy_init();
	task_init();
	bootstrap_start(&boot_info);
}
