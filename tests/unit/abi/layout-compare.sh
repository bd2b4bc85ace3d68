#!/bin/sh
# layout-compare.sh - run the layout program built against Portico's headers and the
# one built against the reference's, and require identical output: every constant's
# value and type, every type's size/alignment/kind, every member's offset and size,
# every bit-field's position (see layout.c).  The lists must also be substantial, so
# that an emptied list cannot pass.
#
# Usage: layout-compare.sh [OURS REF]; by default the programs make check built,
# tests/unit/abi/layout-ours and tests/unit/abi/layout-ref.  Exit 0 pass, 1 fail.

set -u
. "$(dirname "$0")/common.sh"

ours=${1:-tests/unit/abi/layout-ours}
ref=${2:-tests/unit/abi/layout-ref}

for prog in "$ours" "$ref"; do
	if [ ! -x "$prog" ]; then
		echo "layout-compare: $prog is not built" >&2
		exit 1
	fi
done

"$ours" > "$work/ours.txt" || { echo "layout-compare: $ours failed"; exit 1; }
"$ref" > "$work/ref.txt" || { echo "layout-compare: $ref failed"; exit 1; }

fail=0
if ! cmp -s "$work/ref.txt" "$work/ours.txt"; then
	echo "FAIL: the ABI facts differ (< reference, > Portico):"
	diff "$work/ref.txt" "$work/ours.txt" | head -100
	fail=1
fi

items=$(sed -n 's/^items //p' "$work/ref.txt")
count() { grep -c "^$1 " "$work/ref.txt"; }
echo "layout-compare: $items items: $(count const) constants, $(count type) scalar types," \
	"$(count pointer) pointer types, $(count aggregate) aggregates, $(count struct) tags," \
	"$(count field) members, $(count bits) bit-fields"
if [ "${items:-0}" -lt 300 ]; then
	echo "FAIL: only ${items:-0} items compared; the lists should hold well over 300"
	fail=1
fi
# The facts the kernel ABI most depends on must be among them.
for must in 'const MACH_SEND_MSG_TOO_SMALL ' 'aggregate mach_msg_header_t 32 ' \
	'aggregate mach_msg_type_t 8 ' 'bits mach_msg_type_t.msgt_deallocate ' \
	'const i386_THREAD_STATE_COUNT ' 'const KERN_INVALID_ARGUMENT ' \
	'const MIG_BAD_ID ' 'const VM_PROT_ALL '; do
	if ! grep -q "^$must" "$work/ref.txt"; then
		echo "FAIL: '$must' is not among the compared items"
		fail=1
	fi
done

[ "$fail" = 0 ] && { echo "layout-compare: PASS"; exit 0; }
echo "layout-compare: FAIL"
exit 1
