/*
 * rbtree.h — intrusive red-black trees, optionally augmented.
 *
 * Entry points: rb_link (insert where the caller's own search ended), rb_erase,
 * rb_augment_up (after the caller changed a node's data), rb_first/rb_last/rb_next/
 * rb_prev (in-order walk). The tree never compares keys: the caller searches from
 * t->root with its own order and hands rb_link the empty slot it found, so one tree
 * code serves every key type and every search (exact, lower bound, best fit).
 *
 * A struct rb_node is embedded in the object; rb_entry gets the object back.
 * Red-black properties kept between calls (NULL children count as black leaves):
 *   1. the root is black;
 *   2. a red node has no red child;
 *   3. every path from a node down to a NULL child crosses the same number of black
 *      nodes.
 * Hence the height is at most 2 log2(n + 1), and every operation is O(log n).
 *
 * Augmented trees: a value kept beside each node and computed from the node's own data
 * and its children's values (e.g. "largest free gap in this subtree" in a VM map).
 * t->augment recomputes it for one node. When it is called on a node, the node's
 * children are in place and their values are right; it reads them and the node, and
 * must not change the tree. Colours are not part of the data it may depend on.
 */
#ifndef KERN_RBTREE_H
#define KERN_RBTREE_H

#include <stdbool.h>
#include <stddef.h>

struct rb_node {
	struct rb_node *parent, *left, *right;
	bool red;
};

struct rb_tree {
	struct rb_node *root;
	/* When non-NULL, called on each node whose subtree changed shape or content,
	 * children before parents, so that an augmented value stored beside the node
	 * (e.g. the max over its subtree) can be recomputed from its own data and its
	 * children's. Must be cheap; may be called more than strictly needed but never
	 * fewer. */
	void (*augment)(struct rb_node *n);
};

#define RB_TREE_INIT(aug) { NULL, (aug) }

/* The object of type `type` whose member `member` is the node `ptr`. */
#define rb_entry(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

/* Links n as the child *link of parent (found by the caller's own search; parent NULL
 * and link == &t->root for an empty tree), then rebalances and re-augments.
 * *link must be NULL; n's old contents do not matter. */
void rb_link(struct rb_tree *t, struct rb_node *n, struct rb_node *parent,
	     struct rb_node **link);

/* Unlinks n (which must be in t), then rebalances and re-augments. The other nodes
 * keep their in-order position; n's fields are left unspecified. */
void rb_erase(struct rb_tree *t, struct rb_node *n);

/* After the caller changed data that n's augmented value depends on, recompute from n
 * up to the root. A NULL n, or a tree without augment, does nothing. */
void rb_augment_up(struct rb_tree *t, struct rb_node *n);

/* In-order walk; NULL past either end or for an empty tree. */
struct rb_node *rb_first(const struct rb_tree *t);
struct rb_node *rb_last(const struct rb_tree *t);
struct rb_node *rb_next(const struct rb_node *n);
struct rb_node *rb_prev(const struct rb_node *n);

#endif
