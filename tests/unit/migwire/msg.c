/* msg.c — the stand-in kernel between a user stub and a server stub, and names for
 * the bytes of a typed message.
 *
 * Entry points: wt_copyin, wt_copyout, wt_disposition_received, wt_field.
 *
 * A real kernel changes a message on its way: port dispositions become the rights
 * received (COPY_SEND arrives as PORT_SEND), the header is seen from the receiver's
 * side (remote and local swap), and inside the kernel ports are pointers, not names.
 * Server stubs type-check what they receive, so the harness must make the same
 * changes, or a correct pair of stubs would reject each other.  Everything else
 * (data, out-of-line pointers, names) passes unchanged: one host process stands for
 * both tasks, so a name or an address means the same on both sides.
 *
 * Forms: "user" messages carry 32-bit names in 8-byte slots (and out-of-line port
 * arrays of 32-bit names); "kernel" messages carry 64-bit port pointers, as GNU
 * MIG's KernelUser/KernelServer stubs read and write them.  A name N stands for the
 * pointer WT_PORTPTR|N, so the two forms convert both ways without a table. */
#include <stdio.h>
#include <string.h>

#include "wire.h"
#include "runtime.h"

#define WT_PORTPTR 0xffffa00000000000ull

/* Converted out-of-line port arrays live here until the next call (wire.c resets
 * it through wt_msg_reset): the same bytes land at the same address in every run. */
static unsigned char arena[WT_MSGMAX];
static size_t arena_used;

void wt_msg_reset(void)
{
	memset(arena, 0, sizeof arena);
	arena_used = 0;
}

static void *arena_alloc(size_t n)
{
	void *p;

	n = (n + 15) & ~(size_t) 15;
	if (arena_used + n > sizeof arena)
		return NULL;
	p = arena + arena_used;
	arena_used += n;
	return p;
}

static uint32_t get32(const unsigned char *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint64_t get64(const unsigned char *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static void put32(unsigned char *p, uint32_t v) { memcpy(p, &v, 4); }
static void put64(unsigned char *p, uint64_t v) { memcpy(p, &v, 8); }

static uint64_t name_to_ptr(uint32_t name)
{
	if (name == 0)
		return 0;
	if (name == 0xffffffffu)
		return ~0ull;
	return WT_PORTPTR | name;
}

static uint32_t ptr_to_name(uint64_t ptr)
{
	return ptr == ~0ull ? 0xffffffffu : (uint32_t) ptr;
}

/* The right a receiver holds for a right sent with disposition d. */
mach_msg_type_name_t wt_disposition_received(mach_msg_type_name_t d)
{
	switch (d) {
	case MACH_MSG_TYPE_COPY_SEND:
	case MACH_MSG_TYPE_MAKE_SEND:
		return MACH_MSG_TYPE_PORT_SEND;
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		return MACH_MSG_TYPE_PORT_SEND_ONCE;
	default:
		return d;
	}
}

/* One item of a typed message body, decoded from its descriptor. */
struct item {
	size_t desc, data, next;	/* offsets: descriptor, data (or pointer), next item */
	unsigned name, size, isinline, longform, dealloc;
	uint32_t number;
	size_t nbytes;			/* inline data bytes before padding */
};

static int next_item(const unsigned char *m, size_t size, size_t off, struct item *it)
{
	uint32_t w;

	if (off + 8 > size)
		return 0;
	w = get32(m + off);
	it->desc = off;
	it->name = w & 0xff;
	it->size = (w >> 8) & 0xffff;
	it->isinline = (w >> 29) & 1;
	it->longform = (w >> 30) & 1;
	it->dealloc = (w >> 31) & 1;
	it->number = get32(m + off + 4);
	it->data = off + 8;
	if (it->isinline) {
		it->nbytes = ((size_t) it->number * it->size + 7) / 8;
		it->next = it->data + ((it->nbytes + 7) & ~(size_t) 7);
	} else {
		it->nbytes = 8;
		it->next = it->data + 8;
	}
	return it->next <= size;
}

static int is_port(unsigned name)
{
	return name >= MACH_MSG_TYPE_MOVE_RECEIVE && name <= MACH_MSG_TYPE_MAKE_SEND_ONCE;
}

static void set_name(unsigned char *m, const struct item *it, unsigned name)
{
	uint32_t w = get32(m + it->desc);
	put32(m + it->desc, (w & ~0xffu) | name);
}

static void set_size(unsigned char *m, const struct item *it, unsigned size)
{
	uint32_t w = get32(m + it->desc);
	put32(m + it->desc, (w & ~(0xffffu << 8)) | (size << 8));
}

/* Sender to kernel: dispositions become rights, names become port pointers when the
 * sender is a user task.  Returns the size (unchanged). */
size_t wt_copyin(unsigned char *m, size_t size, int from_user)
{
	uint32_t bits = get32(m);
	unsigned r = wt_disposition_received(bits & 0xff);
	unsigned l = wt_disposition_received((bits >> 8) & 0xff);
	struct item it;
	size_t off;

	put32(m, (bits & ~0xffffu) | r | (l << 8));
	if (from_user) {
		put64(m + 8, name_to_ptr(get32(m + 8)));
		put64(m + 16, name_to_ptr(get32(m + 16)));
	}
	for (off = 32; next_item(m, size, off, &it); off = it.next) {
		if (!is_port(it.name))
			continue;
		set_name(m, &it, wt_disposition_received(it.name));
		if (!from_user)
			continue;
		if (it.isinline) {
			for (uint32_t i = 0; i < it.number && it.data + 8 * (i + 1) <= size; i++)
				put64(m + it.data + 8 * i, name_to_ptr(get32(m + it.data + 8 * i)));
		} else {
			const unsigned char *names = (const unsigned char *) (uintptr_t) get64(m + it.data);
			unsigned char *ptrs = arena_alloc((size_t) it.number * 8);
			if (names == NULL || ptrs == NULL)
				continue;
			for (uint32_t i = 0; i < it.number; i++)
				put64(ptrs + 8 * i, name_to_ptr(get32(names + 4 * i)));
			put64(m + it.data, (uint64_t) (uintptr_t) ptrs);
			set_size(m, &it, 64);
		}
	}
	return size;
}

/* Kernel to receiver: the header as the receiver sees it (remote and local swap,
 * size and sequence number set), pointers become names for a user receiver. */
void wt_copyout(unsigned char *m, size_t size, int to_user)
{
	uint32_t bits = get32(m);
	uint64_t remote = get64(m + 8), local = get64(m + 16);
	struct item it;
	size_t off;

	put32(m, (bits & ~0xffffu) | ((bits >> 8) & 0xff) | ((bits & 0xff) << 8));
	put32(m + 4, (uint32_t) size);
	if (to_user) {
		put64(m + 8, ptr_to_name(local));
		put64(m + 16, ptr_to_name(remote));
	} else {
		put64(m + 8, local);
		put64(m + 16, remote);
	}
	put32(m + 24, WT_SEQNO);
	if (!to_user)
		return;
	for (off = 32; next_item(m, size, off, &it); off = it.next) {
		/* A receiver owns the out-of-line memory it gets, and "deallocate" means
		 * nothing for inline data: Mach's copyout says so in the bit. */
		uint32_t w = get32(m + it.desc);
		put32(m + it.desc, it.isinline ? w & ~(1u << 31) : w | 1u << 31);
		if (!is_port(it.name))
			continue;
		if (it.isinline) {
			for (uint32_t i = 0; i < it.number && it.data + 8 * (i + 1) <= size; i++)
				put64(m + it.data + 8 * i, ptr_to_name(get64(m + it.data + 8 * i)));
		} else {
			const unsigned char *ptrs = (const unsigned char *) (uintptr_t) get64(m + it.data);
			unsigned char *names = arena_alloc((size_t) it.number * 4);
			if (ptrs == NULL || names == NULL)
				continue;
			for (uint32_t i = 0; i < it.number; i++)
				put32(names + 4 * i, ptr_to_name(get64(ptrs + 8 * i)));
			put64(m + it.data, (uint64_t) (uintptr_t) names);
			set_size(m, &it, 32);
		}
	}
}

static const char *type_name(unsigned n)
{
	static const char *const names[] = {
		[0] = "BOOLEAN", [1] = "INTEGER_16", [2] = "INTEGER_32", [8] = "CHAR",
		[9] = "BYTE", [10] = "REAL", [11] = "INTEGER_64", [12] = "STRING",
		[15] = "PORT_NAME", [16] = "MOVE_RECEIVE", [17] = "MOVE_SEND",
		[18] = "MOVE_SEND_ONCE", [19] = "COPY_SEND", [20] = "MAKE_SEND",
		[21] = "MAKE_SEND_ONCE", [23] = "PROTECTED_PAYLOAD",
	};
	return n < sizeof names / sizeof names[0] && names[n] ? names[n] : "?";
}

/* Name the byte at `off` of message a (the baseline), for a diagnostic; b is the
 * message that differs, used to say which fields of a descriptor differ. */
void wt_field(char *out, size_t outsz, const unsigned char *a, const unsigned char *b,
	      size_t size, size_t off, const char *const *items)
{
	static const char *const head[] = {
		"msgh_bits", "msgh_size", "msgh_remote_port", "msgh_remote_port (upper half)",
		"msgh_local_port", "msgh_local_port (upper half)", "msgh_seqno", "msgh_id",
	};
	struct item it;
	size_t pos;
	int k = 0, nitems = 0;

	if (off < 32) {
		snprintf(out, outsz, "header %s", head[off / 4]);
		return;
	}
	while (items && items[nitems])
		nitems++;
	for (pos = 32; next_item(a, size, pos, &it); pos = it.next, k++) {
		char what[96];
		const char *iname = k < nitems ? items[k] : "?";

		if (off >= it.next)
			continue;
		if (off < it.data) {
			uint64_t x = get64(a + it.desc) ^ get64(b + it.desc);
			snprintf(what, sizeof what, "descriptor%s%s%s%s%s%s",
				 (x & 0xff) ? " msgt_name" : "",
				 (x & 0xffff00) ? " msgt_size" : "",
				 (x & 0x1f000000) ? " msgt_unused" : "",
				 (x & 0xe0000000) ? " inline/longform/deallocate" : "",
				 (x >> 32) ? " msgt_number" : "", x ? "" : " (equal)");
		} else if (!it.isinline) {
			snprintf(what, sizeof what, "out-of-line pointer");
		} else if (off < it.data + it.nbytes) {
			size_t esz = it.size >= 8 ? it.size / 8 : 1;
			snprintf(what, sizeof what, "data element %zu byte %zu",
				 (off - it.data) / esz, (off - it.data) % esz);
		} else {
			snprintf(what, sizeof what, "padding after the data");
		}
		snprintf(out, outsz, "item %d '%s' (%s x%u, %u bits%s) %s", k, iname,
			 type_name(it.name), it.number, it.size,
			 it.isinline ? "" : ", out-of-line", what);
		return;
	}
	snprintf(out, outsz, "past the last item");
}

/* The reply port the kernel puts in a message a KernelUser stub sends for an RPC
 * (the stub leaves it null and mach_msg_rpc_from_kernel fills it in). */
void wt_kernel_reply_port(unsigned char *m, uint32_t name)
{
	put64(m + 16, name_to_ptr(name));
}
