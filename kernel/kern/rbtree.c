/*
 * rbtree.c — red-black tree rebalancing and augmentation (see rbtree.h).
 *
 * Entry points: rb_link, rb_erase, rb_augment_up, rb_first, rb_last, rb_next, rb_prev.
 *
 * The algorithm is the textbook one (CLRS, chapter 13) with NULL leaves instead of a
 * sentinel node, so the erase fixup carries the parent of the place it works on beside
 * that (possibly NULL) place. Insertion repairs a red node under a red parent by
 * recolouring up the tree and ends with at most two rotations; erasure repairs a path
 * one black short by recolouring up the tree and ends with at most three rotations.
 *
 * Augmentation of one update, in three steps:
 *   1. after the structural change (a new leaf; an erased node spliced out), walk from
 *      the lowest node whose subtree changed up to the root. The tree is then a valid
 *      search tree (colours aside) and every augmented value is right;
 *   2. a rotation changes the children of exactly two nodes: it recomputes the one it
 *      moves down, then the one it moves up, from children whose values are right, so
 *      every value stays right;
 *   3. a rotation also changes the shape (not the node set) of the subtrees of the
 *      nodes above it, which the augment contract promises to report. All rotations of
 *      one update happen in its last fixup step, around one spot (the grandparent on
 *      insertion, the parent of the short path on erasure); the last one's upper node
 *      ends in that spot or just under the node there, so the walk from it to the root
 *      passes every node above every rotation.
 * Cost: two walks of the depth plus two calls per rotation.
 */
#include <kern/rbtree.h>
#include <kern/panic.h>

static bool is_red(const struct rb_node *n)
{
	return n && n->red;   /* NULL leaves are black */
}

static struct rb_node *leftmost(const struct rb_node *n)
{
	while (n->left)
		n = n->left;
	return (struct rb_node *)n;
}

static struct rb_node *rightmost(const struct rb_node *n)
{
	while (n->right)
		n = n->right;
	return (struct rb_node *)n;
}

static void augment_one(const struct rb_tree *t, struct rb_node *n)
{
	if (t->augment)
		t->augment(n);
}

void rb_augment_up(struct rb_tree *t, struct rb_node *n)
{
	if (!t->augment)
		return;
	for (; n; n = n->parent)
		t->augment(n);
}

/* Puts `new` (may be NULL) where `old` hangs under parent, or at the root. */
static void replace_child(struct rb_tree *t, struct rb_node *parent,
			  const struct rb_node *old, struct rb_node *new)
{
	if (!parent)
		t->root = new;
	else if (parent->left == old)
		parent->left = new;
	else
		parent->right = new;
	if (new)
		new->parent = parent;
}

/*
 * Rotates x down to the left (if `left`) or to the right: its child y on the other
 * side takes x's place, x becomes y's child, and y's inner subtree moves over to x.
 * The in-order sequence does not change. Returns y.
 */
static struct rb_node *rotate(struct rb_tree *t, struct rb_node *x, bool left)
{
	struct rb_node **x_out = left ? &x->right : &x->left;
	struct rb_node *y = *x_out;
	struct rb_node **y_in = left ? &y->left : &y->right;

	replace_child(t, x->parent, x, y);
	*x_out = *y_in;
	if (*x_out)
		(*x_out)->parent = x;
	*y_in = x;
	x->parent = y;
	augment_one(t, x);   /* x is y's child now: first */
	augment_one(t, y);
	return y;
}

/* ---- insertion ---- */

/*
 * n and its parent p are red and n's uncle is black. Rotating p's (or n's) node up to
 * g's place, black, with g red beneath it, removes the red-red pair without changing
 * any black height. Ends the fixup; returns the node now at g's place.
 */
static struct rb_node *insert_rotate(struct rb_tree *t, struct rb_node *n,
				     struct rb_node *p, struct rb_node *g, bool p_left)
{
	if (n == (p_left ? p->right : p->left)) {
		/* Inner grandchild: turn it into the outer one first. */
		rotate(t, p, p_left);
		p = n;
	}
	p->red = false;
	g->red = true;
	return rotate(t, g, !p_left);
}

/*
 * n is red and the only possible violation is property 2 between n and its parent.
 * Returns the upper node of the last rotation, NULL if none.
 */
static struct rb_node *insert_fixup(struct rb_tree *t, struct rb_node *n)
{
	struct rb_node *p;

	while (is_red(p = n->parent)) {
		struct rb_node *g = p->parent;   /* exists: the root is black */
		bool p_left = g->left == p;
		struct rb_node *u = p_left ? g->right : g->left;

		if (!is_red(u))
			return insert_rotate(t, n, p, g, p_left);
		/* Red uncle: move g's black down to p and u. Black heights stay; g may
		 * now be red under a red parent, two levels up. */
		p->red = u->red = false;
		g->red = true;
		n = g;
	}
	t->root->red = false;   /* n may have reached the root red */
	return NULL;
}

void rb_link(struct rb_tree *t, struct rb_node *n, struct rb_node *parent,
	     struct rb_node **link)
{
	assert(*link == NULL);
	assert(parent ? link == &parent->left || link == &parent->right
		      : link == &t->root);
	*n = (struct rb_node){ .parent = parent, .red = true };
	*link = n;
	rb_augment_up(t, n);
	struct rb_node *top = insert_fixup(t, n);
	if (top)
		rb_augment_up(t, top->parent);
}

/* ---- erasure ---- */

/*
 * w, the sibling of the short path x under xp, is black with a red child. One or two
 * rotations put a black node above x's side, giving it back its missing black while
 * w's side keeps its count. Ends the fixup; returns the node now at xp's place.
 */
static struct rb_node *erase_rotate(struct rb_tree *t, struct rb_node *xp,
				    struct rb_node *w, bool x_left)
{
	if (!is_red(x_left ? w->right : w->left)) {
		/* Only the near child c is red: rotate it above w. The textbook then
		 * swaps the colours of c and w so that the step below finds a red far
		 * child; that step sets both colours itself (c takes xp's, w turns
		 * black), so the swap is left out. */
		w = rotate(t, w, !x_left);
	}
	w->red = xp->red;
	xp->red = false;
	(x_left ? w->right : w->left)->red = false;
	return rotate(t, xp, x_left);
}

/*
 * Paths through x (possibly NULL) under xp have one black fewer than the others.
 * Returns the upper node of the last rotation, NULL if none.
 */
static struct rb_node *erase_fixup(struct rb_tree *t, struct rb_node *x,
				   struct rb_node *xp)
{
	struct rb_node *top = NULL;

	while (x != t->root && !is_red(x)) {
		bool x_left = xp->left == x;
		struct rb_node *w = x_left ? xp->right : xp->left;

		assert(w);   /* w's side has one black more than x's: at least one */
		if (w->red) {
			/* Rotate the red sibling above xp (xp turns red): black heights
			 * stay, and x gets a black sibling. */
			w->red = false;
			xp->red = true;
			top = rotate(t, xp, x_left);
			w = x_left ? xp->right : xp->left;
		}
		if (is_red(w->left) || is_red(w->right))
			return erase_rotate(t, xp, w, x_left);
		/* Both of w's children black: make w red, so that both sides of xp are
		 * short, and carry the shortage up to xp. */
		w->red = true;
		x = xp;
		xp = x->parent;
	}
	if (x)
		x->red = false;   /* a red x absorbs the missing black */
	return top;
}

/*
 * n has two children. Its successor y (leftmost of the right subtree, so without a
 * left child) takes n's place and colour; y's right child takes y's old place. Sets *x
 * and *xp to that place and its parent; returns whether the node that left its place
 * (y) was black.
 */
static bool splice_successor(struct rb_tree *t, struct rb_node *n,
			     struct rb_node **x, struct rb_node **xp)
{
	struct rb_node *y = leftmost(n->right);
	bool y_black = !y->red;

	*x = y->right;
	if (y->parent == n) {
		*xp = y;
	} else {
		*xp = y->parent;
		(*xp)->left = *x;
		if (*x)
			(*x)->parent = *xp;
		y->right = n->right;
		y->right->parent = y;
	}
	y->left = n->left;
	y->left->parent = y;
	y->red = n->red;
	replace_child(t, n->parent, n, y);
	return y_black;
}

void rb_erase(struct rb_tree *t, struct rb_node *n)
{
	struct rb_node *x, *xp;
	bool removed_black;

	if (n->left && n->right) {
		removed_black = splice_successor(t, n, &x, &xp);
	} else {
		x = n->left ? n->left : n->right;
		xp = n->parent;
		removed_black = !n->red;
		replace_child(t, xp, n, x);
	}
	/* Every subtree that lost a node is on the path from xp up: from the successor's
	 * old parent through the successor (now at n's place) when n had two children. */
	rb_augment_up(t, xp);
	if (!removed_black)
		return;   /* a red node carries no black: nothing to repair */
	struct rb_node *top = erase_fixup(t, x, xp);
	if (top)
		rb_augment_up(t, top->parent);
}

/* ---- in-order walk ---- */

struct rb_node *rb_first(const struct rb_tree *t)
{
	return t->root ? leftmost(t->root) : NULL;
}

struct rb_node *rb_last(const struct rb_tree *t)
{
	return t->root ? rightmost(t->root) : NULL;
}

struct rb_node *rb_next(const struct rb_node *n)
{
	if (n->right)
		return leftmost(n->right);
	/* Climb while n is a right child: those ancestors come before n. */
	while (n->parent && n == n->parent->right)
		n = n->parent;
	return n->parent;
}

struct rb_node *rb_prev(const struct rb_node *n)
{
	if (n->left)
		return rightmost(n->left);
	while (n->parent && n == n->parent->left)
		n = n->parent;
	return n->parent;
}
