#!/bin/sh
# defs-compare.sh - prove Portico's .defs describe the same messages as GNU Mach's.
#
# For every .defs of the reference, the reference MIG is run on the reference file
# (with the reference headers) and on ours (with our headers), in each of several
# configurations (plain, SEQNOS, KERNEL_USER, KERNEL_SERVER, optional groups).  The
# generated user/server stubs and headers must be identical, except for the #include
# lines that KERNEL_SERVER's simports produce, which name each kernel's own headers.
# Identical stubs mean identical message ids, item types, sizes and layouts.
#
# Each MIG type of the reference's type-only .defs is also checked on its own, by a
# one-routine probe interface that carries it.
#
# Environment: see common.sh.  Exit 0 pass, 1 fail.

set -u
. "$(dirname "$0")/common.sh"

mig=$REFERENCE_ABI/usr/bin/x86_64-gnu-mig
if [ ! -x "$mig" ]; then
	echo "defs-compare: the reference MIG $mig is missing" >&2
	exit 1
fi

CPP="$CC -E -x c"
export CPP

fail=0

# Configurations every interface is generated in.
configs='plain
-DSEQNOS=1
-DKERNEL_USER=1
-DKERNEL_SERVER=1
-DKERNEL_SERVER=1 -DSEQNOS=1
-DMACH_PCSAMPLE=1
-DDEVICE_ENABLE_DEVICE_OPEN_NEW=1
-DEMULATOR=1
-DMIGRATING_THREADS=1
-DMACH_IPC_DEBUG=0 -DMACH_VM_DEBUG=0 -DMACH_KDB=0'

# run_mig SIDE_DIR INCLUDE_DIR DEFS FLAGS: generate the four outputs, normalised.
run_mig() {
	rm_out=$1 rm_inc=$2 rm_defs=$3 rm_flags=$4
	mkdir -p "$rm_out"
	[ "$rm_flags" = plain ] && rm_flags=
	# shellcheck disable=SC2086 # the flags are a word list on purpose
	if ! (cd "$rm_out" && "$mig" $rm_flags -I"$rm_inc" -user u.c -server s.c \
		-header u.h -sheader s.h "$rm_defs" > mig.log 2>&1); then
		echo FAILED > "$rm_out/status"
		return
	fi
	echo OK > "$rm_out/status"
	for f in u.c s.c u.h s.h; do
		grep -Ev '^#include <(kern|vm|ipc|machine)/' \
			"$rm_out/$f" > "$rm_out/$f.norm"
	done
}

# same DIR_A DIR_B WHAT: compare two generation results.
same() {
	s_a=$1 s_b=$2 s_what=$3
	if [ "$(cat "$s_a/status")" != "$(cat "$s_b/status")" ]; then
		echo "FAIL: $s_what: reference MIG run $(cat "$s_a/status"), ours $(cat "$s_b/status")"
		sed 's/^/  ours: /' "$s_b/mig.log" | head -5
		echo x > "$work/failed"
		return
	fi
	[ "$(cat "$s_a/status")" = OK ] || return 0
	for f in u.c s.c u.h s.h; do
		if ! cmp -s "$s_a/$f.norm" "$s_b/$f.norm"; then
			echo "FAIL: $s_what: generated $f differs"
			diff "$s_a/$f.norm" "$s_b/$f.norm" | head -20
			echo x > "$work/failed"
		fi
	done
}

# Both trees must hold the same set of .defs files.
(cd "$ref_inc" && find mach device mach_debug -name '*.defs' | sort) > "$work/ref.list"
(cd "$our_inc" && find mach device mach_debug -name '*.defs' | sort) > "$work/our.list"
if ! cmp -s "$work/ref.list" "$work/our.list"; then
	echo "FAIL: the sets of .defs files differ (< reference, > ours):"
	diff "$work/ref.list" "$work/our.list"
	fail=1
fi

# Interfaces: every .defs with a subsystem, in every configuration.
for defs in $(cat "$work/ref.list"); do
	grep -q '^subsystem' "$ref_inc/$defs" || continue
	[ -f "$our_inc/$defs" ] || continue
	echo "$configs" | while IFS= read -r flags; do
		d=$work/i/$(echo "$defs $flags" | tr -c 'A-Za-z0-9_\n' _)
		run_mig "$d/ref" "$ref_inc" "$ref_inc/$defs" "$flags"
		run_mig "$d/our" "$our_inc" "$our_inc/$defs" "$flags"
		same "$d/ref" "$d/our" "$defs [$flags]"
		echo x >> "$work/count"
	done
done

# Types: each type named in a type-only .defs, carried in and out by a probe routine.
for defs in $(cat "$work/ref.list"); do
	grep -q '^subsystem' "$ref_inc/$defs" && continue
	for t in $(sed -n 's/^[[:space:]]*type[[:space:]]\{1,\}\([A-Za-z_0-9]*\)[[:space:]]*=.*/\1/p' \
			"$ref_inc/$defs" | sort -u); do
		d=$work/t/$(echo "$defs $t" | tr -c 'A-Za-z0-9_\n' _)
		mkdir -p "$d"
		{
			echo "subsystem typeprobe 1000;"
			echo "#include <mach/std_types.defs>"
			echo "#include <mach/mach_types.defs>"
			echo "#include <$defs>"
			echo "routine probe_in(server : mach_port_t; x : $t);"
			echo "routine probe_out(server : mach_port_t; out x : $t);"
		} > "$d/probe.defs"
		run_mig "$d/ref" "$ref_inc" "$d/probe.defs" plain
		run_mig "$d/our" "$our_inc" "$d/probe.defs" plain
		# Some types cannot travel both ways (polymorphic, c_string...): compare the
		# in-only form then, and skip types the reference MIG rejects altogether.
		if [ "$(cat "$d/ref/status")" = FAILED ]; then
			grep -v probe_out "$d/probe.defs" > "$d/probe.in" &&
				mv "$d/probe.in" "$d/probe.defs"
			run_mig "$d/ref" "$ref_inc" "$d/probe.defs" plain
			run_mig "$d/our" "$our_inc" "$d/probe.defs" plain
			[ "$(cat "$d/ref/status")" = FAILED ] && continue
		fi
		same "$d/ref" "$d/our" "type $t of $defs"
		echo x >> "$work/count"
	done
done

[ -f "$work/failed" ] && fail=1
count=$(wc -l < "$work/count" 2>/dev/null || echo 0)
if [ "$count" -lt 150 ]; then
	echo "FAIL: only $count comparisons were made; expected at least 150"
	fail=1
fi
if [ "$fail" = 0 ]; then
	echo "defs-compare: PASS ($count generated interfaces identical to the reference's)"
	exit 0
fi
echo "defs-compare: FAIL"
exit 1
