/*
 * emulation.c — system-call emulation vectors (see emulation.h).
 */
#include <kern/emulation.h>
#include <kern/task.h>
#include <kern/string.h>
#include <vm/kmem.h>

/* The most entries one vector holds: what fits kmem's largest block. */
#define EML_MAX_ENTRIES ((4ull << 20) / 8 - 2)

static uint64_t vector_bytes(uint64_t count)
{
	return sizeof(struct task_emulation) + count * 8;
}

static void vector_drop(struct task_emulation *v)
{
	if (v && --v->refs == 0)
		kmem_free(v, vector_bytes(v->count));
}

void emulation_inherit(struct task *child, struct task *parent)
{
	child->emulation = parent ? parent->emulation : NULL;
	if (child->emulation)
		child->emulation->refs++;
}

void emulation_release(struct task *t)
{
	vector_drop(t->emulation);
	t->emulation = NULL;
}

/* A zeroed vector for [lo, hi) holding cur's entries, or NULL. */
static struct task_emulation *vector_covering(const struct task_emulation *cur, int64_t lo,
					      int64_t hi)
{
	if (hi - lo > (int64_t)EML_MAX_ENTRIES)
		return NULL;
	struct task_emulation *v = kmem_alloc(vector_bytes((uint64_t)(hi - lo)));
	if (!v)
		return NULL;
	v->refs = 1;
	v->min = (int32_t)lo;
	v->count = (uint32_t)(hi - lo);
	if (cur)
		memcpy(&v->entries[cur->min - lo], cur->entries, (uint64_t)cur->count * 8);
	return v;
}

kern_return_t emulation_set(struct task *t, int32_t start, const uint64_t *entries,
			    uint32_t count)
{
	struct task_emulation *cur = t->emulation;
	int64_t lo = start, hi = (int64_t)start + count;
	if (!cur || cur->refs > 1 || lo < cur->min || hi > (int64_t)cur->min + cur->count) {
		if (cur) {
			lo = lo < cur->min ? lo : cur->min;
			hi = hi > (int64_t)cur->min + cur->count ? hi : (int64_t)cur->min + cur->count;
		}
		struct task_emulation *v = vector_covering(cur, lo, hi);
		if (!v)
			return KERN_RESOURCE_SHORTAGE;
		vector_drop(cur);
		t->emulation = cur = v;
	}
	if (count)
		memcpy(&cur->entries[start - cur->min], entries, (uint64_t)count * 8);
	return KERN_SUCCESS;
}
