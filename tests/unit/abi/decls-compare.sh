#!/bin/sh
# decls-compare.sh - compare what the two header sets declare, beyond layouts:
#  - the set of macros and their definitions (token for token; whitespace ignored),
#  - the prototypes of the functions they declare (as gcc -aux-info writes them).
# Names that come from the C library headers the reference pulls in (sys/types.h) are
# not part of the Mach ABI and are ignored.  Exit 0 pass, 1 fail.

set -u
. "$(dirname "$0")/common.sh"

abi=$srcdir/tests/unit/abi
fail=0

# What the C library alone defines, so that it can be set aside.
printf '#include <sys/types.h>\n#include <stdint.h>\n' |
	$CC -std=gnu11 -dM -E -x c - > "$work/libc.dm"

for side in ref ours; do
	if [ $side = ref ]; then inc=$ref_inc; else inc=$our_inc; fi
	echo '#include "all-headers.h"' |
		$CC -std=gnu11 -dM -E -I"$abi" -I"$inc" -x c - > "$work/$side.dm" || fail=1
	grep -vxF -f "$work/libc.dm" "$work/$side.dm" | tr -d ' \t' | sort -u > "$work/$side.macros"
	echo '#include "all-headers.h"' |
		$CC -std=gnu11 -fsyntax-only -aux-info "$work/$side.aux" -I"$abi" -I"$inc" \
			-x c - || fail=1
	grep -F "/* $inc/" "$work/$side.aux" | sed 's|^/\* [^ ]* \*/ *||' | sort \
		> "$work/$side.protos"
done

nmacros=$(wc -l < "$work/ref.macros")
nprotos=$(wc -l < "$work/ref.protos")
if ! cmp -s "$work/ref.macros" "$work/ours.macros"; then
	echo "FAIL: macro definitions differ (< reference, > Portico; whitespace removed):"
	diff "$work/ref.macros" "$work/ours.macros" | head -60
	fail=1
fi
if ! cmp -s "$work/ref.protos" "$work/ours.protos"; then
	echo "FAIL: function declarations differ (< reference, > Portico):"
	diff "$work/ref.protos" "$work/ours.protos"
	fail=1
fi
if [ "$nmacros" -lt 800 ] || [ "$nprotos" -lt 4 ]; then
	echo "FAIL: too little compared ($nmacros macros, $nprotos prototypes)"
	fail=1
fi

echo "decls-compare: $nmacros macro definitions, $nprotos function declarations"
[ "$fail" = 0 ] && { echo "decls-compare: PASS"; exit 0; }
echo "decls-compare: FAIL"
exit 1
