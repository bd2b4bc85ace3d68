/*
 * options.c — parse the kernel command line (see options.h). Unknown words are reported
 * and ignored, so a typo is visible on the console but does not stop the boot.
 */
#include <kern/options.h>
#include <kern/console.h>
#include <kern/string.h>

struct kernel_options kernel_options;

static const struct {
	const char *name;
	bool *flag;
} known[] = {
	{ "test", &kernel_options.test },
	{ "test_panic", &kernel_options.test_panic },
	{ "test_kernel_fault", &kernel_options.test_kernel_fault },
	{ "test_double_fault", &kernel_options.test_double_fault },
	{ "test_pmap", &kernel_options.test_pmap },
};

static void apply(const char *w, size_t len)
{
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strlen(known[i].name) == len && strncmp(w, known[i].name, len) == 0) {
			*known[i].flag = true;
			return;
		}
	kprintf("kernel: ignoring unknown option \"%.*s\"\n", (int)len, w);
}

void options_parse(const char *cmdline)
{
	const char *p = cmdline;
	int first = 1;
	while (*p) {
		while (*p == ' ' || *p == '\t')
			p++;
		const char *w = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (p == w)
			break;
		/* GRUB passes the kernel's own path as the first word. */
		if (!(first && *w == '/'))
			apply(w, (size_t)(p - w));
		first = 0;
	}
}
