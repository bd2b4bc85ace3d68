/*
 * port_ops.c — mach_port.defs operations on a name space (see port_ops.h).
 */
#include <ipc/port_ops.h>
#include <ipc/right.h>
#include <ipc/notify.h>
#include <mach/notify.h>
#include <kern/panic.h>

struct ipc_dnrequest *ipc_dnrequest_alloc(void);
void ipc_dnrequest_free(struct ipc_dnrequest *r);

static inline kern_return_t fill_new(struct ipc_space *s, mach_port_right_t right,
				     mach_port_name_t name, struct ipc_entry *e)
{
	switch (right) {
	case MACH_PORT_RIGHT_RECEIVE: {
		struct ipc_port *p = ipc_port_alloc();
		if (!p || ipc_space_reverse_reserve(s) != KERN_SUCCESS) {
			if (p)
				ipc_port_release(p);
			ipc_entry_free(s, name, e);
			return KERN_RESOURCE_SHORTAGE;
		}
		p->receiver = s;
		p->receiver_name = name;
		e->object = &p->obj;            /* the port's first reference */
		e->type = MACH_PORT_TYPE_RECEIVE;
		return KERN_SUCCESS;
	}
	case MACH_PORT_RIGHT_PORT_SET: {
		struct ipc_pset *set = ipc_pset_alloc();
		if (!set) {
			ipc_entry_free(s, name, e);
			return KERN_RESOURCE_SHORTAGE;
		}
		set->space = s;
		set->name = name;
		e->object = &set->obj;
		e->type = MACH_PORT_TYPE_PORT_SET;
		return KERN_SUCCESS;
	}
	case MACH_PORT_RIGHT_DEAD_NAME:
		e->type = MACH_PORT_TYPE_DEAD_NAME;
		e->urefs = 1;
		return KERN_SUCCESS;
	default:
		ipc_entry_free(s, name, e);
		return KERN_INVALID_VALUE;
	}
}

static bool allocatable(mach_port_right_t right)
{
	return right == MACH_PORT_RIGHT_RECEIVE || right == MACH_PORT_RIGHT_PORT_SET ||
	       right == MACH_PORT_RIGHT_DEAD_NAME;
}

/* The usual allocation, a receive right: the port first (as GNU Mach does), then its
 * reverse-map reservation and its name, so that few values live across the calls. */
static kern_return_t allocate_receive(struct ipc_space *s, mach_port_name_t *name)
{
	struct ipc_port *p = ipc_port_alloc();
	if (!p)
		return KERN_RESOURCE_SHORTAGE;
	struct ipc_entry *e;
	kern_return_t kr = ipc_space_reverse_reserve(s);
	if (kr == KERN_SUCCESS) {
		if ((e = ipc_entry_alloc_hinted(s)))
			*name = e->name;
		else if ((kr = ipc_entry_alloc_slow(s, name, &e)) != KERN_SUCCESS)
			ipc_space_reverse_unreserve(s);
	}
	if (kr != KERN_SUCCESS) {
		ipc_port_release(p);            /* its only reference: it goes */
		return kr;
	}
	p->receiver = s;
	p->receiver_name = *name;
	e->object = &p->obj;                    /* the port's first reference */
	e->type = MACH_PORT_TYPE_RECEIVE;
	return KERN_SUCCESS;
}

kern_return_t port_op_allocate(struct ipc_space *s, mach_port_right_t right, mach_port_name_t *name)
{
	struct ipc_entry *e;
	if (right == MACH_PORT_RIGHT_RECEIVE)
		return allocate_receive(s, name);
	if (!allocatable(right))
		return KERN_INVALID_VALUE;
	kern_return_t kr = ipc_entry_alloc(s, name, &e);
	return kr == KERN_SUCCESS ? fill_new(s, right, *name, e) : kr;
}

kern_return_t port_op_allocate_name(struct ipc_space *s, mach_port_right_t right, mach_port_name_t name)
{
	struct ipc_entry *e;
	if (!allocatable(right) || !MACH_PORT_VALID(name))
		return KERN_INVALID_VALUE;
	kern_return_t kr = ipc_entry_alloc_name(s, name, &e);
	return kr == KERN_SUCCESS ? fill_new(s, right, name, e) : kr;
}

kern_return_t port_op_deallocate(struct ipc_space *s, mach_port_name_t name)
{
	return ipc_right_dealloc(s, name);
}

kern_return_t port_op_destroy(struct ipc_space *s, mach_port_name_t name)
{
	struct ipc_entry *e = ipc_entry_lookup(s, name);
	if (!e)
		return KERN_INVALID_NAME;
	ipc_right_check(s, name, e);
	ipc_right_destroy_entry(s, name, e);
	return KERN_SUCCESS;
}

kern_return_t port_op_mod_refs(struct ipc_space *s, mach_port_name_t name, mach_port_right_t right,
			       mach_port_delta_t delta)
{
	return ipc_right_mod_refs(s, name, right, delta);
}

kern_return_t port_op_get_refs(struct ipc_space *s, mach_port_name_t name, mach_port_right_t right,
			       mach_port_urefs_t *refs)
{
	if (right >= MACH_PORT_RIGHT_NUMBER)
		return KERN_INVALID_VALUE;
	struct ipc_entry *e = ipc_entry_lookup(s, name);
	if (!e)
		return KERN_INVALID_NAME;
	ipc_right_check(s, name, e);
	if (!(e->type & MACH_PORT_TYPE(right)))
		*refs = 0;
	else if (right == MACH_PORT_RIGHT_SEND || right == MACH_PORT_RIGHT_DEAD_NAME)
		*refs = e->urefs;
	else
		*refs = 1;
	return KERN_SUCCESS;
}

/* What mach_port_type and mach_port_names report for an entry: its rights (a send right
 * to a dead port turning into the dead name it is now) and a dead-name request. */
static mach_port_type_t entry_type(struct ipc_space *s, mach_port_name_t name, struct ipc_entry *e)
{
	ipc_right_check(s, name, e);
	return e->type | (e->dnrequest ? MACH_PORT_TYPE_DNREQUEST : 0);
}

kern_return_t port_op_type(struct ipc_space *s, mach_port_name_t name, mach_port_type_t *type)
{
	struct ipc_entry *e = ipc_entry_lookup(s, name);
	if (!e)
		return KERN_INVALID_NAME;
	*type = entry_type(s, name, e);
	return KERN_SUCCESS;
}

kern_return_t port_op_rename(struct ipc_space *s, mach_port_name_t old, mach_port_name_t new_name)
{
	struct ipc_entry *oe = ipc_entry_lookup(s, old), *ne;
	if (!oe)
		return KERN_INVALID_NAME;
	if (!MACH_PORT_VALID(new_name))
		return KERN_INVALID_VALUE;
	kern_return_t kr = ipc_entry_alloc_name(s, new_name, &ne);
	if (kr != KERN_SUCCESS)
		return kr;
	oe = ipc_entry_lookup(s, old);                /* tables may have grown */
	*ne = (struct ipc_entry){ oe->object, oe->type, oe->urefs, oe->dnrequest, new_name, ne->gen };
	if (ne->dnrequest)
		ne->dnrequest->name = new_name;
	if ((oe->type & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_RECEIVE)) == MACH_PORT_TYPE_SEND) {
		/* Cannot fail: the slot removed is free for it. */
		ipc_space_reverse_remove(s, oe->object);
		ipc_space_reverse_insert(s, oe->object, new_name);
	}
	if (oe->type & MACH_PORT_TYPE_RECEIVE)
		((struct ipc_port *)oe->object)->receiver_name = new_name;
	if (oe->type & MACH_PORT_TYPE_PORT_SET)
		((struct ipc_pset *)oe->object)->name = new_name;
	oe->object = NULL;
	oe->dnrequest = NULL;
	ipc_entry_free(s, old, oe);
	return KERN_SUCCESS;
}

kern_return_t port_op_insert_right(struct ipc_space *s, mach_port_name_t name, struct ipc_port *p,
				   mach_msg_type_name_t kind)
{
	/* p carries the right (and its reference) to insert under `name`. On success the
	 * right is the space's; on failure it is still the caller's. */
	if (!MACH_PORT_VALID(name))
		return KERN_INVALID_VALUE;
	if (!IPC_PORT_VALID(p))
		return KERN_INVALID_CAPABILITY;
	struct ipc_entry *e = ipc_entry_lookup(s, name);
	mach_port_name_t existing = kind == MACH_MSG_TYPE_PORT_SEND_ONCE ? MACH_PORT_NULL :
				    ipc_right_reverse(s, p);
	if (existing != MACH_PORT_NULL && existing != name)
		return KERN_RIGHT_EXISTS;
	if (e && existing != name)
		return KERN_NAME_EXISTS;
	if (e) {
		/* Joining rights to the same port under its existing name. */
		if (kind == MACH_MSG_TYPE_PORT_RECEIVE && (e->type & MACH_PORT_TYPE_RECEIVE))
			return KERN_RIGHT_EXISTS;
		if (kind == MACH_MSG_TYPE_PORT_SEND && (e->type & MACH_PORT_TYPE_SEND) &&
		    e->urefs >= IPC_ENTRY_UREFS_MAX)
			return KERN_UREFS_OVERFLOW;
		bool failed = false;
		ipc_right_copyout(s, p, kind, &failed);       /* cannot fail: the entry exists */
		return KERN_SUCCESS;
	}
	kern_return_t kr = ipc_entry_alloc_name(s, name, &e);
	if (kr != KERN_SUCCESS)
		return kr;
	return ipc_right_install(s, name, e, p, kind);
}

kern_return_t port_op_extract_right(struct ipc_space *s, mach_port_name_t name,
				    mach_msg_type_name_t disposition, struct ipc_port **p,
				    mach_msg_type_name_t *kind)
{
	if (!MACH_MSG_TYPE_PORT_ANY(disposition))
		return KERN_INVALID_VALUE;
	struct ipc_entry *e = ipc_entry_lookup(s, name);
	if (!e)
		return KERN_INVALID_NAME;
	kern_return_t kr = ipc_right_copyin_check(s, name, e, disposition, 0);
	if (kr != KERN_SUCCESS)
		return kr;
	*p = ipc_right_copyin(s, name, e, disposition, kind);
	return KERN_SUCCESS;
}

static struct ipc_port *receive_port(struct ipc_space *s, mach_port_name_t name, kern_return_t *kr)
{
	return ipc_right_port(s, name, true, kr);
}

kern_return_t port_op_move_member(struct ipc_space *s, mach_port_name_t member, mach_port_name_t after)
{
	kern_return_t kr;
	struct ipc_port *p = receive_port(s, member, &kr);
	if (!p)
		return kr;
	struct ipc_pset *set = NULL;
	if (after != MACH_PORT_NULL) {
		struct ipc_entry *e = ipc_entry_lookup(s, after);
		if (!e)
			return KERN_INVALID_NAME;
		if (!(e->type & MACH_PORT_TYPE_PORT_SET))
			return KERN_INVALID_RIGHT;
		set = (struct ipc_pset *)e->object;
	}
	ipc_pset_remove(p);
	if (set)
		ipc_pset_add(set, p);
	/* Threads receiving on the port alone must notice it joined a set. */
	waitq_wakeup_all(&p->receivers, THREAD_RESTART);
	return KERN_SUCCESS;
}

kern_return_t port_op_set_qlimit(struct ipc_space *s, mach_port_name_t name, mach_port_msgcount_t qlimit)
{
	kern_return_t kr;
	struct ipc_port *p = receive_port(s, name, &kr);
	if (!p)
		return kr;
	if (qlimit > MACH_PORT_QLIMIT_MAX)
		return KERN_INVALID_VALUE;
	p->qlimit = qlimit;
	waitq_wakeup_all(&p->senders, THREAD_AWAKENED);
	return KERN_SUCCESS;
}

kern_return_t port_op_set_mscount(struct ipc_space *s, mach_port_name_t name, mach_port_mscount_t mscount)
{
	kern_return_t kr;
	struct ipc_port *p = receive_port(s, name, &kr);
	if (p)
		p->mscount = mscount;
	return kr;
}

kern_return_t port_op_set_seqno(struct ipc_space *s, mach_port_name_t name, mach_port_seqno_t seqno)
{
	kern_return_t kr;
	struct ipc_port *p = receive_port(s, name, &kr);
	if (p)
		p->seqno = seqno;
	return kr;
}

kern_return_t port_op_get_receive_status(struct ipc_space *s, mach_port_name_t name,
					 mach_port_status_t *st)
{
	kern_return_t kr;
	struct ipc_port *p = receive_port(s, name, &kr);
	if (!p)
		return kr;
	*st = (mach_port_status_t){
		.mps_pset = p->pset ? p->pset->name : MACH_PORT_NULL,
		.mps_seqno = p->seqno,
		.mps_mscount = p->mscount,
		.mps_qlimit = p->qlimit,
		.mps_msgcount = p->msgcount,
		.mps_sorights = p->sorights,
		.mps_srights = p->srights > 0,
		.mps_pdrequest = p->pdrequest != NULL,
		.mps_nsrequest = p->nsrequest != NULL,
	};
	return KERN_SUCCESS;
}

static kern_return_t request_dead_name(struct ipc_space *s, mach_port_name_t name,
				       struct ipc_port *notify, struct ipc_port **previous)
{
	struct ipc_entry *e = ipc_entry_lookup(s, name);
	if (!e)
		return KERN_INVALID_NAME;
	ipc_right_check(s, name, e);
	if (e->type & MACH_PORT_TYPE_DEAD_NAME) {
		/* Already dead: the notification goes out at once (Mach does the same). */
		if (notify) {
			e->urefs++;
			ipc_notify_dead_name(notify, name);
		}
		*previous = NULL;
		return KERN_SUCCESS;
	}
	if (!(e->type & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_SEND_ONCE | MACH_PORT_TYPE_RECEIVE)))
		return KERN_INVALID_RIGHT;
	struct ipc_port *p = (struct ipc_port *)e->object;
	*previous = NULL;
	if (e->dnrequest) {
		*previous = e->dnrequest->notify;
		list_remove(&e->dnrequest->link);
		ipc_dnrequest_free(e->dnrequest);
		e->dnrequest = NULL;
	}
	if (!notify)
		return KERN_SUCCESS;
	struct ipc_dnrequest *r = ipc_dnrequest_alloc();
	if (!r)
		return KERN_RESOURCE_SHORTAGE;
	r->space = s;
	r->name = name;
	r->notify = notify;
	list_insert_tail(&p->dnrequests, &r->link);
	e->dnrequest = r;
	return KERN_SUCCESS;
}

kern_return_t port_op_request_notification(struct ipc_space *s, mach_port_name_t name, mach_msg_id_t id,
					   mach_port_mscount_t sync, struct ipc_port *notify,
					   struct ipc_port **previous)
{
	kern_return_t kr;
	struct ipc_port *p;
	switch (id) {
	case MACH_NOTIFY_DEAD_NAME:
		return request_dead_name(s, name, notify, previous);
	case MACH_NOTIFY_PORT_DESTROYED:
		if (!(p = receive_port(s, name, &kr)))
			return kr;
		if (sync != 0)
			return KERN_INVALID_VALUE;
		*previous = p->pdrequest;
		p->pdrequest = notify;
		return KERN_SUCCESS;
	case MACH_NOTIFY_NO_SENDERS:
		if (!(p = receive_port(s, name, &kr)))
			return kr;
		*previous = p->nsrequest;
		p->nsrequest = notify;
		p->nsrequest_sync = sync;
		/* Already no senders, and the make-send count has reached sync: fire now. */
		if (notify && p->srights == 0 && p->mscount >= sync) {
			p->nsrequest = NULL;
			ipc_notify_no_senders(notify, p->mscount);
		}
		return KERN_SUCCESS;
	default:
		return KERN_INVALID_VALUE;
	}
}

kern_return_t port_op_set_protected_payload(struct ipc_space *s, mach_port_name_t name, uint64_t payload)
{
	kern_return_t kr;
	struct ipc_port *p = receive_port(s, name, &kr);
	if (!p)
		return kr;
	p->payload = payload;
	p->has_payload = true;
	return KERN_SUCCESS;
}

kern_return_t port_op_clear_protected_payload(struct ipc_space *s, mach_port_name_t name)
{
	kern_return_t kr;
	struct ipc_port *p = receive_port(s, name, &kr);
	if (!p)
		return kr;
	p->payload = 0;
	p->has_payload = false;
	return KERN_SUCCESS;
}

/* ---- listings (mach_port_names, mach_port_get_set_status) ---- */

struct listing {
	mach_port_name_t *names;
	mach_port_type_t *types;        /* NULL for set members */
	struct ipc_pset *set;           /* members of this set, or NULL: every entry */
	uint32_t max, count;            /* room in the arrays; entries found (may be more) */
};

static void list_one(struct ipc_space *s, mach_port_name_t name, struct ipc_entry *e, void *arg)
{
	struct listing *l = arg;
	if (l->set && (!(e->type & MACH_PORT_TYPE_RECEIVE) ||
		       ((struct ipc_port *)e->object)->pset != l->set))
		return;
	if (l->count < l->max) {
		l->names[l->count] = name;
		if (l->types)
			l->types[l->count] = entry_type(s, name, e);
	}
	l->count++;
}

uint32_t port_op_names(struct ipc_space *s, mach_port_name_t *names, mach_port_type_t *types,
		       uint32_t max)
{
	struct listing l = { .names = names, .types = types, .max = max };
	ipc_space_foreach(s, list_one, &l);
	return l.count < max ? l.count : max;
}

kern_return_t port_op_set_members(struct ipc_space *s, mach_port_name_t name,
				  mach_port_name_t *names, uint32_t max, uint32_t *count)
{
	struct ipc_entry *e = ipc_entry_lookup(s, name);
	if (!e)
		return KERN_INVALID_NAME;
	if (!(e->type & MACH_PORT_TYPE_PORT_SET))
		return KERN_INVALID_RIGHT;
	struct listing l = { .names = names, .set = (struct ipc_pset *)e->object, .max = max };
	ipc_space_foreach(s, list_one, &l);
	*count = l.count;
	return KERN_SUCCESS;
}
