# common.sh - sourced by the ABI test scripts: finds the tree, the reference and a
# compiler.  Sets srcdir, REFERENCE_ABI, ref_inc, our_inc, CC and a scratch dir $work
# (removed on exit).
#
# Under `make check` the tests run from the top build folder, where the build leaves
# tests/unit/abi/abi-env.sh with the configured REFERENCE_ABI and CC.

here=$(cd "$(dirname "$0")" && pwd)
if [ -f tests/unit/abi/abi-env.sh ]; then
	. ./tests/unit/abi/abi-env.sh
fi
srcdir=${srcdir:-$here/../../..}
srcdir=$(cd "$srcdir" && pwd)
REFERENCE_ABI=${REFERENCE_ABI:-$srcdir/reference}
CC=${CC:-gcc}

ref_inc=$REFERENCE_ABI/usr/include/x86_64-linux-gnu
our_inc=$srcdir/kernel/include

if [ ! -f "$ref_inc/mach/mach.defs" ]; then
	echo "$0: the reference ABI is not unpacked under $REFERENCE_ABI" >&2
	echo "$0: run tools/install-deps, or configure --with-reference-abi=DIR" >&2
	exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/portico-abi.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM
