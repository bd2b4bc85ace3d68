/*
 * test_rbtree.c — host tests of the intrusive red-black tree (kernel/kern/rbtree.c).
 *
 * The central check is verify(): it walks the whole tree from scratch and compares it
 * with a reference, a sorted array of the items that should be in it. It checks
 *   - the in-order sequence (recursively, by rb_first/rb_next and by rb_last/rb_prev)
 *     is exactly the reference, node for node;
 *   - the red-black properties: root black, no red node with a red child, the same
 *     number of black nodes on every path; and hence the height bound 2 log2(n + 1);
 *   - every parent pointer;
 *   - at every node, three augmented values against a brute-force recomputation from
 *     the subtree: the max of a per-node value, the node count, and the height. The
 *     height depends on the shape alone, so it catches a rotation whose ancestors were
 *     not re-augmented, which a max or a count (functions of the node set) would not.
 * The random tests run it after every batch of operations (after every operation on a
 * small key space), and count the augment calls of every operation against the
 * logarithmic bound the implementation promises.
 */
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kern/rbtree.h>
#include "ktest.h"

/* ck_assert records its location through a system call each time it passes; the
 * model checks below run millions of times, so they only call into Check to fail. */
#define REQUIRE(cond, ...)                                                        \
	do {                                                                      \
		checks++;                                                         \
		if (!(cond))                                                      \
			ck_abort_msg(__VA_ARGS__);                                \
	} while (0)

static unsigned long checks;          /* REQUIREs evaluated */
static unsigned long augment_calls;

struct item {
	struct rb_node node;
	long key;
	unsigned long seq;   /* insertion order: equal keys stay in it */
	long value;
	/* augmented, from the subtree rooted here */
	long max;            /* largest value */
	long size;           /* nodes */
	int height;          /* nodes on the longest downward path */
};

static struct item *item_of(const struct rb_node *n)
{
	return n ? rb_entry(n, struct item, node) : NULL;
}

static void item_augment(struct rb_node *n)
{
	struct item *it = item_of(n), *l = item_of(n->left), *r = item_of(n->right);

	it->max = it->value;
	it->size = 1;
	it->height = 1;
	for (int i = 0; i < 2; i++) {
		struct item *c = i ? r : l;
		if (!c)
			continue;
		if (c->max > it->max)
			it->max = c->max;
		it->size += c->size;
		if (c->height + 1 > it->height)
			it->height = c->height + 1;
	}
	augment_calls++;
}

/* ---- the reference: items sorted by key, equal keys in insertion order ---- */

struct model {
	struct rb_tree tree;
	struct item **sorted;
	size_t n, cap;
	unsigned long seq;
	unsigned long max_calls;   /* most augment calls of one operation */
};

static void model_init(struct model *m, size_t cap, bool augmented)
{
	*m = (struct model){ .tree = RB_TREE_INIT(augmented ? item_augment : NULL),
			     .cap = cap };
	m->sorted = calloc(cap ? cap : 1, sizeof(*m->sorted));
	ck_assert_ptr_nonnull(m->sorted);
}

static void model_fini(struct model *m)
{
	free(m->sorted);
}

/* First index whose key is greater than `key`. */
static size_t upper_bound(const struct model *m, long key)
{
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->sorted[mid]->key <= key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static size_t index_of(const struct model *m, const struct item *it)
{
	for (size_t i = upper_bound(m, it->key); i-- > 0;)
		if (m->sorted[i] == it)
			return i;
	ck_abort_msg("item %ld not in the model", it->key);
}

static int tree_height(const struct model *m)
{
	return m->tree.augment && m->tree.root ? item_of(m->tree.root)->height : 0;
}

/* Bounds the augment calls of one operation: two walks of the depth plus two per
 * rotation (at most three). The height may change by one during the operation. */
static void count_calls(struct model *m, unsigned long before, int h_before)
{
	unsigned long calls = augment_calls - before;
	int h = tree_height(m) > h_before ? tree_height(m) : h_before;
	if (calls > m->max_calls)
		m->max_calls = calls;
	if (m->tree.augment)
		REQUIRE(calls <= 2ul * (unsigned long)h + 6,
			"%lu augment calls in a tree of height %d", calls, h);
}

/* Links `it` after every item of an equal key, by the caller-side search rb_link
 * expects. */
static void insert(struct model *m, struct item *it, long key, long value)
{
	unsigned long before = augment_calls;
	int h_before = tree_height(m);
	struct rb_node *parent = NULL, **link = &m->tree.root;

	memset(&it->node, 0xa5, sizeof(it->node));   /* rb_link must not read these */
	it->key = key;
	it->value = value;
	it->seq = m->seq++;
	while (*link) {
		parent = *link;
		link = key < item_of(parent)->key ? &parent->left : &parent->right;
	}
	rb_link(&m->tree, &it->node, parent, link);
	count_calls(m, before, h_before);

	ck_assert_uint_lt(m->n, m->cap);
	size_t at = upper_bound(m, key);
	memmove(&m->sorted[at + 1], &m->sorted[at], (m->n - at) * sizeof(*m->sorted));
	m->sorted[at] = it;
	m->n++;
}

static void erase(struct model *m, struct item *it)
{
	unsigned long before = augment_calls;
	int h_before = tree_height(m);

	rb_erase(&m->tree, &it->node);
	count_calls(m, before, h_before);

	size_t at = index_of(m, it);
	memmove(&m->sorted[at], &m->sorted[at + 1], (m->n - at - 1) * sizeof(*m->sorted));
	m->n--;
}

static void set_value(struct model *m, struct item *it, long value)
{
	unsigned long before = augment_calls;
	int h_before = tree_height(m);

	it->value = value;
	rb_augment_up(&m->tree, &it->node);
	count_calls(m, before, h_before);
}

/* ---- verification ---- */

struct brute {
	int black_height;   /* black nodes from here down to a NULL, NULL counted */
	long max, size;
	int height;
};

static unsigned long verifications, nodes_verified;
static int verified_height;   /* of the tree at the last verify() */

static struct brute verify_node(const struct model *m, const struct rb_node *n,
				const struct rb_node *parent, size_t *pos)
{
	if (!n)
		return (struct brute){ .black_height = 1, .max = LONG_MIN };
	REQUIRE(n->parent == parent, "node %ld: wrong parent", item_of(n)->key);
	REQUIRE(!(n->red && parent && parent->red), "red node %ld under a red parent",
		item_of(n)->key);

	struct brute l = verify_node(m, n->left, n, pos);
	const struct item *it = item_of(n);
	REQUIRE(*pos < m->n && m->sorted[*pos] == it,
		"in-order position %zu: node %ld/%lu is not the expected one", *pos,
		it->key, it->seq);
	(*pos)++;
	struct brute r = verify_node(m, n->right, n, pos);
	REQUIRE(l.black_height == r.black_height, "node %ld: black heights %d and %d",
		it->key, l.black_height, r.black_height);

	struct brute b = {
		.black_height = l.black_height + !n->red,
		.max = it->value > l.max ? it->value : l.max,
		.size = l.size + r.size + 1,
		.height = 1 + (l.height > r.height ? l.height : r.height),
	};
	if (r.max > b.max)
		b.max = r.max;
	if (m->tree.augment) {
		REQUIRE(it->max == b.max, "node %ld: max %ld, subtree says %ld", it->key,
			it->max, b.max);
		REQUIRE(it->size == b.size, "node %ld: size %ld, subtree says %ld", it->key,
			it->size, b.size);
		REQUIRE(it->height == b.height, "node %ld: height %d, subtree says %d",
			it->key, it->height, b.height);
	}
	nodes_verified++;
	return b;
}

static void verify_walks(const struct model *m)
{
	size_t i = 0;
	for (struct rb_node *n = rb_first(&m->tree); n; n = rb_next(n), i++)
		REQUIRE(i < m->n && item_of(n) == m->sorted[i], "rb_next: wrong node at %zu", i);
	REQUIRE(i == m->n, "rb_next walked %zu nodes of %zu", i, m->n);
	for (struct rb_node *n = rb_last(&m->tree); n; n = rb_prev(n), i--)
		REQUIRE(i > 0 && item_of(n) == m->sorted[i - 1], "rb_prev: wrong node at %zu",
			i - 1);
	REQUIRE(i == 0, "rb_prev stopped %zu nodes short", i);
}

static void verify(const struct model *m)
{
	const struct rb_node *root = m->tree.root;
	size_t pos = 0;

	verifications++;
	REQUIRE((root == NULL) == (m->n == 0), "root %p with %zu items", (void *)root, m->n);
	if (root) {
		REQUIRE(!root->red, "red root");
		REQUIRE(root->parent == NULL, "root has a parent");
	}
	struct brute b = verify_node(m, root, NULL, &pos);
	REQUIRE(pos == m->n, "in-order: %zu nodes of %zu", pos, m->n);
	verified_height = b.height;
	/* height <= 2 log2(n + 1), i.e. 2^(height/2) <= n + 1 */
	REQUIRE(b.height / 2 < 63 && (1ul << (b.height / 2)) <= m->n + 1,
		"height %d for %zu nodes", b.height, m->n);
	verify_walks(m);
}

/* ---- a fixed-seed generator (xorshift64*), the same on every host ---- */

static uint64_t rng_state;

static void rng_seed(uint64_t seed)
{
	rng_state = seed ? seed : 1;
}

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

static size_t rng_below(size_t n)
{
	return (size_t)(rng() % n);
}

/* ---- random operation sequences ---- */

struct random_run {
	size_t keys;        /* key space [0, keys); an item per key */
	size_t ops;
	size_t check_every;
	bool augmented;
	bool duplicates;    /* keys drawn from keys/8 values, so many are equal */
	uint64_t seed;
};

/* Grows, shrinks and churns the tree in phases of 1/10 of the run: the insert
 * probability cycles through 3/4, 1/2, 1/4, 1/2. One operation in eight changes the
 * value of a random item and calls rb_augment_up. */
static void random_ops(const struct random_run *run)
{
	struct model m;
	struct item *items = calloc(run->keys, sizeof(*items));
	bool *in_tree = calloc(run->keys, sizeof(*in_tree));
	size_t phase_len = run->ops / 10 ? run->ops / 10 : 1;
	unsigned long counts[3] = { 0 };

	ck_assert(items && in_tree);
	model_init(&m, run->keys, run->augmented);
	rng_seed(run->seed);
	for (size_t op = 0; op < run->ops; op++) {
		static const unsigned insert_pct[] = { 75, 50, 25, 50 };
		unsigned pct = insert_pct[(op / phase_len) % 4];
		unsigned roll = (unsigned)rng_below(100);

		if (m.n && rng_below(8) == 0) {
			set_value(&m, m.sorted[rng_below(m.n)], (long)rng_below(1000000));
			counts[2]++;
		} else if (m.n < run->keys && (roll < pct || m.n == 0)) {
			size_t k;
			do
				k = rng_below(run->keys);
			while (in_tree[k]);
			in_tree[k] = true;
			long key = run->duplicates ? (long)(k % (run->keys / 8 + 1)) : (long)k;
			insert(&m, &items[k], key, (long)rng_below(1000000));
			counts[0]++;
		} else {
			struct item *it = m.sorted[rng_below(m.n)];
			in_tree[it - items] = false;
			erase(&m, it);
			counts[1]++;
		}
		if ((op + 1) % run->check_every == 0)
			verify(&m);
	}
	verify(&m);
	fprintf(stderr,
		"rbtree random seed %#llx: %zu ops (%lu inserts, %lu erases, %lu updates) "
		"on %zu keys, %lu full verifications, %lu nodes verified, %lu checks, "
		"%lu augment calls (at most %lu in one op), final size %zu, height %d\n",
		(unsigned long long)run->seed, run->ops, counts[0], counts[1], counts[2],
		run->keys, verifications, nodes_verified, checks, augment_calls, m.max_calls,
		m.n, verified_height);
	model_fini(&m);
	free(items);
	free(in_tree);
}

START_TEST(test_random_large)
{
	/* 100k operations on up to 16k nodes, verified every 64. */
	random_ops(&(struct random_run){ .keys = 1 << 14, .ops = 100000, .check_every = 64,
					 .augmented = true, .seed = 0x5eed0001 });
}
END_TEST

START_TEST(test_random_small)
{
	/* 100k operations on up to 48 nodes, verified after every one: every rotation
	 * case many times over, near the root where the bookkeeping is most fiddly. */
	random_ops(&(struct random_run){ .keys = 48, .ops = 100000, .check_every = 1,
					 .augmented = true, .seed = 0x5eed0002 });
}
END_TEST

START_TEST(test_random_duplicates)
{
	random_ops(&(struct random_run){ .keys = 2048, .ops = 50000, .check_every = 16,
					 .augmented = true, .duplicates = true,
					 .seed = 0x5eed0003 });
}
END_TEST

START_TEST(test_random_unaugmented)
{
	random_ops(&(struct random_run){ .keys = 4096, .ops = 50000, .check_every = 32,
					 .augmented = false, .seed = 0x5eed0004 });
	ck_assert_uint_eq(augment_calls, 0);
}
END_TEST

/* ---- small and edge cases ---- */

START_TEST(test_empty)
{
	struct model m;
	model_init(&m, 1, true);
	ck_assert_ptr_null(m.tree.root);
	ck_assert_ptr_null(rb_first(&m.tree));
	ck_assert_ptr_null(rb_last(&m.tree));
	rb_augment_up(&m.tree, NULL);
	ck_assert_uint_eq(augment_calls, 0);
	verify(&m);

	struct rb_tree t = RB_TREE_INIT(NULL);
	ck_assert_ptr_null(t.root);
	ck_assert_ptr_null(t.augment);
	model_fini(&m);
}
END_TEST

START_TEST(test_single)
{
	struct model m;
	struct item it;

	model_init(&m, 1, true);
	for (int round = 0; round < 2; round++) {   /* the second time, a stale node */
		insert(&m, &it, 7, 42);
		verify(&m);
		ck_assert_ptr_eq(m.tree.root, &it.node);
		ck_assert(!it.node.red);
		ck_assert_ptr_eq(rb_first(&m.tree), &it.node);
		ck_assert_ptr_eq(rb_last(&m.tree), &it.node);
		ck_assert_ptr_null(rb_next(&it.node));
		ck_assert_ptr_null(rb_prev(&it.node));
		ck_assert_int_eq(it.max, 42);
		ck_assert_int_eq(it.size, 1);
		set_value(&m, &it, 3);
		ck_assert_int_eq(it.max, 3);
		erase(&m, &it);
		verify(&m);
		ck_assert_ptr_null(m.tree.root);
		ck_assert_ptr_null(rb_first(&m.tree));
	}
	model_fini(&m);
}
END_TEST

/* Ascending and descending insertions (each one rebalances at the edge), verified
 * after every one; then the tree is emptied by erasing its root again and again. */
START_TEST(test_sequential_then_erase_root)
{
	enum { N = 1000 };
	struct model m;
	struct item *items = calloc(N, sizeof(*items));

	model_init(&m, N, true);
	for (long i = 0; i < N; i++) {
		long key = _i ? N - 1 - i : i;
		insert(&m, &items[i], key, key * 7 % 1009);
		verify(&m);
	}
	ck_assert_int_eq(item_of(rb_first(&m.tree))->key, 0);
	ck_assert_int_eq(item_of(rb_last(&m.tree))->key, N - 1);
	while (m.tree.root) {
		erase(&m, item_of(m.tree.root));
		verify(&m);
	}
	ck_assert_uint_eq(m.n, 0);
	model_fini(&m);
	free(items);
}
END_TEST

/* Builds a random tree of N items and erases them all, in ascending, descending or a
 * random order, verified after every erase. */
START_TEST(test_erase_all)
{
	enum { N = 777 };
	struct model m;
	struct item *items = calloc(N, sizeof(*items));
	struct item *order[N];

	model_init(&m, N, true);
	rng_seed(0xe7a5e + (uint64_t)_i);
	for (size_t i = 0; i < N; i++)
		order[i] = &items[i];
	for (size_t i = N - 1; i > 0; i--) {   /* random insertion order */
		size_t j = rng_below(i + 1);
		struct item *tmp = order[i];
		order[i] = order[j];
		order[j] = tmp;
	}
	for (size_t i = 0; i < N; i++)
		insert(&m, order[i], (long)(order[i] - items), (long)rng_below(100));
	verify(&m);
	for (size_t i = 0; i < N; i++) {
		struct item *it;
		if (_i == 0)
			it = &items[i];
		else if (_i == 1)
			it = &items[N - 1 - i];
		else
			it = m.sorted[rng_below(m.n)];
		erase(&m, it);
		verify(&m);
	}
	ck_assert_ptr_null(m.tree.root);
	model_fini(&m);
	free(items);
}
END_TEST

START_TEST(test_next_prev)
{
	enum { N = 300 };
	struct model m;
	struct item items[N];

	model_init(&m, N, true);
	for (long i = 0; i < N; i++)
		insert(&m, &items[i], (i * 37) % N * 2, 0);   /* even keys 0..598 */
	verify(&m);
	for (long i = 0; i < N; i++) {
		struct item *it = &items[i];
		struct rb_node *next = rb_next(&it->node), *prev = rb_prev(&it->node);
		if (it->key == 2 * (N - 1))
			ck_assert_ptr_null(next);
		else
			ck_assert_int_eq(item_of(next)->key, it->key + 2);
		if (it->key == 0)
			ck_assert_ptr_null(prev);
		else
			ck_assert_int_eq(item_of(prev)->key, it->key - 2);
	}
	model_fini(&m);
}
END_TEST

/* Equal keys: the caller's search goes right on equality, so they come out in the
 * order they went in, and erasing some keeps the others' order. */
START_TEST(test_equal_keys)
{
	enum { N = 200 };
	struct model m;
	struct item items[N];

	model_init(&m, N, true);
	for (long i = 0; i < N; i++)
		insert(&m, &items[i], i % 3, i);
	verify(&m);   /* node for node against the model, which keeps insertion order */
	for (long i = 0; i < N; i += 5)
		erase(&m, &items[i]);
	verify(&m);
	unsigned long last_seq = 0;
	long last_key = -1;
	for (struct rb_node *n = rb_first(&m.tree); n; n = rb_next(n)) {
		struct item *it = item_of(n);
		if (it->key == last_key)
			ck_assert_uint_gt(it->seq, last_seq);
		last_key = it->key;
		last_seq = it->seq;
	}
	model_fini(&m);
}
END_TEST

/* The node with the largest value, `y`, is deep below the node erased, `n`, as its
 * successor; erasing n moves y up to n's place, so every node on y's old path must
 * lose y's value from its max. With _i == 1 the successor is n's right child instead,
 * and with _i == 2 the erased node itself holds the largest value. */
START_TEST(test_erase_two_children)
{
	enum { N = 1023, HUGE_VALUE = 1 << 30 };
	struct model m;
	struct item *items = calloc(N, sizeof(*items));

	model_init(&m, N, true);
	for (long i = 0; i < N; i++)
		insert(&m, &items[i], i, i % 17);
	verify(&m);

	struct rb_node *n = m.tree.root;
	if (_i == 1) {   /* a node whose successor is its right child */
		for (n = rb_first(&m.tree); n; n = rb_next(n))
			if (n->left && n->right && !n->right->left)
				break;
		ck_assert_ptr_nonnull(n);
	}
	ck_assert(n->left && n->right);
	struct rb_node *y = rb_next(n);
	if (_i == 1)
		ck_assert_ptr_eq(y->parent, n);
	else
		ck_assert_ptr_ne(y->parent, n);
	struct rb_node *y_parent = y->parent;
	int depth = 0;
	for (struct rb_node *p = y; p; p = p->parent)
		depth++;

	set_value(&m, _i == 2 ? item_of(n) : item_of(y), HUGE_VALUE);
	verify(&m);
	ck_assert_int_eq(item_of(m.tree.root)->max, HUGE_VALUE);
	if (_i != 2)
		ck_assert_int_eq(item_of(y_parent)->max, HUGE_VALUE);

	erase(&m, item_of(n));
	verify(&m);
	if (_i == 2)
		ck_assert_int_lt(item_of(m.tree.root)->max, HUGE_VALUE);
	else
		ck_assert_int_eq(item_of(m.tree.root)->max, HUGE_VALUE);
	if (y_parent != n)
		ck_assert_int_lt(item_of(y_parent)->max, HUGE_VALUE);
	fprintf(stderr, "rbtree erase with two children (%ld): successor at depth %d\n",
		(long)_i, depth);
	model_fini(&m);
	free(items);
}
END_TEST

/* A value changes without the tree knowing: the path above is stale until
 * rb_augment_up, and only that path needs it. Raising and lowering both. */
START_TEST(test_augment_up)
{
	enum { N = 2000 };
	struct model m;
	struct item *items = calloc(N, sizeof(*items));

	model_init(&m, N, true);
	rng_seed(0xa06);
	for (long i = 0; i < N; i++)
		insert(&m, &items[i], (long)rng_below(1u << 20), (long)rng_below(1000));
	verify(&m);

	/* the deepest node */
	struct item *deep = NULL;
	int deepest = 0;
	for (struct rb_node *n = rb_first(&m.tree); n; n = rb_next(n)) {
		int d = 0;
		for (struct rb_node *p = n; p; p = p->parent)
			d++;
		if (d > deepest) {
			deepest = d;
			deep = item_of(n);
		}
	}
	ck_assert_ptr_nonnull(deep);

	deep->value = 5000;   /* raised behind the tree's back */
	ck_assert_int_lt(item_of(m.tree.root)->max, 5000);
	unsigned long before = augment_calls;
	rb_augment_up(&m.tree, &deep->node);
	ck_assert_uint_eq(augment_calls - before, (unsigned long)deepest);
	ck_assert_int_eq(item_of(m.tree.root)->max, 5000);
	verify(&m);

	deep->value = -1;   /* lowered: the max must come back down from the children */
	rb_augment_up(&m.tree, &deep->node);
	ck_assert_int_lt(item_of(m.tree.root)->max, 1000);
	verify(&m);

	/* the root and a few random internal nodes */
	set_value(&m, item_of(m.tree.root), 7777);
	verify(&m);
	for (int k = 0; k < 200; k++) {
		set_value(&m, m.sorted[rng_below(m.n)], (long)rng_below(10000));
		verify(&m);
	}
	model_fini(&m);
	free(items);
}
END_TEST

/* ---- misuse the kernel asserts against ---- */

START_TEST(test_link_occupied_slot)
{
	struct rb_tree t = RB_TREE_INIT(NULL);
	struct rb_node a, b;

	rb_link(&t, &a, NULL, &t.root);
	kstub_expect_panic("assertion failed: *link == NULL");
	rb_link(&t, &b, NULL, &t.root);
}
END_TEST

START_TEST(test_link_slot_not_of_parent)
{
	struct rb_tree t = RB_TREE_INIT(NULL);
	struct rb_node a, b, c;

	rb_link(&t, &a, NULL, &t.root);
	rb_link(&t, &b, &a, &a.right);
	kstub_expect_panic("assertion failed: parent ?");
	rb_link(&t, &c, &a, &b.left);   /* b's slot, but a given as the parent */
}
END_TEST

static Suite *rbtree_suite(void)
{
	Suite *s = suite_create("rbtree");
	TCase *tc = tcase_create("cases");
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_single);
	tcase_add_loop_test(tc, test_sequential_then_erase_root, 0, 2);
	tcase_add_loop_test(tc, test_erase_all, 0, 3);
	tcase_add_test(tc, test_next_prev);
	tcase_add_test(tc, test_equal_keys);
	tcase_add_loop_test(tc, test_erase_two_children, 0, 3);
	tcase_add_test(tc, test_augment_up);
	suite_add_tcase(s, tc);

	tc = tcase_create("random");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_random_large);
	tcase_add_test(tc, test_random_small);
	tcase_add_test(tc, test_random_duplicates);
	tcase_add_test(tc, test_random_unaugmented);
	suite_add_tcase(s, tc);

	tc = tcase_create("panics");
	tcase_add_test_raise_signal(tc, test_link_occupied_slot, SIGABRT);
	tcase_add_test_raise_signal(tc, test_link_slot_not_of_parent, SIGABRT);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return ktest_run(rbtree_suite());
}
