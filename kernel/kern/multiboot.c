/*
 * multiboot.c — parse and check the multiboot information (see multiboot.h).
 */
#include <kern/multiboot.h>
#include <kern/format.h>
#include <kern/string.h>

struct reader {
	boot_phys_reader_t read;
	void *ctx;
};

/* Copies the NUL-terminated string at pa into dst (size BOOT_CMDLINE_MAX). Returns its
 * length, -1 if unreadable, -2 if longer than fits; *len_out gets the length seen (up to
 * a bound, so an unterminated string cannot run on for ever). */
static int copy_string(const struct reader *r, uint64_t pa, char *dst, size_t *len_out)
{
	const size_t scan_max = 64 * 1024;
	size_t i;
	for (i = 0; i < scan_max; i++) {
		const char *c = r->read(r->ctx, pa + i, 1);
		if (!c) {
			/* Past BOOT_CMDLINE_MAX it is too long already; returning -1 here
			 * would leave dst unterminated, and kmain reads options from it. */
			if (i >= BOOT_CMDLINE_MAX)
				break;
			return -1;
		}
		if (i < BOOT_CMDLINE_MAX)
			dst[i] = *c;
		if (*c == '\0')
			break;
	}
	*len_out = i;
	if (i >= BOOT_CMDLINE_MAX) {
		dst[BOOT_CMDLINE_MAX - 1] = '\0';
		return -2;
	}
	return (int)i;
}

static void add_region(struct boot_info *bi, uint64_t start, uint64_t len)
{
	if (len == 0 || start + len < start || bi->nregions == BOOT_MAX_REGIONS)
		return;
	bi->regions[bi->nregions].start = start;
	bi->regions[bi->nregions].end = start + len;
	bi->nregions++;
}

static enum boot_error parse_memory(const struct reader *r, const struct multiboot_info *mbi,
				    struct boot_info *bi, char *err, size_t errlen)
{
	if (mbi->flags & MB_INFO_MEM_MAP) {
		uint64_t pa = mbi->mmap_addr, end = pa + mbi->mmap_length;
		while (pa + sizeof(uint32_t) <= end) {
			const struct multiboot_mmap_entry *e = r->read(r->ctx, pa, sizeof(*e));
			if (!e) {
				snprintf(err, errlen, "memory map entry at %#lx is unreadable",
					 (unsigned long)pa);
				return BOOT_E_UNREADABLE;
			}
			if (e->type == 1)
				add_region(bi, e->addr, e->len);
			pa += (uint64_t)e->size + sizeof(e->size);
		}
	} else if (mbi->flags & MB_INFO_MEMORY) {
		add_region(bi, 0, (uint64_t)mbi->mem_lower * 1024);
		add_region(bi, 0x100000, (uint64_t)mbi->mem_upper * 1024);
	}
	if (bi->nregions == 0) {
		snprintf(err, errlen, "the boot loader gave no memory map");
		return BOOT_E_NO_MEMORY_INFO;
	}
	return BOOT_OK;
}

static enum boot_error parse_modules(const struct reader *r, const struct multiboot_info *mbi,
				     struct boot_info *bi, char *err, size_t errlen)
{
	if (!(mbi->flags & MB_INFO_MODS) || mbi->mods_count == 0)
		return BOOT_OK;
	if (mbi->mods_count > BOOT_MAX_MODULES) {
		snprintf(err, errlen, "too many boot modules (%u; at most %d)",
			 mbi->mods_count, BOOT_MAX_MODULES);
		return BOOT_E_TOO_MANY_MODULES;
	}
	for (uint32_t i = 0; i < mbi->mods_count; i++) {
		uint64_t pa = mbi->mods_addr + (uint64_t)i * sizeof(struct multiboot_module);
		const struct multiboot_module *m = r->read(r->ctx, pa, sizeof(*m));
		if (!m) {
			snprintf(err, errlen, "module %u's descriptor is unreadable", i + 1);
			return BOOT_E_UNREADABLE;
		}
		struct boot_module *bm = &bi->modules[i];
		bm->start = m->mod_start;
		bm->end = m->mod_end;
		if (bm->end < bm->start) {
			snprintf(err, errlen, "module %u ends (%#lx) before it starts (%#lx)",
				 i + 1, (unsigned long)bm->end, (unsigned long)bm->start);
			return BOOT_E_MODULE_RANGE;
		}
		bm->cmdline[0] = '\0';
		size_t len;
		int rc = m->cmdline ? copy_string(r, m->cmdline, bm->cmdline, &len) : 0;
		if (rc == -1) {
			snprintf(err, errlen, "module %u's command line is unreadable", i + 1);
			return BOOT_E_UNREADABLE;
		}
		if (rc == -2) {
			snprintf(err, errlen, "module %u's command line is too long (%s%zu bytes; at most %d)",
				 i + 1, len >= 64 * 1024 ? "over " : "", len, BOOT_CMDLINE_MAX - 1);
			return BOOT_E_MODULE_CMDLINE_TOO_LONG;
		}
		bi->nmodules++;
	}
	return BOOT_OK;
}

enum boot_error multiboot_parse(uint32_t magic, uint64_t info_pa, boot_phys_reader_t read,
				void *ctx, struct boot_info *out, char *err, size_t errlen)
{
	struct reader r = { read, ctx };
	memset(out, 0, sizeof(*out));
	if (errlen)
		err[0] = '\0';
	if (magic != MULTIBOOT_BOOTLOADER_MAGIC) {
		snprintf(err, errlen, "not started by a multiboot loader (magic %#x)", magic);
		return BOOT_E_MAGIC;
	}
	const struct multiboot_info *mbi = read(ctx, info_pa, sizeof(*mbi));
	if (!mbi) {
		snprintf(err, errlen, "the multiboot information at %#lx is unreadable",
			 (unsigned long)info_pa);
		return BOOT_E_UNREADABLE;
	}
	if ((mbi->flags & MB_INFO_CMDLINE) && mbi->cmdline) {
		size_t len;
		int rc = copy_string(&r, mbi->cmdline, out->cmdline, &len);
		if (rc == -1) {
			snprintf(err, errlen, "the kernel command line is unreadable");
			return BOOT_E_UNREADABLE;
		}
		if (rc == -2) {
			snprintf(err, errlen, "the kernel command line is too long (%s%zu bytes; at most %d)",
				 len >= 64 * 1024 ? "over " : "", len, BOOT_CMDLINE_MAX - 1);
			return BOOT_E_CMDLINE_TOO_LONG;
		}
	}
	enum boot_error e = parse_memory(&r, mbi, out, err, errlen);
	if (e != BOOT_OK)
		return e;
	return parse_modules(&r, mbi, out, err, errlen);
}
