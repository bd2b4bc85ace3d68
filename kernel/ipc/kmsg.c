/*
 * kmsg.c — kernel messages (see kmsg.h).
 *
 * Body layout (x86_64 typed messages): items follow the header; each is an 8-byte type
 * descriptor (the long form is the same 8 bytes) followed by its data padded to 8 bytes,
 * or by an 8-byte pointer when out of line. Inline ports are 64-bit slots.
 */
#include <ipc/kmsg.h>
#include <ipc/right.h>
#include <ipc/space.h>
#include <kern/copy.h>
#include <kern/string.h>
#include <kern/zalloc.h>
#include <kern/panic.h>
#include <vm/kmem.h>
#include <ipc/kmsg_ool.h>
#include <vm/page_alloc.h>
#include <arch/x86_64/layout.h>

#define KMSG_ZONE_BYTES IPC_KMSG_SMALL_BYTES   /* buffer of zone-allocated kmsgs */
#define KMSG_HEADER_BYTES IPC_KMSG_HEADER_BYTES
_Static_assert(PAGE_SIZE == 4096, "ipc_kmsg_cache_slot counts in 4 KiB pages");

static struct zone kmsg_zone;

void ipc_kmsg_init(void)
{
	zone_init(&kmsg_zone, "ipc.kmsg", KMSG_HEADER_BYTES + KMSG_ZONE_BYTES, &kernel_zone_source);
}

/* The caches of the last freed kmsgs (kmsg.h). */
#define KMSG_CACHE_ORDERS IPC_KMSG_CACHE_ORDERS
struct ipc_kmsg *ipc_kmsg_cache_small;   /* a KMSG_ZONE_BYTES kmsg, or NULL */
struct ipc_kmsg *ipc_kmsg_cache_page[KMSG_CACHE_ORDERS];   /* by order, or NULL */
#define cache_page ipc_kmsg_cache_page

static struct ipc_kmsg *kmsg_alloc_fresh(uint32_t size)
{
	struct ipc_kmsg *k;
	if (size <= KMSG_ZONE_BYTES) {
		if (!(k = zalloc(&kmsg_zone)))
			return NULL;
		k->order = ~0u;
		k->capacity = KMSG_ZONE_BYTES;
		return k;
	}
	unsigned order = 0;
	while ((PAGE_SIZE << order) < KMSG_HEADER_BYTES + size)
		order++;
	struct vm_page *pg = vm_page_alloc(&kernel_page_pool, order);
	if (!pg)
		return NULL;
	k = phys_to_virt(vm_page_to_phys(&kernel_page_pool, pg));
	k->order = order;
	k->capacity = (uint32_t)((PAGE_SIZE << order) - KMSG_HEADER_BYTES);
	return k;
}

static inline struct ipc_kmsg *cache_take(uint32_t size)
{
	struct ipc_kmsg **slot = ipc_kmsg_cache_slot(size), *k = NULL;
	if (slot) {
		k = *slot;
		*slot = NULL;
	}
	return k;
}

struct ipc_kmsg *ipc_kmsg_alloc_fresh(uint32_t size)
{
	struct ipc_kmsg *k = kmsg_alloc_fresh(size);
	if (!k)
		return NULL;
	list_init(&k->link);
	k->rpc_form = false;
	return k;
}

static void kmsg_free_fresh(struct ipc_kmsg *k)
{
	if (k->order == ~0u)
		zfree(&kmsg_zone, k);
	else
		vm_page_free(&kernel_page_pool,
			     vm_page_from_phys(&kernel_page_pool, virt_to_phys(k)), k->order);
}

void ipc_kmsg_free_other(struct ipc_kmsg *k)
{
	if (k->order == ~0u && !ipc_kmsg_cache_small)
		ipc_kmsg_cache_small = k;
	else if (k->order < KMSG_CACHE_ORDERS && !cache_page[k->order])
		cache_page[k->order] = k;
	else
		kmsg_free_fresh(k);
}

void ipc_kmsg_cache_drain(void)
{
	if (ipc_kmsg_cache_small)
		kmsg_free_fresh(ipc_kmsg_cache_small);
	ipc_kmsg_cache_small = NULL;
	for (unsigned o = 0; o < KMSG_CACHE_ORDERS; o++) {
		if (cache_page[o])
			kmsg_free_fresh(cache_page[o]);
		cache_page[o] = NULL;
	}
}

/* ---- body items ---- */

struct item {
	mach_msg_type_t *type;
	uint8_t *data;           /* inline data, or the 8-byte pointer slot */
	uint64_t data_bytes;     /* bytes of data (before padding) */
	uint64_t span;           /* bytes the item occupies after its descriptor */
};

/* Parses the item at *pp; false if it does not fit before end. */
static bool next_item(uint8_t **pp, uint8_t *end, struct item *it)
{
	uint8_t *p = *pp;
	if ((uint64_t)(end - p) < sizeof(mach_msg_type_t))
		return false;
	it->type = (mach_msg_type_t *)p;
	p += sizeof(mach_msg_type_t);
	uint64_t bits = (uint64_t)it->type->msgt_size * it->type->msgt_number;
	it->data_bytes = (bits + 7) / 8;
	it->span = it->type->msgt_inline ? (it->data_bytes + 7) & ~7ull : 8;
	if ((uint64_t)(end - p) < it->span)
		return false;
	it->data = p;
	*pp = p + it->span;
	return true;
}

static uint8_t *body_start(struct ipc_kmsg *k) { return (uint8_t *)(&k->hdr + 1); }
static uint8_t *body_end(struct ipc_kmsg *k) { return (uint8_t *)&k->hdr + k->hdr.msgh_size; }

static bool is_port_type(unsigned name)
{
	return MACH_MSG_TYPE_PORT_ANY(name);
}

/* Releases the rights carried by the first `upto` bytes of the body (all if NULL). */
static void release_body(struct ipc_kmsg *k, uint8_t *upto)
{
	uint8_t *p = body_start(k), *end = upto ? upto : body_end(k);
	struct item it;
	while (p < end && next_item(&p, body_end(k), &it)) {
		if (!it.type->msgt_inline) {
			ipc_ool_release(it.type, (uint64_t *)it.data);
			continue;
		}
		if (!is_port_type(it.type->msgt_name))
			continue;
		struct ipc_port **slots = (struct ipc_port **)it.data;
		for (uint32_t i = 0; i < it.type->msgt_number; i++)
			ipc_right_release_carried(slots[i], it.type->msgt_name);
	}
}

void ipc_kmsg_destroy(struct ipc_kmsg *k)
{
	mach_msg_bits_t bits = k->hdr.msgh_bits;
	ipc_right_release_carried(kmsg_dest(k), MACH_MSGH_BITS_REMOTE(bits));
	ipc_right_release_carried(kmsg_reply(k), MACH_MSGH_BITS_LOCAL(bits));
	if (bits & MACH_MSGH_BITS_COMPLEX)
		release_body(k, NULL);
	ipc_kmsg_free(k);
}

mach_msg_return_t ipc_kmsg_get(uint64_t user_msg, uint32_t size, struct ipc_kmsg **out)
{
	if (size < sizeof(mach_msg_header_t) || (size & 7))
		return MACH_SEND_MSG_TOO_SMALL;
	if (size > IPC_KMSG_MAX_SIZE)
		return MACH_SEND_NO_BUFFER;
	struct ipc_kmsg *k = cache_take(size);
	if (!k && !(k = kmsg_alloc_fresh(size)))
		return MACH_SEND_NO_BUFFER;
	list_init(&k->link);
	k->rpc_form = false;
	if (copyin(user_msg, &k->hdr, size) != 0) {
		ipc_kmsg_free(k);
		return MACH_SEND_INVALID_DATA;
	}
	k->hdr.msgh_size = size;
	*out = k;
	return MACH_MSG_SUCCESS;
}

/* ---- copyin ---- */

static bool reply_type_ok(mach_msg_type_name_t t, mach_port_name_t name)
{
	if (name == MACH_PORT_NULL)
		return t == 0 || MACH_MSG_TYPE_PORT_ANY_SEND(t);
	return MACH_MSG_TYPE_PORT_ANY_SEND(t);
}

/* User references the other header field takes from the same name. */
static unsigned moves(mach_msg_type_name_t t)
{
	return t == MACH_MSG_TYPE_MOVE_SEND || t == MACH_MSG_TYPE_MOVE_SEND_ONCE;
}

static mach_msg_return_t copyin_header(struct ipc_space *s, struct ipc_kmsg *k)
{
	mach_msg_header_t *h = &k->hdr;
	mach_msg_type_name_t dt = MACH_MSGH_BITS_REMOTE(h->msgh_bits);
	mach_msg_type_name_t rt = MACH_MSGH_BITS_LOCAL(h->msgh_bits);
	mach_port_name_t dn = h->msgh_remote_port, rn = h->msgh_local_port;

	if (!MACH_MSG_TYPE_PORT_ANY_SEND(dt) || !reply_type_ok(rt, rn) ||
	    (h->msgh_bits & MACH_MSGH_BITS_UNUSED))
		return MACH_SEND_INVALID_HEADER;
	struct ipc_entry *de = ipc_entry_lookup(s, dn);
	if (!MACH_PORT_VALID(dn) || !de)
		return MACH_SEND_INVALID_DEST;
	bool same = rn == dn;
	if (ipc_right_copyin_check(s, dn, de, dt, same ? moves(rt) : 0) != KERN_SUCCESS ||
	    (de->type & MACH_PORT_TYPE_DEAD_NAME))
		return MACH_SEND_INVALID_DEST;
	struct ipc_entry *re = NULL;
	if (MACH_PORT_VALID(rn)) {
		re = ipc_entry_lookup(s, rn);
		if (!re || ipc_right_copyin_check(s, rn, re, rt, same ? moves(dt) : 0) != KERN_SUCCESS)
			return MACH_SEND_INVALID_REPLY;
	} else if (rn == MACH_PORT_DEAD && rt != 0) {
		rt = MACH_MSG_TYPE_PORT_SEND;    /* carried as a dead name */
	}

	/* Everything checked: take the rights. Copies and makes first, so a move of the
	 * same name afterwards still finds the entry. */
	mach_msg_type_name_t dk = 0, rk = 0;
	struct ipc_port *dest, *reply = NULL;
	if (re && !moves(rt)) {
		reply = ipc_right_copyin(s, rn, re, rt, &rk);
		dest = ipc_right_copyin(s, dn, de, dt, &dk);
	} else {
		dest = ipc_right_copyin(s, dn, de, dt, &dk);
		if (re) {
			re = ipc_entry_lookup(s, rn);
			reply = ipc_right_copyin(s, rn, re, rt, &rk);
		} else if (rn == MACH_PORT_DEAD) {
			reply = IPC_PORT_DEAD;
			rk = rt;
		}
	}
	h->msgh_bits = (h->msgh_bits & ~MACH_MSGH_BITS_PORTS_MASK) | MACH_MSGH_BITS(dk, rk);
	kmsg_set_dest(k, dest);
	kmsg_set_reply(k, reply);
	return MACH_MSG_SUCCESS;
}

mach_msg_return_t ipc_kmsg_copyin_ports(struct ipc_space *s, mach_msg_type_t *type,
					uint64_t *slots)
{
	mach_msg_type_name_t disp = type->msgt_name, kind = 0;
	if (type->msgt_size != 64)
		return MACH_SEND_INVALID_TYPE;
	for (uint32_t i = 0; i < type->msgt_number; i++) {
		mach_port_name_t name = (mach_port_name_t)slots[i];
		struct ipc_port *p;
		if (name == MACH_PORT_NULL) {
			p = NULL;
		} else if (name == MACH_PORT_DEAD) {
			p = IPC_PORT_DEAD;
		} else {
			struct ipc_entry *e = ipc_entry_lookup(s, name);
			if (!e || ipc_right_copyin_check(s, name, e, disp, 0) != KERN_SUCCESS) {
				/* Undo this item's rights taken so far. */
				for (uint32_t j = 0; j < i; j++)
					ipc_right_release_carried((struct ipc_port *)slots[j], kind ? kind :
								  MACH_MSG_TYPE_PORT_SEND);
				return MACH_SEND_INVALID_RIGHT;
			}
			p = ipc_right_copyin(s, name, e, disp, &kind);
		}
		slots[i] = (uint64_t)p;
	}
	if (!kind) {                    /* only null/dead names: the kind follows the disposition */
		kind = disp == MACH_MSG_TYPE_MOVE_RECEIVE ? MACH_MSG_TYPE_PORT_RECEIVE :
		       (disp == MACH_MSG_TYPE_MOVE_SEND_ONCE || disp == MACH_MSG_TYPE_MAKE_SEND_ONCE) ?
		       MACH_MSG_TYPE_PORT_SEND_ONCE : MACH_MSG_TYPE_PORT_SEND;
	}
	type->msgt_name = kind;
	return MACH_MSG_SUCCESS;
}

static mach_msg_return_t copyin_body(struct ipc_space *s, struct ipc_kmsg *k)
{
	uint8_t *p = body_start(k), *end = body_end(k);
	struct item it;
	while (p < end) {
		uint8_t *item_start = p;
		mach_msg_return_t mr = MACH_MSG_SUCCESS;
		if (!next_item(&p, end, &it))
			mr = MACH_SEND_MSG_TOO_SMALL;
		else if (it.type->msgt_unused || (it.type->msgt_deallocate && it.type->msgt_inline))
			mr = MACH_SEND_INVALID_TYPE;
		else if (!it.type->msgt_inline)
			mr = ipc_ool_copyin(s, it.type, (uint64_t *)it.data, it.data_bytes);
		else if (is_port_type(it.type->msgt_name))
			mr = ipc_kmsg_copyin_ports(s, it.type, (uint64_t *)it.data);
		if (mr != MACH_MSG_SUCCESS) {
			/* As in Mach: the rights taken so far, the header's too, are destroyed. */
			release_body(k, item_start);
			mach_msg_bits_t bits = k->hdr.msgh_bits;
			ipc_right_release_carried(kmsg_dest(k), MACH_MSGH_BITS_REMOTE(bits));
			ipc_right_release_carried(kmsg_reply(k), MACH_MSGH_BITS_LOCAL(bits));
			ipc_kmsg_free(k);
			return mr;
		}
	}
	return MACH_MSG_SUCCESS;
}

mach_msg_type_t *ipc_kmsg_rpc_memory_item(struct ipc_kmsg *k, uint64_t *bytes)
{
	uint8_t *p = body_start(k), *end = body_end(k);
	mach_msg_type_t *found = NULL;
	struct item it;
	while (p < end) {
		/* Anything copyin_body would refuse, or do more than this item's copy for. */
		if (!next_item(&p, end, &it) || it.type->msgt_unused ||
		    is_port_type(it.type->msgt_name))
			return NULL;
		if (it.type->msgt_inline) {
			if (it.type->msgt_deallocate)
				return NULL;
			continue;
		}
		if (found)
			return NULL;
		found = it.type;
		*bytes = it.data_bytes;
	}
	return found;
}

mach_msg_return_t ipc_kmsg_copyin(struct ipc_space *s, struct ipc_kmsg *k)
{
	mach_msg_return_t mr = copyin_header(s, k);
	if (mr != MACH_MSG_SUCCESS) {
		ipc_kmsg_free(k);
		return mr;
	}
	if (!(k->hdr.msgh_bits & MACH_MSGH_BITS_COMPLEX))
		return MACH_MSG_SUCCESS;
	return copyin_body(s, k);
}

/* ---- copyout ---- */

static mach_msg_return_t copyout_body(struct ipc_space *s, struct ipc_kmsg *k,
				      mach_msg_return_t mr);

/* The reply right's name in s, in the general case; *mr gets MACH_RCV_HEADER_ERROR if it
 * found no room (the right is then lost). Out of line: an RPC's reply right takes the
 * short way in ipc_kmsg_copyout. */
static __attribute__((noinline)) mach_port_name_t
copyout_reply(struct ipc_space *s, struct ipc_port *reply, mach_msg_type_name_t rk,
	      mach_msg_return_t *mr)
{
	bool failed = false;
	mach_port_name_t name = ipc_right_copyout(s, reply, rk, &failed);
	if (failed)
		*mr = MACH_RCV_HEADER_ERROR;
	return name;
}

mach_msg_return_t ipc_kmsg_copyout(struct ipc_space *s, struct ipc_kmsg *k)
{
	mach_msg_header_t *h = &k->hdr;
	mach_msg_bits_t bits = h->msgh_bits;
	struct ipc_port *dest = kmsg_dest(k), *reply = kmsg_reply(k);
	mach_msg_type_name_t dk = MACH_MSGH_BITS_REMOTE(bits), rk = MACH_MSGH_BITS_LOCAL(bits);
	mach_msg_return_t mr = MACH_MSG_SUCCESS;

	/* The reply right becomes the receiver's remote port; the destination, which it
	 * receives from, its local port (or the port's protected payload). */
	mach_port_name_t rname = MACH_PORT_NULL;
	struct ipc_entry *re;
	if (rk == MACH_MSG_TYPE_PORT_SEND_ONCE && IPC_PORT_VALID(reply) && reply->active &&
	    ipc_entry_alloc(s, &rname, &re) == KERN_SUCCESS) {
		/* An RPC's reply right: a fresh entry (send-once rights never coalesce). */
		re->object = &reply->obj;
		re->type = MACH_PORT_TYPE_SEND_ONCE;
	} else if (reply) {
		rname = copyout_reply(s, reply, rk, &mr);
	}
	uint64_t local = MACH_PORT_NULL;
	mach_msg_type_name_t local_kind = dk;
	if (IPC_PORT_VALID(dest))
		local = ipc_kmsg_copyout_dest(s, dest, dk, &local_kind);
	h->msgh_bits = MACH_MSGH_BITS_OTHER(bits) | MACH_MSGH_BITS(rk, local_kind);
	h->msgh_remote_port_do_not_use = rname;
	h->msgh_protected_payload = local;

	if (!(bits & MACH_MSGH_BITS_COMPLEX))
		return mr;
	return copyout_body(s, k, mr);
}

/* The body's rights, after the header's; mr is the header's result. Out of line: the
 * RPC path's messages have no body rights. */
static __attribute__((noinline)) mach_msg_return_t copyout_body(struct ipc_space *s,
								 struct ipc_kmsg *k,
								 mach_msg_return_t mr)
{
	uint8_t *p = body_start(k), *end = body_end(k);
	struct item it;
	while (p < end && next_item(&p, end, &it)) {
		if (!it.type->msgt_inline) {
			mach_msg_return_t r = ipc_ool_copyout(s, it.type, (uint64_t *)it.data);
			if (r != MACH_MSG_SUCCESS && mr == MACH_MSG_SUCCESS)
				mr = r;
			continue;
		}
		if (!is_port_type(it.type->msgt_name))
			continue;
		if (!ipc_kmsg_copyout_ports(s, it.type, (uint64_t *)it.data) &&
		    mr == MACH_MSG_SUCCESS)
			mr = MACH_RCV_BODY_ERROR;
	}
	return mr;
}

bool ipc_kmsg_copyout_ports(struct ipc_space *s, mach_msg_type_t *type, uint64_t *slots)
{
	bool ok = true;
	for (uint32_t i = 0; i < type->msgt_number; i++) {
		bool failed = false;
		slots[i] = ipc_right_copyout(s, (struct ipc_port *)slots[i], type->msgt_name,
					     &failed);
		if (failed)
			ok = false;
	}
	return ok;
}

mach_msg_return_t ipc_kmsg_put(uint64_t user_msg, struct ipc_kmsg *k)
{
	int rc = copyout(&k->hdr, user_msg, k->hdr.msgh_size);
	ipc_kmsg_free(k);
	return rc == 0 ? MACH_MSG_SUCCESS : MACH_RCV_INVALID_DATA;
}
