/*
 * pv.c — physical-to-virtual lists: the cases of more than one mapping (see pv.h).
 *
 * Invariant: pg->pv.pmap == NULL implies pg->pv.next == NULL; every zone entry on a
 * list has a non-NULL pmap. Order within a list carries no meaning.
 */
#include <vm/pv.h>
#include <kern/zalloc.h>
#include <kern/panic.h>

static struct zone pv_zone;

void pv_init(const struct zone_page_source *source)
{
	zone_init(&pv_zone, "pv_entry", sizeof(struct pv_entry), source);
}

/* pg is mapped already: the new mapping goes second, in a zone entry. */
bool pv_insert_more(struct vm_page *pg, struct pmap *p, uint64_t va)
{
	struct pv_entry *head = &pg->pv;
	assert(head->pmap && p);
	struct pv_entry *e = zalloc(&pv_zone);
	if (!e)
		return false;
	e->pmap = p;
	e->va = va;
	e->next = head->next;
	head->next = e;
	return true;
}

void pv_remove_more(struct vm_page *pg, struct pmap *p, uint64_t va)
{
	struct pv_entry *head = &pg->pv;
	if (head->pmap == p && head->va == va) {
		/* The inline slot stays filled while any mapping is left: the next one
		 * moves in and its zone entry goes. */
		struct pv_entry *e = head->next;
		if (e) {
			*head = *e;
			zfree(&pv_zone, e);
		} else {
			head->pmap = NULL;
			head->va = 0;
		}
		return;
	}
	for (struct pv_entry **link = &head->next; *link; link = &(*link)->next) {
		struct pv_entry *e = *link;
		if (e->pmap == p && e->va == va) {
			*link = e->next;
			zfree(&pv_zone, e);
			return;
		}
	}
	panic("pv_remove: page %p is not mapped at %#lx in pmap %p", (void *)pg,
	      (unsigned long)va, (void *)p);
}

size_t pv_count(const struct vm_page *pg)
{
	size_t n = 0;
	for (const struct pv_entry *e = pv_first(pg); e; e = e->next)
		n++;
	return n;
}
