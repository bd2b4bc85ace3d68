#!/bin/sh
# headers-compile.sh - Portico's ABI headers must build cleanly on their own:
#  - each C header, included twice, with -std=gnu11 -Wall -Wextra -Werror, both hosted
#    and -ffreestanding (the kernel's build).  A header the reference lets stand alone
#    must stand alone here too; the others are compiled after all-headers.h, as with
#    the reference;
#  - the assembler side: the trap stubs of mach/syscall_sw.h assemble to the same
#    instructions, symbol by symbol, as the reference's;
#  - every reference header has a counterpart, except those listed in $left_out.
# Exit 0 pass, 1 fail.

set -u
. "$(dirname "$0")/common.sh"

abi=$srcdir/tests/unit/abi
flags="-std=gnu11 -Wall -Wextra -Werror -fsyntax-only"
fail=0
n=0

# Reference headers Portico does not provide: kernel-internal ones that include GNU
# Mach's private headers (or a missing machine header) and cannot be compiled from the
# reference either, and the Xen and boot-loader formats Portico does not use.
left_out='mach/boot.h
mach/exec/a.out.h
mach/exec/elf.h
mach/exec/exec.h
mach/profil.h
mach/x86_64/multiboot.h
mach/xen.h'

(cd "$ref_inc" && find mach device mach_debug -name '*.h' | sort) > "$work/ref.list"
(cd "$our_inc" && find mach device mach_debug -name '*.h' | sort) > "$work/our.list"
echo "$left_out" | sort > "$work/left_out"
missing=$(comm -23 "$work/ref.list" "$work/our.list" | comm -23 - "$work/left_out")
if [ -n "$missing" ]; then
	echo "FAIL: reference headers with no Portico counterpart:" $missing
	fail=1
fi
extra=$(comm -13 "$work/ref.list" "$work/our.list")
if [ -n "$extra" ]; then
	echo "FAIL: Portico headers the reference does not have:" $extra
	fail=1
fi
if [ "$(readlink "$our_inc/mach/machine")" != x86_64 ]; then
	echo "FAIL: mach/machine must be a symbolic link to x86_64, as in the reference"
	fail=1
fi

# try INCLUDE_DIR HEADER PRELUDE MODE: compile HEADER (twice) after PRELUDE.
try() {
	{
		[ -n "$3" ] && echo "#include \"$3\""
		echo "#include <$2>"
		echo "#include <$2>"
	} > "$work/t.c"
	# shellcheck disable=SC2086 # flags and mode are word lists
	$CC $flags $4 -I"$abi" -I"$1" "$work/t.c" > "$work/t.log" 2>&1
}

for h in $(cat "$work/our.list"); do
	case $h in
	mach/syscall_sw.h|mach/x86_64/syscall_sw.h|mach/x86_64/asm.h) continue ;;
	esac
	prelude=
	if [ -f "$ref_inc/$h" ] && ! try "$ref_inc" "$h" "" ""; then
		prelude=all-headers.h
	fi
	for mode in "" -ffreestanding; do
		n=$((n + 1))
		if ! try "$our_inc" "$h" "$prelude" "$mode"; then
			echo "FAIL: $h ${mode:-hosted}${prelude:+ (after $prelude)}:"
			head -10 "$work/t.log"
			fail=1
		fi
	done
done

# Trap stubs: assemble both, list each symbol with its instructions, compare.
for side in ref ours; do
	if [ $side = ref ]; then inc=$ref_inc; else inc=$our_inc; fi
	echo '#include <mach/syscall_sw.h>' > "$work/traps.S"
	if ! $CC -c -I"$inc" -o "$work/$side.o" "$work/traps.S" 2> "$work/$side.as.log"; then
		echo "FAIL: mach/syscall_sw.h does not assemble ($side):"
		head -5 "$work/$side.as.log"
		fail=1
		continue
	fi
	objdump -d "$work/$side.o" | awk '
		/^[0-9a-f]+ <.*>:$/ { sub(/^[0-9a-f]+ </, ""); sub(/>:$/, ""); sym = $0; next }
		sym != "" && /^ +[0-9a-f]+:\t/ {
			n = split($0, f, "\t")
			if (n >= 3 && f[3] !~ /^(nop|xchg +%ax,%ax|data16)/) print sym ": " f[3]
		}' | sort > "$work/$side.traps"
done
ntraps=$(grep -c ': mov *\$0x' "$work/ref.traps" 2>/dev/null || echo 0)
if ! cmp -s "$work/ref.traps" "$work/ours.traps"; then
	echo "FAIL: trap stubs differ (< reference, > Portico):"
	diff "$work/ref.traps" "$work/ours.traps" | head -20
	fail=1
fi

echo "headers-compile: $n header builds, $ntraps trap stubs compared"
if [ "$n" -lt 100 ] || [ "$ntraps" -lt 40 ]; then
	echo "FAIL: too little checked"
	fail=1
fi
[ "$fail" = 0 ] && { echo "headers-compile: PASS"; exit 0; }
echo "headers-compile: FAIL"
exit 1
