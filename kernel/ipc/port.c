/*
 * port.c — port and port-set objects: allocation, reference and right counting, death
 * (see port.h for the rules).
 */
#include <ipc/port.h>
#include <ipc/kmsg.h>
#include <ipc/notify.h>
#include <ipc/space.h>
#include <kern/zalloc.h>
#include <kern/string.h>
#include <kern/panic.h>
#include <vm/kmem.h>
#include <vm/pager.h>
#include <kern/pager_proxy.h>

static struct zone port_zone, pset_zone, dnrequest_zone;

void ipc_port_init(void)
{
	zone_init(&port_zone, "ipc.port", sizeof(struct ipc_port), &kernel_zone_source);
	zone_init(&pset_zone, "ipc.pset", sizeof(struct ipc_pset), &kernel_zone_source);
	zone_init(&dnrequest_zone, "ipc.dnrequest", sizeof(struct ipc_dnrequest), &kernel_zone_source);
	ipc_kmsg_init();
}

struct ipc_port *ipc_port_alloc(void)
{
	struct ipc_port *p = zalloc(&port_zone);
	if (!p)
		return NULL;
	/* Field by field, not cleared first then set: half the stores (every port
	 * allocation pays them). A new field of struct ipc_port needs its line here. */
	_Static_assert(sizeof(struct ipc_port) == 208, "every field initialized below");
	p->obj.kind = IOT_PORT;
	p->obj.refs = 1;
	p->active = true;
	p->receiver = NULL;
	p->receiver_name = MACH_PORT_NULL;
	p->srights = p->sorights = p->mscount = p->seqno = 0;
	p->qlimit = MACH_PORT_QLIMIT_DEFAULT;
	p->msgcount = 0;
	list_init(&p->messages);
	waitq_init(&p->receivers);
	waitq_init(&p->senders);
	p->pset = NULL;
	list_init(&p->pset_link);
	p->nsrequest = NULL;
	p->nsrequest_sync = 0;
	p->pdrequest = NULL;
	list_init(&p->dnrequests);
	p->kotype = IKOT_NONE;
	p->kobject = NULL;
	p->payload = 0;
	p->has_payload = false;
	p->pager_object = NULL;
	return p;
}

struct ipc_port *ipc_port_alloc_kobject(enum ipc_kobject_type type, void *kobject)
{
	struct ipc_port *p = ipc_port_alloc();
	if (p) {
		p->kotype = type;
		p->kobject = kobject;
	}
	return p;
}

void ipc_port_free_last(struct ipc_port *p)
{
	assert(p->obj.refs == 0);       /* not released once too often (port.h) */
	/* A live port with no holder at all: nobody can ever receive or send on it. */
	if (p->active)
		ipc_port_destroy(p);
	assert(list_empty(&p->messages) && list_empty(&p->dnrequests));
	zfree(&port_zone, p);
}

void ipc_port_last_send(struct ipc_port *p)
{
	assert(p->srights == 0);        /* not released once too often (port.h) */
	if (p->active && p->nsrequest) {
		struct ipc_port *notify = p->nsrequest;
		p->nsrequest = NULL;
		ipc_notify_no_senders(notify, p->mscount);
	}
	/* Some kernel objects live only as long as someone can name them. */
	if (p->active && p->kotype == IKOT_IO_PERM)
		io_perm_no_senders(p);
	else if (p->active && p->kotype == IKOT_PAGER_PROXY)
		pager_proxy_no_senders(p);
}

/* Sends the dead-name notifications registered on a dying port. */
static void fire_dnrequests(struct ipc_port *p)
{
	struct list *pos, *tmp;
	list_for_each_safe(pos, tmp, &p->dnrequests) {
		struct ipc_dnrequest *r = list_entry(pos, struct ipc_dnrequest, link);
		list_remove(&r->link);
		/* The entry forgets its request; its name stays (it will read as dead). */
		struct ipc_entry *e = r->space->active ? ipc_entry_lookup(r->space, r->name) : NULL;
		if (e && e->dnrequest == r)
			e->dnrequest = NULL;
		ipc_notify_dead_name(r->notify, r->name);
		zfree(&dnrequest_zone, r);
	}
}

struct ipc_dnrequest *ipc_dnrequest_alloc(void)
{
	struct ipc_dnrequest *r = zalloc(&dnrequest_zone);
	if (r)
		memset(r, 0, sizeof(*r));
	return r;
}

void ipc_dnrequest_free(struct ipc_dnrequest *r)
{
	zfree(&dnrequest_zone, r);
}

/* A dead port's memory object fails, its queued messages and notification requests
 * go, with a reference held: a message may carry a right to p, a notification may go
 * to p itself. */
static __attribute__((noinline)) void release_attachments(struct ipc_port *p)
{
	ipc_port_reference(p);
	if (p->pager_object)
		vm_pager_port_died(p);        /* its object's faults fail from now on */
	while (!list_empty(&p->messages)) {
		struct list *pos = p->messages.next;
		list_remove(pos);
		p->msgcount--;
		ipc_kmsg_destroy(list_entry(pos, struct ipc_kmsg, link));
	}
	if (p->nsrequest) {
		struct ipc_port *n = p->nsrequest;
		p->nsrequest = NULL;
		ipc_notify_send_once(n);
	}
	fire_dnrequests(p);
	ipc_port_release(p);
}

void ipc_port_destroy(struct ipc_port *p)
{
	if (!p->active)
		return;
	if (p->pset)
		ipc_pset_remove(p);
	if (p->pdrequest) {
		/* Someone asked for the receive right instead of its death: hand it over in a
		 * port-destroyed notification. The port lives on, in transit. */
		struct ipc_port *notify = p->pdrequest;
		ipc_port_reference(p);           /* keep it while the notification goes out */
		p->pdrequest = NULL;
		p->receiver = NULL;
		p->receiver_name = MACH_PORT_NULL;
		waitq_wakeup_all(&p->receivers, THREAD_RESTART);
		ipc_notify_port_destroyed(notify, p);
		ipc_port_release(p);
		return;
	}
	p->active = false;
	p->receiver = NULL;
	p->receiver_name = MACH_PORT_NULL;
	waitq_wakeup_all(&p->receivers, THREAD_RESTART);
	waitq_wakeup_all(&p->senders, THREAD_RESTART);
	p->kotype = IKOT_NONE;
	p->kobject = NULL;
	if (p->pager_object || !list_empty(&p->messages) || p->nsrequest ||
	    !list_empty(&p->dnrequests))
		release_attachments(p);
}

/* ---- port sets ---- */

struct ipc_pset *ipc_pset_alloc(void)
{
	struct ipc_pset *s = zalloc(&pset_zone);
	if (!s)
		return NULL;
	memset(s, 0, sizeof(*s));
	s->obj.kind = IOT_PSET;
	s->obj.refs = 1;
	s->active = true;
	list_init(&s->members);
	waitq_init(&s->receivers);
	return s;
}

void ipc_pset_add(struct ipc_pset *s, struct ipc_port *p)
{
	assert(!p->pset);
	p->pset = s;
	list_insert_tail(&s->members, &p->pset_link);
	s->msgcount += p->msgcount;
	/* A receiver waiting on the set can take what the port already holds. */
	if (p->msgcount)
		waitq_wakeup_one(&s->receivers, THREAD_AWAKENED);
}

void ipc_pset_remove(struct ipc_port *p)
{
	if (!p->pset)
		return;
	list_remove(&p->pset_link);
	p->pset->msgcount -= p->msgcount;
	p->pset = NULL;
}

void ipc_pset_reference(struct ipc_pset *s)
{
	s->obj.refs++;
}

void ipc_pset_release(struct ipc_pset *s)
{
	assert(s->obj.refs > 0);
	if (--s->obj.refs == 0) {
		assert(!s->active);
		zfree(&pset_zone, s);
	}
}

void ipc_pset_destroy(struct ipc_pset *s)
{
	struct list *pos;
	while ((pos = list_first(&s->members)))
		ipc_pset_remove(list_entry(pos, struct ipc_port, pset_link));
	s->active = false;
	waitq_wakeup_all(&s->receivers, THREAD_RESTART);
}
