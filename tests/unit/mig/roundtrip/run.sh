#!/bin/sh
# Builds the four user/server pairings (GNU/GNU, GNU/ours, ours/GNU, ours/ours) of
# mach.defs and mach_port.defs around roundtrip.c and compares the request and
# reply bytes.  GNU leaves padding uninitialised (shown as ee after a 0xee fill): it
# is read as 00.  OOL pointers taken from the stack differ run to run.
set -eu
top=$(cd "$(dirname "$0")/../../../.." && pwd)
R=$top/reference/usr/include/x86_64-linux-gnu
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
gen() {	# $1 dir, $2 generator
	mkdir -p "$w/$1"
	for f in mach/mach.defs mach/mach_port.defs; do
		n=$(basename $f .defs)
		(cd "$w/$1" && CPP='gcc -E -x c' "$2" -I"$R" -user ${n}User.c -header $n.h -server /dev/null "$R/$f" &&
		 CPP='gcc -E -x c' "$2" -I"$R" -prefix srv_ -user /dev/null -header /dev/null -server ${n}Server.c "$R/$f")
	done
}
gen ref "$top/reference/usr/bin/x86_64-gnu-mig"
gen our "$top/mig/mig"
for u in ref our; do for s in ref our; do
	gcc -std=gnu11 -O0 -w -no-pie -I"$top/tests/unit/mig/include" -I"$R" -I"$w/$u" \
		"$(dirname "$0")/roundtrip.c" "$w/$u/machUser.c" "$w/$u/mach_portUser.c" \
		"$w/$s/machServer.c" "$w/$s/mach_portServer.c" \
		-Wl,--unresolved-symbols=ignore-all -o "$w/$u-$s"
	"$w/$u-$s" | sed 's/ee/00/g; s/\(request 48: .*\) [0-9a-f]*$/\1 PTR/' > "$w/$u-$s.out"
done; done
for p in ref-our our-ref our-our; do
	diff "$w/ref-ref.out" "$w/$p.out" > /dev/null && echo "$p: same bytes as GNU/GNU" || { echo "$p: DIFFERS"; diff "$w/ref-ref.out" "$w/$p.out" || true; }
done
