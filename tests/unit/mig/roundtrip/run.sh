#!/bin/sh
# Builds the four user/server pairings (GNU/GNU, GNU/ours, ours/GNU, ours/ours)
# around each driver here and compares the request and reply bytes they exchange and
# the values they decode.  GNU leaves padding uninitialised: read as 00.  OOL pointers
# taken from the stack differ run to run and are masked.
set -eu
top=$(cd "$(dirname "$0")/../../../.." && pwd)
here=$(cd "$(dirname "$0")" && pwd)
R=$top/reference/usr/include/x86_64-linux-gnu
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
status=0

gen() {	# $1 dir, $2 generator, $3... .defs
	d=$1; m=$2; shift 2
	mkdir -p "$w/$d"
	for f in "$@"; do
		n=$(basename $f .defs)
		src=$R/$f; [ -f "$here/$f" ] && src=$here/$f
		(cd "$w/$d" && CPP='gcc -E -x c' "$m" -I"$R" -user ${n}User.c -header $n.h -server /dev/null "$src" &&
		 CPP='gcc -E -x c' "$m" -DREPLY_PORTS -I"$R" -prefix srv_ -user /dev/null -header /dev/null -server ${n}Server.c "$src")
	done
}

check() {	# $1 driver, $2... .defs
	drv=$1; shift
	rm -rf "$w/ref" "$w/our"
	gen ref "$top/reference/usr/bin/x86_64-gnu-mig" "$@"
	gen our "$top/mig/mig" "$@"
	for u in ref our; do for s in ref our; do
		users=; servers=
		for f in "$@"; do n=$(basename $f .defs); users="$users $w/$u/${n}User.c"; servers="$servers $w/$s/${n}Server.c"; done
		gcc -std=gnu11 -O0 -w -no-pie -I"$top/tests/unit/mig/include" -I"$here" -I"$R" -I"$w/$u" \
			"$here/$drv" $users $servers -Wl,--unresolved-symbols=ignore-all -o "$w/$u-$s"
		"$w/$u-$s" | sed 's/ee/00/g; s/\(request 48: .*\) [0-9a-f]*$/\1 PTR/; s/ 08080040a00f0000 [0-9a-f]*/ 08080040a00f0000 PTR/; s/ 080800c0b80b0000 [0-9a-f]*/ 080800c0b80b0000 PTR/' > "$w/$u-$s.out"
	done; done
	for p in ref-our our-ref our-our; do
		if diff "$w/ref-ref.out" "$w/$p.out" > /dev/null; then
			echo "$drv $p: same bytes and values as GNU/GNU"
		else
			echo "$drv $p: DIFFERS"; diff "$w/ref-ref.out" "$w/$p.out" || true; status=1
		fi
	done
}

check roundtrip.c mach/mach.defs mach/mach_port.defs
check roundtrip_device.c device/device.defs mach_debug/mach_debug.defs mach/default_pager.defs mach/notify.defs
check roundtrip_hurdish.c hurdish.defs
exit $status
