/*
 * right.c — rights in name spaces (see right.h).
 *
 * Invariants of an entry: `type` holds MACH_PORT_TYPE_* bits; SEND and RECEIVE may be
 * together (one object, one reference); SEND_ONCE, PORT_SET and DEAD_NAME stand alone.
 * urefs counts user references of SEND or DEAD_NAME (RECEIVE and SEND_ONCE have
 * exactly one, not counted there). The reverse map holds the entries with SEND alone;
 * an entry with RECEIVE is found through port->receiver_name and has a reverse slot
 * reserved (space.h), which it takes when it is left with SEND alone.
 */
#include <ipc/right.h>
#include <ipc/notify.h>
#include <kern/panic.h>

#define T_SEND MACH_PORT_TYPE_SEND
#define T_RECV MACH_PORT_TYPE_RECEIVE
#define T_SO MACH_PORT_TYPE_SEND_ONCE
#define T_SET MACH_PORT_TYPE_PORT_SET
#define T_DEAD MACH_PORT_TYPE_DEAD_NAME

void ipc_dnrequest_free(struct ipc_dnrequest *r);

static struct ipc_port *entry_port(const struct ipc_entry *e)
{
	return (struct ipc_port *)e->object;
}

/* Drops an armed dead-name request when its name stops naming the right: the requester
 * gets a port-deleted notification. The test inline: most entries have none. */
static __attribute__((noinline)) void cancel_armed_dnrequest(struct ipc_entry *e,
							     mach_port_name_t name, bool notify)
{
	struct ipc_dnrequest *r = e->dnrequest;
	e->dnrequest = NULL;
	list_remove(&r->link);
	if (notify)
		ipc_notify_port_deleted(r->notify, name);
	else
		ipc_port_release_send_once(r->notify);
	ipc_dnrequest_free(r);
}

static inline void cancel_dnrequest(struct ipc_entry *e, mach_port_name_t name, bool notify)
{
	if (e->dnrequest)
		cancel_armed_dnrequest(e, name, notify);
}

/* The entry has lost every right (`had`: those it held): give the name back, and its
 * place in the reverse map (SEND alone) or its reservation (RECEIVE). */
static void entry_drop(struct ipc_space *s, mach_port_name_t name, struct ipc_entry *e,
		       mach_port_type_t had)
{
	if (had & T_RECV)
		ipc_space_reverse_unreserve(s);
	else if (had & T_SEND)
		ipc_space_reverse_remove(s, e->object);
	e->object = NULL;
	ipc_entry_free(s, name, e);
}

bool ipc_right_check_port(struct ipc_space *s, struct ipc_entry *e)
{
	struct ipc_port *p = entry_port(e);
	if (p->active)
		return false;
	uint32_t urefs = (e->type & T_SEND) ? e->urefs : 1;
	if (e->type & T_SEND) {
		ipc_space_reverse_remove(s, p);
		ipc_port_release_send(p);
	} else {
		ipc_port_release_send_once(p);
	}
	e->object = NULL;
	e->type = T_DEAD;
	e->urefs = urefs;
	if (e->dnrequest) {
		/* The port's death already notified (or will); the request is spent. */
		struct ipc_dnrequest *r = e->dnrequest;
		e->dnrequest = NULL;
		list_remove(&r->link);
		ipc_port_release_send_once(r->notify);
		ipc_dnrequest_free(r);
	}
	return true;
}

kern_return_t ipc_right_copyin_check(struct ipc_space *s, mach_port_name_t name,
				     struct ipc_entry *e, mach_msg_type_name_t disposition,
				     unsigned extra_urefs)
{
	ipc_right_check(s, name, e);
	switch (disposition) {
	case MACH_MSG_TYPE_MOVE_RECEIVE:
		if (!(e->type & T_RECV))
			return KERN_INVALID_RIGHT;
		if (entry_port(e)->kotype != IKOT_NONE)
			return KERN_INVALID_RIGHT;
		return KERN_SUCCESS;
	case MACH_MSG_TYPE_MAKE_SEND:
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		return (e->type & T_RECV) ? KERN_SUCCESS : KERN_INVALID_RIGHT;
	case MACH_MSG_TYPE_COPY_SEND:
	case MACH_MSG_TYPE_MOVE_SEND:
		if (e->type & T_DEAD)
			return KERN_INVALID_CAPABILITY;
		if (!(e->type & T_SEND))
			return KERN_INVALID_RIGHT;
		if (disposition == MACH_MSG_TYPE_MOVE_SEND && e->urefs < 1 + extra_urefs)
			return KERN_INVALID_RIGHT;
		return KERN_SUCCESS;
	case MACH_MSG_TYPE_MOVE_SEND_ONCE:
		if (e->type & T_DEAD)
			return KERN_INVALID_CAPABILITY;
		if (!(e->type & T_SO) || extra_urefs)
			return KERN_INVALID_RIGHT;
		return KERN_SUCCESS;
	default:
		return KERN_INVALID_VALUE;
	}
}

struct ipc_port *ipc_right_copyin(struct ipc_space *s, mach_port_name_t name,
				  struct ipc_entry *e, mach_msg_type_name_t disposition,
				  mach_msg_type_name_t *kind)
{
	struct ipc_port *p = entry_port(e);
	switch (disposition) {
	case MACH_MSG_TYPE_MOVE_RECEIVE:
		*kind = MACH_MSG_TYPE_PORT_RECEIVE;
		if (p->pset)
			ipc_pset_remove(p);
		p->receiver = NULL;
		p->receiver_name = MACH_PORT_NULL;
		/* Threads receiving on it must notice the right left. */
		waitq_wakeup_all(&p->receivers, THREAD_RESTART);
		e->type &= ~T_RECV;
		if (e->type & T_SEND) {
			ipc_port_reference(p);        /* the entry keeps its own */
			ipc_space_reverse_insert_reserved(s, p, name);
		} else {
			cancel_dnrequest(e, name, false);
			entry_drop(s, name, e, T_RECV);
		}
		return p;
	case MACH_MSG_TYPE_MAKE_SEND:
		*kind = MACH_MSG_TYPE_PORT_SEND;
		ipc_port_make_send(p);
		return p;
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		*kind = MACH_MSG_TYPE_PORT_SEND_ONCE;
		ipc_port_make_send_once(p);
		return p;
	case MACH_MSG_TYPE_COPY_SEND:
		*kind = MACH_MSG_TYPE_PORT_SEND;
		if (e->type & T_DEAD)
			return IPC_PORT_DEAD;
		ipc_port_copy_send(p);
		return p;
	case MACH_MSG_TYPE_MOVE_SEND:
		*kind = MACH_MSG_TYPE_PORT_SEND;
		if (e->type & T_DEAD) {
			if (--e->urefs == 0)
				entry_drop(s, name, e, T_DEAD);
			return IPC_PORT_DEAD;
		}
		if (--e->urefs > 0) {
			ipc_port_copy_send(p);        /* the entry keeps one send right */
			return p;
		}
		/* The entry's own send right (and reference) moves into the message. */
		e->type &= ~T_SEND;
		if (!(e->type & T_RECV)) {
			cancel_dnrequest(e, name, false);
			entry_drop(s, name, e, T_SEND);
		} else {
			/* The entry keeps its reference for the receive right; the moved send
			 * right needs its own. */
			ipc_port_reference(p);
		}
		return p;
	case MACH_MSG_TYPE_MOVE_SEND_ONCE:
		*kind = MACH_MSG_TYPE_PORT_SEND_ONCE;
		if (e->type & T_DEAD) {
			if (--e->urefs == 0)
				entry_drop(s, name, e, T_DEAD);
			return IPC_PORT_DEAD;
		}
		cancel_dnrequest(e, name, false);
		e->object = NULL;                     /* send-once rights are not in the reverse map */
		ipc_entry_free(s, name, e);
		return p;
	}
	panic("ipc_right_copyin: disposition %u", disposition);
}

mach_port_name_t ipc_right_copyout(struct ipc_space *s, struct ipc_port *p,
				   mach_msg_type_name_t kind, bool *failed)
{
	mach_port_name_t name;
	struct ipc_entry *e;
	if (p == NULL)
		return MACH_PORT_NULL;
	if (p == IPC_PORT_DEAD)
		return MACH_PORT_DEAD;
	if (kind != MACH_MSG_TYPE_PORT_RECEIVE && !p->active) {
		ipc_right_release_carried(p, kind);
		return MACH_PORT_DEAD;
	}
	if (kind != MACH_MSG_TYPE_PORT_SEND_ONCE && (name = ipc_right_reverse(s, p)) != MACH_PORT_NULL) {
		e = ipc_entry_lookup(s, name);
		assert(e && e->object == &p->obj);
		if (kind == MACH_MSG_TYPE_PORT_SEND) {
			if (e->type & T_SEND) {
				if (e->urefs < IPC_ENTRY_UREFS_MAX)
					e->urefs++;
				ipc_port_release_send(p);   /* one send right per entry */
			} else {
				e->type |= T_SEND;
				e->urefs = 1;
				ipc_port_release(p);        /* the entry holds one reference */
			}
		} else {                                  /* receive joins a send entry */
			e->type |= T_RECV;
			p->receiver = s;
			p->receiver_name = name;
			/* Its reverse slot becomes the receive right's reservation. */
			ipc_space_reverse_remove(s, p);
			kern_return_t kr = ipc_space_reverse_reserve(s);
			assert(kr == KERN_SUCCESS);
			ipc_port_release(p);
		}
		return name;
	}
	if (ipc_entry_alloc(s, &name, &e) != KERN_SUCCESS ||
	    ipc_right_install(s, name, e, p, kind) != KERN_SUCCESS) {
		/* No room for the name: the right is lost, as Mach does, and the receive
		 * reports a header or body error. */
		ipc_right_release_carried(p, kind);
		*failed = true;
		return MACH_PORT_NULL;
	}
	return name;
}

kern_return_t ipc_right_install(struct ipc_space *s, mach_port_name_t name, struct ipc_entry *e,
				struct ipc_port *p, mach_msg_type_name_t kind)
{
	kern_return_t kr = KERN_SUCCESS;
	if (kind == MACH_MSG_TYPE_PORT_RECEIVE)
		kr = ipc_space_reverse_reserve(s);
	else if (kind == MACH_MSG_TYPE_PORT_SEND)
		kr = ipc_space_reverse_insert(s, p, name);
	if (kr != KERN_SUCCESS) {
		ipc_entry_free(s, name, e);
		return KERN_RESOURCE_SHORTAGE;
	}
	e->object = &p->obj;
	if (kind == MACH_MSG_TYPE_PORT_SEND) {
		e->type = T_SEND;
		e->urefs = 1;
	} else if (kind == MACH_MSG_TYPE_PORT_SEND_ONCE) {
		e->type = T_SO;
	} else {
		e->type = T_RECV;
		p->receiver = s;
		p->receiver_name = name;
	}
	return KERN_SUCCESS;
}

void ipc_right_release_carried(struct ipc_port *p, mach_msg_type_name_t kind)
{
	if (!IPC_PORT_VALID(p))
		return;
	switch (kind) {
	case MACH_MSG_TYPE_PORT_SEND:
		ipc_port_release_send(p);
		break;
	case MACH_MSG_TYPE_PORT_SEND_ONCE:
		/* A destroyed send-once right still delivers: a send-once notification. */
		ipc_notify_send_once(p);
		break;
	case MACH_MSG_TYPE_PORT_RECEIVE:
		ipc_port_destroy(p);
		ipc_port_release(p);
		break;
	default:
		panic("ipc_right_release_carried: kind %u", kind);
	}
}

void ipc_right_destroy_entry(struct ipc_space *s, mach_port_name_t name, struct ipc_entry *e)
{
	struct ipc_port *p = entry_port(e);
	cancel_dnrequest(e, name, true);
	if (e->type & T_SET) {
		struct ipc_pset *set = (struct ipc_pset *)e->object;
		entry_drop(s, name, e, T_SET);
		ipc_pset_destroy(set);
		ipc_pset_release(set);
		return;
	}
	mach_port_type_t type = e->type;
	if (type & (T_SEND | T_RECV | T_SO))
		entry_drop(s, name, e, type);
	else
		ipc_entry_free(s, name, e);          /* dead name */
	if (type & T_RECV) {
		if (type & T_SEND) {
			p->srights--;                /* the entry's send right */
		}
		ipc_port_destroy(p);
		ipc_port_release(p);
	} else if (type & T_SEND) {
		ipc_port_release_send(p);
	} else if (type & T_SO) {
		ipc_notify_send_once(p);
	}
}

kern_return_t ipc_right_dealloc(struct ipc_space *s, mach_port_name_t name)
{
	struct ipc_entry *e = ipc_entry_lookup(s, name);
	if (!e)
		return KERN_INVALID_NAME;
	ipc_right_check(s, name, e);
	if (e->type & T_DEAD) {
		if (--e->urefs == 0)
			ipc_entry_free(s, name, e);
		return KERN_SUCCESS;
	}
	if (e->type & T_SO) {
		ipc_right_destroy_entry(s, name, e);
		return KERN_SUCCESS;
	}
	if (!(e->type & T_SEND))
		return KERN_INVALID_RIGHT;
	return ipc_right_mod_refs(s, name, MACH_PORT_RIGHT_SEND, -1);
}

static kern_return_t mod_send_refs(struct ipc_space *s, mach_port_name_t name,
				   struct ipc_entry *e, int delta)
{
	struct ipc_port *p = entry_port(e);
	if (delta < 0 && (uint32_t)-delta > e->urefs)
		return KERN_INVALID_VALUE;
	if (delta > 0 && e->urefs + (uint32_t)delta > IPC_ENTRY_UREFS_MAX)
		return KERN_UREFS_OVERFLOW;
	e->urefs += delta;
	if (e->urefs > 0)
		return KERN_SUCCESS;
	e->type &= ~T_SEND;
	if (e->type & T_RECV) {
		p->srights--;
		if (p->srights == 0 && p->nsrequest) {
			struct ipc_port *n = p->nsrequest;
			p->nsrequest = NULL;
			ipc_notify_no_senders(n, p->mscount);
		}
		return KERN_SUCCESS;
	}
	cancel_dnrequest(e, name, true);
	entry_drop(s, name, e, T_SEND);
	ipc_port_release_send(p);
	return KERN_SUCCESS;
}

kern_return_t ipc_right_mod_refs(struct ipc_space *s, mach_port_name_t name,
				 mach_port_right_t right, int delta)
{
	if (right >= MACH_PORT_RIGHT_NUMBER)
		return KERN_INVALID_VALUE;
	struct ipc_entry *e = ipc_entry_lookup(s, name);
	if (!e)
		return KERN_INVALID_NAME;
	ipc_right_check(s, name, e);
	if (!(e->type & MACH_PORT_TYPE(right)))
		return KERN_INVALID_RIGHT;
	switch (right) {
	case MACH_PORT_RIGHT_SEND:
		return mod_send_refs(s, name, e, delta);
	case MACH_PORT_RIGHT_DEAD_NAME:
		if (delta < 0 && (uint32_t)-delta > e->urefs)
			return KERN_INVALID_VALUE;
		if (delta > 0 && e->urefs + (uint32_t)delta > IPC_ENTRY_UREFS_MAX)
			return KERN_UREFS_OVERFLOW;
		e->urefs += delta;
		if (e->urefs == 0)
			ipc_entry_free(s, name, e);
		return KERN_SUCCESS;
	default:
		/* Receive, send-once and port-set rights have one reference: -1 destroys. */
		if (delta > 0 || delta < -1)
			return KERN_INVALID_VALUE;
		if (delta == -1) {
			if (right == MACH_PORT_RIGHT_RECEIVE && (e->type & T_SEND)) {
				/* Keep the send right: only the receive right goes. */
				struct ipc_port *p = entry_port(e);
				e->type &= ~T_RECV;
				ipc_space_reverse_insert_reserved(s, p, name);
				ipc_port_reference(p);
				ipc_port_destroy(p);
				ipc_port_release(p);
				ipc_right_check(s, name, e);
				return KERN_SUCCESS;
			}
			ipc_right_destroy_entry(s, name, e);
		}
		return KERN_SUCCESS;
	}
}

struct ipc_port *ipc_right_port(struct ipc_space *s, mach_port_name_t name, bool receive,
				kern_return_t *kr)
{
	struct ipc_entry *e = ipc_entry_lookup(s, name);
	if (!e) {
		*kr = KERN_INVALID_NAME;
		return NULL;
	}
	ipc_right_check(s, name, e);
	if (receive ? !(e->type & T_RECV) : !(e->type & (T_RECV | T_SEND | T_SO))) {
		*kr = KERN_INVALID_RIGHT;
		return NULL;
	}
	*kr = KERN_SUCCESS;
	return entry_port(e);
}
