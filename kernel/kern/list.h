/*
 * list.h — intrusive circular doubly linked lists. A struct list is either a head or a
 * node embedded in an object; an unlinked node points at itself, so list_unlinked()
 * tells whether an object is on some list.
 */
#ifndef KERN_LIST_H
#define KERN_LIST_H

#include <stddef.h>
#include <stdbool.h>

struct list {
	struct list *prev, *next;
};

#define LIST_INIT(name) { &(name), &(name) }
#define list_entry(node, type, member) \
	((type *)((char *)(node) - offsetof(type, member)))

static inline void list_init(struct list *l) { l->prev = l->next = l; }
static inline bool list_empty(const struct list *l) { return l->next == l; }
static inline bool list_unlinked(const struct list *n) { return n->next == n; }

static inline void list_insert_before(struct list *pos, struct list *n)
{
	n->prev = pos->prev;
	n->next = pos;
	pos->prev->next = n;
	pos->prev = n;
}

static inline void list_insert_tail(struct list *head, struct list *n) { list_insert_before(head, n); }
static inline void list_insert_head(struct list *head, struct list *n) { list_insert_before(head->next, n); }

static inline void list_remove(struct list *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	list_init(n);
}

static inline struct list *list_first(const struct list *head)
{
	return list_empty(head) ? NULL : head->next;
}

#define list_for_each(pos, head) \
	for ((pos) = (head)->next; (pos) != (head); (pos) = (pos)->next)
#define list_for_each_safe(pos, tmp, head) \
	for ((pos) = (head)->next, (tmp) = (pos)->next; (pos) != (head); \
	     (pos) = (tmp), (tmp) = (pos)->next)

#endif
