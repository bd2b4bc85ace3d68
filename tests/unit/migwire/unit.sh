#!/bin/sh
# unit.sh — build and run the driver of one unit: one .defs under one configuration.
#   unit.sh CONFIG DEFS UFLAGS SFLAGS UENV SENV
# UFLAGS/SFLAGS are the generator flags of the user and the server side (e.g.
# -DKERNEL_SERVER); UENV/SENV say whether that side's stubs are compiled as user
# programs or as kernel code ("user" or "kernel").  The environment (set by
# migwire.sh) names the tools and directories: MW_SRC MW_WORK MW_REF MW_GNU MW_OURS
# MW_CPP MW_RT (the compiled runtime) MW_UENV MW_KENV (compiler flags of each kind
# of side) CC MW_CFLAGS NM OBJCOPY.
# Result: $MW_WORK/CONFIG/BASE/result, one PASS/FAIL/SKIP line a routine; everything
# made on the way stays beside it for a look when something fails.
set -u
config=$1 defs=$2 uflags=$3 sflags=$4 uenv=$5 senv=$6
base=$(basename "$defs" .defs)
W=$MW_WORK/$config/$base
rm -rf "$W"
mkdir -p "$W"
result=$W/result
label=$base.defs
[ "$config" = plain ] || label="$base.defs[$config]"

envflags() {
	case $1 in
	user) echo "$MW_UENV" ;;
	kernel) echo "$MW_KENV" ;;
	esac
}

# Everything the unit cannot even start with fails every routine of it, by name if
# the routine table exists, else as one line for the file.
fail_unit() {
	if [ -s "$W/routines.tab" ]; then
		awk -F'\t' -v l="$label" -v w="$1" '$1 == "R" { print "FAIL " l ":" $2 ": " w }' "$W/routines.tab"
	else
		echo "FAIL $label: $1"
	fi >"$result"
	exit 0
}

first_error() {
	grep -m1 -E 'error|Error|warning|undefined reference|multiple definition' "$1" 2>/dev/null ||
		head -n1 "$1"
}

# Run generator $1 ("gnu" or "ours") with flags $2 into directory $3; on failure
# $3/mig.log says why.
generate() {
	mkdir -p "$3"
	if [ "$1" = gnu ]; then mig=$MW_GNU; else mig=$MW_OURS; fi
	# shellcheck disable=SC2086  # flags are words on purpose
	(cd "$3" && CPP="$MW_CPP" $mig $2 -I"$MW_REF" -user "${base}User.c" -server "${base}Server.c" \
		-header "$base.h" -sheader "${base}_S.h" "$defs") >"$3/mig.log" 2>&1
	st=$?
	if [ $st -ne 0 ]; then
		[ -s "$3/mig.log" ] || echo "exit status $st and no message" >"$3/mig.log"
		return 1
	fi
	for f in "${base}User.c" "${base}Server.c" "$base.h" "${base}_S.h"; do
		if [ ! -s "$3/$f" ]; then
			echo "it wrote no $f" >>"$3/mig.log"
			return 1
		fi
	done
}

compile() { # compile SRC OBJ ENV INCDIR
	# shellcheck disable=SC2086
	$CC $MW_CFLAGS $(envflags "$3") -I"$4" -c "$1" -o "$2" >"$2.log" 2>&1
}

# Rename the symbols of a stub object so that four sets of stubs and one set of
# implementations live in one program: every defined global X becomes PREFIX_X, and
# in a server object the implementation functions it calls become wti_X.
rename() { # rename OBJ PREFIX [server]
	: >"$1.syms"
	if [ "${3:-}" = server ]; then
		awk -F'\t' '$1 == "F" { print $3 " wti_" $3 }' "$W/routines.tab" >"$1.syms"
	fi
	$NM -g --defined-only "$1" | awk -v p="$2" 'NF == 3 { print $3 " " p $3 }' |
		awk 'NR == FNR { seen[$1] = 1; print; next } !($1 in seen)' "$1.syms" - >"$1.syms.all"
	$OBJCOPY --redefine-syms="$1.syms.all" "$1"
}

# --- GNU MIG: the baseline.  Without it nothing can be compared.
generate gnu "$uflags" "$W/gnu/u" || fail_unit "GNU MIG failed: $(first_error "$W/gnu/u/mig.log")"
if [ "$uflags" = "$sflags" ]; then
	ln -s u "$W/gnu/s"
else
	generate gnu "$sflags" "$W/gnu/s" || fail_unit "GNU MIG failed (server side): $(first_error "$W/gnu/s/mig.log")"
fi
awk -f "$MW_SRC/parse.awk" "$W/gnu/u/$base.h" "$W/gnu/s/${base}_S.h" "$W/gnu/u/${base}User.c" \
	>"$W/routines.tab" 2>"$W/parse.log" || fail_unit "cannot parse GNU MIG's output: $(head -n1 "$W/parse.log")"

# --- Probe, on each side: for each parameter type, does it decay to a pointer, is it
# an array typedef, its size, is it a char pointer (a C string), its type class
# (__builtin_classify_type: 12 is a structure).  Only the compiler
# knows what a typedef name stands for.
probe() { # probe SIDE HEADER ENV INCDIR OUT
	awk -F'\t' -v s="$1" -v h="$2" -f "$MW_SRC/probe.awk" "$W/routines.tab" >"$W/probe$1.c"
	# shellcheck disable=SC2086
	$CC -std=gnu11 $(envflags "$3") -I"$4" "$W/probe$1.c" -o "$W/probe$1" >"$W/probe$1.log" 2>&1 &&
		"$W/probe$1" >"$5"
}
probe U "$base.h" "$uenv" "$W/gnu/u" "$W/uprobe.tab" || fail_unit "type probe failed: $(first_error "$W/probeU.log")"
probe S "${base}_S.h" "$senv" "$W/gnu/s" "$W/sprobe.tab" || fail_unit "type probe failed: $(first_error "$W/probeS.log")"

# --- GNU's stubs.  A routine whose GNU server stub does not compile (GNU MIG has
# such bugs) cannot have a baseline reply: its stub is cut out of a copy of the file
# (it answers MIG_BAD_ID), the rest of the file is compared as usual, and the
# routine is marked so the driver compares its request only and says why.
compile "$W/gnu/u/${base}User.c" "$W/gu.o" "$uenv" "$W/gnu/u" ||
	fail_unit "GNU MIG's user stubs do not compile: $(first_error "$W/gu.o.log")"
# carve_compile SRC OBJ ENV INCDIR SIDE TAG: compile SRC; if that fails, compile it
# without the routines the errors fall in, listed as TAG records in OBJ.cut.
carve_compile() {
	compile "$1" "$2" "$3" "$4" && return 0
	cp "$2.log" "$2.full.log"
	awk -v errlog="$2.full.log" -v src="$(basename "$1")" -v xout="$2.cut" -v tag="$6" \
		-v side="$5" -f "$MW_SRC/carve.awk" "$1" "$1" >"$1.carved.c"
	[ -s "$2.cut" ] && compile "$1.carved.c" "$2" "$3" "$4" && return 0
	cp "$2.full.log" "$2.log"
	return 1
}
carve_compile "$W/gnu/s/${base}Server.c" "$W/gs.o" "$senv" "$W/gnu/s" server X ||
	fail_unit "GNU MIG's server stubs do not compile: $(first_error "$W/gs.o.log")"
if [ -s "$W/gs.o.cut" ]; then
	# (gcc names anonymous unions by address, <U4be0>: not worth repeating.)
	awk -F'\t' '{ gsub(/<U[0-9a-f]+>\./, "", $3)
		print "X\t" $2 "\tGNU MIG\047s server stub does not compile (" $3 ")" }' \
		"$W/gs.o.cut" >>"$W/routines.tab"
fi
rename "$W/gu.o" wtgu_
rename "$W/gs.o" wtgs_ server

# --- The driver's two generated files.
kuser=0 kserver=0
[ "$uenv" = kernel ] && kuser=1
[ "$senv" = kernel ] && kserver=1
for mode in client impl; do
	awk -v mode=$mode -v defs="$base.defs" -v config="$config" -v kuser=$kuser -v kserver=$kserver \
		-v uheader="$base.h" -v sheader="${base}_S.h" -f "$MW_SRC/gen.awk" \
		"$W/routines.tab" "$W/uprobe.tab" "$W/sprobe.tab" >"$W/$mode.c" ||
		fail_unit "gen.awk failed ($mode)"
done
compile "$W/client.c" "$W/client.o" "$uenv" "$W/gnu/u" || fail_unit "generated client does not compile: $(first_error "$W/client.o.log")"
compile "$W/impl.c" "$W/impl.o" "$senv" "$W/gnu/s" || fail_unit "generated implementation does not compile: $(first_error "$W/impl.o.log")"

# --- Ours.  Any step that fails is recorded, and every routine that needs that side
# fails with the reason; the GNU baseline still runs.
ours_user_err="" ours_server_err=""
if ! generate ours "$uflags" "$W/ours/u"; then
	ours_user_err="our mig failed: $(first_error "$W/ours/u/mig.log")"
	ours_server_err=$ours_user_err
else
	if [ "$uflags" = "$sflags" ]; then
		ln -s u "$W/ours/s"
	elif ! generate ours "$sflags" "$W/ours/s"; then
		ours_server_err="our mig failed (server side): $(first_error "$W/ours/s/mig.log")"
	fi
	if ! carve_compile "$W/ours/u/${base}User.c" "$W/ou.o" "$uenv" "$W/ours/u" user U; then
		ours_user_err="our user stubs do not compile: $(first_error "$W/ou.o.log")"
	else
		rename "$W/ou.o" wtou_
	fi
	if [ -z "$ours_server_err" ]; then
		if ! carve_compile "$W/ours/s/${base}Server.c" "$W/os.o" "$senv" "$W/ours/s" server S; then
			ours_server_err="our server stubs do not compile: $(first_error "$W/os.o.log")"
		else
			rename "$W/os.o" wtos_ server
		fi
	fi
fi

# --- Link; drop what of ours will not link, and say why.
objs="$W/client.o $W/impl.o $W/gu.o $W/gs.o $MW_RT/wire.o $MW_RT/values.o $MW_RT/msg.o $MW_RT/kenv.o"
link() { # shellcheck disable=SC2086
	$CC -o "$W/driver" $objs "$@" >"$W/link.log" 2>&1
}
ou="" os=""
[ -z "$ours_user_err" ] && ou=$W/ou.o
[ -z "$ours_server_err" ] && os=$W/os.o
if ! link $ou $os; then
	why=$(first_error "$W/link.log")
	if [ -n "$os" ] && link $ou; then
		ours_server_err="our server stubs do not link: $why"
	elif [ -n "$ou" ] && link $os; then
		ours_user_err="our user stubs do not link: $why"
	elif link; then
		[ -n "$ou" ] && ours_user_err="our stubs do not link"
		[ -n "$os" ] && ours_server_err="our stubs do not link"
	else
		fail_unit "the driver does not link: $(first_error "$W/link.log")"
	fi
fi
# A wrong pointer in a stub must not hang `make check`.
cat "$W/ou.o.cut" "$W/os.o.cut" >"$W/ours-cut.tab" 2>/dev/null
WT_OURS_USER_ERR=$ours_user_err WT_OURS_SERVER_ERR=$ours_server_err WT_OURS_CUT="$W/ours-cut.tab" \
	timeout 120 "$W/driver" >"$result" 2>"$W/driver.err"
rc=$?
# Routines the driver never reported on (it crashed or hung on the one before) fail.
if [ $rc -gt 1 ]; then
	awk -F'\t' -v l="$label" -v rc=$rc '
		NR == FNR { if ($1 ~ /^(PASS|FAIL|SKIP)$/) { split($2, a, ":"); done[a[2]] = 1 }; next }
		$1 == "R" && !($2 in done) { print "FAIL " l ":" $2 ": no result, the driver stopped (exit " rc ")" }
	' FS=" " "$result" FS="\t" "$W/routines.tab" >>"$result"
fi
exit 0
