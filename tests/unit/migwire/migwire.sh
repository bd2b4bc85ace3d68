#!/bin/sh
# migwire.sh — the wire-compatibility harness: for every routine of every reference
# .defs, check that Portico's mig and GNU MIG make byte-identical messages, in both
# directions (see README.md and docs/mig-wire.md).
#
# Settings, from the environment (make check passes them; defaults suit a checkout):
#   MW_REF     reference headers and .defs   (reference/usr/include/x86_64-linux-gnu)
#   MW_GNU     GNU MIG                       (reference/usr/bin/x86_64-gnu-mig)
#   MW_OURS    Portico's mig                 (mig/mig)
#   MW_WORK    scratch directory             (migwire.d beside this script)
#   MW_JOBS    units built in parallel       (2)
#   MW_CPP     preprocessor for the generators ("gcc -E -x c")
#   MW_ONLY    only these .defs, by base name, space separated (for debugging)
#   CC NM OBJCOPY
# Prints one PASS/FAIL/SKIP line per routine and configuration, a summary, and exits
# 1 if anything failed.
set -u
MW_SRC=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$MW_SRC/../../.." && pwd)
: "${MW_REF:=$top/reference/usr/include/x86_64-linux-gnu}"
: "${MW_GNU:=$top/reference/usr/bin/x86_64-gnu-mig}"
: "${MW_OURS:=$top/mig/mig}"
: "${MW_WORK:=$MW_SRC/migwire.d}"
: "${MW_JOBS:=2}"
: "${MW_CPP:=gcc -E -x c}"
: "${MW_ONLY:=}"
: "${CC:=gcc}" "${NM:=nm}" "${OBJCOPY:=objcopy}"
# Stubs of both generators are built as Portico builds C, warnings as errors.  GNU
# MIG's output needs no -Wno- flag once <mach/mig_support.h> provides <string.h>.
: "${MW_CFLAGS:=-std=gnu11 -O0 -Wall -Wextra -Werror}"
# How stubs are compiled: as user programs, or as GNU Mach compiles its own kernel
# stubs (KERNEL and MACH_KERNEL defined, kernel headers from kenv/, which
# kern/kenv.h stands for as a whole and is included first, as the kernel's own
# headers would be by the time a stub is compiled).
MW_UENV="-I$MW_SRC -I$MW_SRC/include -I$MW_REF"
MW_KENV="-DKERNEL -DMACH_KERNEL -DNCPUS=1 -I$MW_SRC -I$MW_SRC/kenv -I$MW_SRC/include -I$MW_REF -include kern/kenv.h"
export MW_SRC MW_REF MW_GNU MW_OURS MW_WORK MW_CPP CC NM OBJCOPY MW_CFLAGS MW_UENV MW_KENV

if [ ! -x "$MW_GNU" ] || [ ! -f "$MW_REF/mach/mach.defs" ]; then
	echo "migwire: the reference GNU MIG or .defs are missing (MW_GNU=$MW_GNU MW_REF=$MW_REF)"
	exit 1
fi
# Until Portico's mig is built, GNU MIG stands in for it, so the harness itself is
# proven; said loudly, since then nothing of ours is tested.
if [ "$MW_OURS" = gnu ]; then
	echo "NOTE: MW_OURS=gnu: comparing GNU MIG with itself"
	MW_OURS=$MW_GNU
elif [ ! -x "$MW_OURS" ]; then
	echo "NOTE: $MW_OURS is not built: comparing GNU MIG with itself"
	MW_OURS=$MW_GNU
fi
case $MW_OURS in /*) ;; *) MW_OURS=$PWD/$MW_OURS ;; esac

rm -rf "$MW_WORK"
mkdir -p "$MW_WORK/rt"
MW_RT=$MW_WORK/rt
export MW_RT
for f in wire values msg kenv/kenv; do
	flags=$MW_UENV
	[ $f = kenv/kenv ] && flags=$MW_KENV
	# shellcheck disable=SC2086
	if ! $CC $MW_CFLAGS $flags -c "$MW_SRC/$f.c" -o "$MW_RT/${f#kenv/}.o"; then
		echo "FAIL migwire: the harness runtime ($f.c) does not compile"
		exit 1
	fi
done

# Every .defs that declares routines (the *_types.defs only declare types).
defs_list=$(cd "$MW_REF" && find . -name '*.defs' ! -name '*_types.defs' | sed 's|^\./||' | sort)
if [ -n "$MW_ONLY" ]; then
	defs_list=$(for d in $defs_list; do for o in $MW_ONLY; do
		[ "$(basename "$d" .defs)" = "$o" ] && echo "$d"; done; done)
fi

# Configurations.  "plain" is how user programs build the stubs.  "opt" turns on
# every option a reference .defs tests that adds or changes routines (server-side
# sequence numbers, PC sampling, device_open_new, the emulator's vm_map, migrating
# threads, and USER32 for host_kernel_version, which 64-bit user programs do not
# have but whose messages are still well defined).  "kuser" builds the user side as the kernel does for the interfaces it
# calls out through (KernelUser: exceptions, memory objects, device replies...);
# "kserver" builds the server side as the kernel does for those it serves.
# A unit (config, .defs) runs only if it changes the .defs as the preprocessor sees
# it (opt), or declares the kernel subsystem kind (kuser, kserver).
OPT="-DSEQNOS -DMACH_PCSAMPLE -DDEVICE_ENABLE_DEVICE_OPEN_NEW -DEMULATOR -DMIGRATING_THREADS -DUSER32"
# The kernel serves device_open_new unconditionally; user programs see it with this.
KSERVER_USER="-DDEVICE_ENABLE_DEVICE_OPEN_NEW"
cppdefs() { # shellcheck disable=SC2086
	$MW_CPP -I"$MW_REF" "$@" 2>/dev/null | grep -v '^#'
}
units=$MW_WORK/units
: >"$units"
for d in $defs_list; do
	p=$MW_REF/$d
	echo "plain $p \"\" \"\" user user" >>"$units"
	plain=$(cppdefs "$p")
	# shellcheck disable=SC2086
	[ "$(cppdefs $OPT "$p")" != "$plain" ] && echo "opt $p \"$OPT\" \"$OPT\" user user" >>"$units"
	cppdefs -DKERNEL_USER "$p" | grep -q KernelUser &&
		echo "kuser $p \"-DKERNEL_USER\" \"\" kernel user" >>"$units"
	cppdefs -DKERNEL_SERVER "$p" | grep -q KernelServer &&
		echo "kserver $p \"$KSERVER_USER\" \"-DKERNEL_SERVER\" user kernel" >>"$units"
done

xargs -P "$MW_JOBS" -L 1 sh "$MW_SRC/unit.sh" <"$units"

# Results in a stable order: configurations as above, files alphabetically.
failed=0
out=$MW_WORK/results
: >"$out"
while read -r config path rest; do
	r=$MW_WORK/$config/$(basename "$path" .defs)/result
	if [ -s "$r" ]; then
		grep -E '^(PASS|FAIL|SKIP) ' "$r" >>"$out"
	else
		echo "FAIL $(basename "$path")[$config]: no result (see $MW_WORK/$config)" >>"$out"
	fi
done <"$units"
cat "$out"
npass=$(grep -c '^PASS' "$out")
nfail=$(grep -c '^FAIL' "$out")
nskip=$(grep -c '^SKIP' "$out")
[ "$nfail" -gt 0 ] && failed=1
echo "migwire: $(wc -l <"$units") units, $npass passed, $nfail failed, $nskip skipped" \
	"(ours: $MW_OURS)"
exit $failed
