/*
 * layout.c - print the facts of the Mach ABI as "kind name values..." lines.
 *
 * Built twice, once against Portico's headers and once against the reference (GNU
 * Mach's), from the same lists: layout-constants.def, layout-types.def and
 * layout-fields.def.  layout-compare.sh runs both and requires identical output, so
 * any difference in a constant's value or type, a type's size, alignment, kind or
 * signedness, or a member's offset, size or bit position shows up as a diff line.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "all-headers.h"

/* The probes below deliberately compare unsigned values with 0 and fill bit-fields. */
#pragma GCC diagnostic ignored "-Wtype-limits"
#pragma GCC diagnostic ignored "-Woverflow"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wpointer-arith"
#pragma GCC diagnostic ignored "-Wbool-compare"

/* The C type an integer expression has, after typedefs are looked through. */
#define KIND(x) _Generic((x), \
	_Bool: "bool", char: "char", signed char: "schar", unsigned char: "uchar", \
	short: "short", unsigned short: "ushort", int: "int", unsigned int: "uint", \
	long: "long", unsigned long: "ulong", long long: "llong", \
	unsigned long long: "ullong", default: "other")

static unsigned long items;

/* A constant: value, the size and kind of its type, and whether that is signed. */
#define K(name) \
	printf("const %s %lld %zu %s %d\n", #name, (long long)(name), sizeof(name), \
	       KIND(name), (name) * 0 - 1 < 0), items++;

/* A scalar typedef. */
#define SCALAR(t) \
	printf("type %s %zu %zu %s %d\n", #t, sizeof(t), _Alignof(t), KIND((t)0), \
	       (t)-1 < (t)0), items++;

/* A pointer typedef, and what it points to. */
#define POINTER(t) \
	printf("pointer %s %zu %zu -> %zu %s\n", #t, sizeof(t), _Alignof(t), \
	       sizeof(*(t)0), KIND(*(t)0)), items++;

/* A structure, union or array typedef, and a structure tag. */
#define AGGREGATE(t) \
	printf("aggregate %s %zu %zu\n", #t, sizeof(t), _Alignof(t)), items++;
#define TAG(tag) \
	printf("struct %s %zu %zu\n", #tag, sizeof(struct tag), _Alignof(struct tag)), items++;

/* A member: offset and size. */
#define FIELD(t, f) \
	printf("field %s.%s %zu %zu\n", #t, #f, offsetof(t, f), sizeof(((t *)0)->f)), items++;

/* A bit-field: the bytes of an otherwise zero object with the field all ones. */
#define BITS(t, f) do { \
	t obj_; \
	memset(&obj_, 0, sizeof obj_); \
	obj_.f = ~0ULL; \
	printf("bits %s.%s", #t, #f); \
	for (size_t i_ = 0; i_ < sizeof obj_; i_++) \
		printf(" %02x", ((unsigned char *)&obj_)[i_]); \
	printf("\n"); \
	items++; \
} while (0);

/* A flexible array member has no size of its own: only its offset is compared. */
#define FLEX(t, f) \
	printf("field %s.%s %zu\n", #t, #f, offsetof(t, f)), items++;

int
main(void)
{
#include "layout-constants.def"
#include "layout-types.def"
#include "layout-fields.def"
	printf("items %lu\n", items);
	return 0;
}
