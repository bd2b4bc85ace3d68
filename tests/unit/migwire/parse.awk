# parse.awk — turn GNU MIG's own output for one .defs into the routine table that
# gen.awk reads.  Usage:
#   awk -f parse.awk USER_HEADER SERVER_HEADER USER_C > routines.tab
#
# Why these three files: the user header gives the prototypes the client calls, the
# server header (-sheader) gives the prototypes of the implementation functions the
# server stubs call (with server prefixes, msgseqno and translated types), and the
# user .c gives, per routine, which arguments travel in the request and which in the
# reply (the `xType` items of its Request and Reply structures) — the one thing a
# prototype cannot tell (a caller-supplied out buffer looks like an in array).
#
# Output, one record a line, fields separated by tabs:
#   R  name  kind  user_fn               kind: routine | simple
#   U  name  pos  param  stars  type  const   (user-side parameter)
#   S  name  pos  param  stars  type  const   (server-side parameter)
#   Q  name  item                              (request item, in message order)
#   P  name  item                              (reply item, in message order)
#   F  name  server_fn                        (every routine of the server header)
#   D  demux                                   (the server demultiplexer's name)
# `type` is the C type without `const` and without the trailing `*` of an out
# parameter; `stars` counts those `*`.

BEGIN { FS = "\n"; OFS = "\t" }

FNR == 1 { file++ }

# "/* Routine x */" and "/* SimpleRoutine x */" open a routine in all three files.
/^\/\* (Routine|SimpleRoutine) [A-Za-z_0-9]+ \*\/$/ {
	cur = $0
	sub(/^\/\* (Routine|SimpleRoutine) /, "", cur)
	sub(/ \*\/$/, "", cur)
	kind = ($0 ~ /SimpleRoutine/) ? "simple" : "routine"
	inproto = 0; fnname = ""; npar = 0; instruct = ""
	if (file == 1) { order[++nr] = cur; kinds[cur] = kind }
	if (file == 2) sorder[++ns] = cur
	next
}

# Headers: "kern_return_t name" then "(", one parameter a line, ");".
file <= 2 && cur != "" && /^kern_return_t [A-Za-z_0-9]+$/ {
	fnname = $0; sub(/^kern_return_t /, "", fnname)
	if (file == 1) ufn[cur] = fnname; else sfn[cur] = fnname
	next
}
file <= 2 && cur != "" && fnname != "" && /^\($/ { inproto = 1; next }
file <= 2 && inproto && /^\);$/ { inproto = 0; cur = ""; next }
file <= 2 && inproto {
	line = $0
	sub(/^[ \t]+/, "", line); sub(/,[ \t]*$/, "", line)
	if (line == "void") next
	param(line, (file == 1) ? "U" : "S")
	next
}

# The demultiplexer is named after the routine table the server header declares.
file == 2 && /^extern mig_routine_t [A-Za-z_0-9]+_routines\[\];$/ {
	d = $0; sub(/^extern mig_routine_t /, "", d); sub(/_routines\[\];$/, "", d)
	demux = d
	next
}

# User .c: items of the Request and Reply structures of the current routine.
file == 3 && cur != "" && /^\ttypedef struct \{$/ { instruct = "open"; nitems = 0; next }
file == 3 && cur != "" && instruct == "open" && /^\t\} (Request|Reply);$/ {
	which = ($0 ~ /Request/) ? "Q" : "P"
	for (i = 1; i <= nitems; i++) items[cur, which, i] = it[i]
	nitem[cur, which] = nitems
	instruct = ""
	next
}
file == 3 && cur != "" && instruct == "open" && /^\t\tmach_msg_type(_long)?_t[ \t]+[A-Za-z_0-9]+Type;$/ {
	n = $0; sub(/^\t\tmach_msg_type(_long)?_t[ \t]+/, "", n); sub(/Type;$/, "", n)
	it[++nitems] = n
	next
}

function param(line, side,    n, name, stars, type, isconst, w) {
	# Last word is the name, possibly with leading stars; the rest is the type.
	n = split(line, w, /[ \t]+/)
	name = w[n]
	type = ""
	for (i = 1; i < n; i++) type = type (type == "" ? "" : " ") w[i]
	stars = 0
	while (substr(name, 1, 1) == "*") { stars++; name = substr(name, 2) }
	while (type ~ /\*$/) { stars++; sub(/[ ]*\*$/, "", type) }
	isconst = 0
	if (type ~ /^const /) { isconst = 1; sub(/^const /, "", type) }
	pos = (side == "U") ? ++un[cur] : ++sn[cur]
	rows[++nrows] = side OFS cur OFS pos OFS name OFS stars OFS type OFS isconst
}

END {
	if (demux == "") { print "parse.awk: no demultiplexer found in " ARGV[2] > "/dev/stderr"; exit 1 }
	print "D", demux
	for (k = 1; k <= nr; k++) {
		r = order[k]
		print "R", r, kinds[r], ufn[r]
		for (i = 1; i <= nitem[r, "Q"]; i++) print "Q", r, items[r, "Q", i]
		for (i = 1; i <= nitem[r, "P"]; i++) print "P", r, items[r, "P", i]
	}
	# Every routine the server serves needs an implementation, driven or not.
	for (k = 1; k <= ns; k++) print "F", sorder[k], sfn[sorder[k]]
	for (i = 1; i <= nrows; i++) print rows[i]
}
