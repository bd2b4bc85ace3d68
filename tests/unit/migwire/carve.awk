# carve.awk — cut the routines whose stub does not compile out of a generated file,
# so that the rest of the file can still be compared.  Usage:
#   awk -v errlog=COMPILER_LOG -v src=FILE_NAME -v xout=CUT.tab -v tag=X \
#       -v side=server|user -f carve.awk FILE.c FILE.c >CARVED.c
# The file is read twice: first to find which routine each error line falls in,
# then to copy it without those routines: a server stub is replaced by one that
# answers MIG_BAD_ID (the routine table still names it), a user stub is dropped
# (the harness then finds it missing).  For each routine cut, a record
# "TAG<tab>routine<tab>why" goes to xout.

BEGIN {
	while ((getline line < errlog) > 0) {
		# "...FILE_NAME:LINE:COL: error: message"
		if (index(line, src ":") == 0 || line !~ /: error: /) continue
		rest = substr(line, index(line, src ":") + length(src) + 1)
		n = rest + 0
		if (!(n in why)) { msg = line; sub(/.*: error: /, "", msg); why[n] = msg }
	}
}

# A routine's section opens with a comment naming it (GNU: "/* Routine x */", ours
# may say more after the name) and ends at the next one or at the routine table.
function opens(s) { return s ~ /^\/\* (Routine|SimpleRoutine) [A-Za-z_0-9]+([ :]|$)/ }
function closes(s) { return s ~ /^mig_routine_t / || s ~ /^mig_external boolean_t / }

FNR == 1 { pass++ }

pass == 1 {
	if (opens($0)) { split($0, w, /[ :]+/); cur = w[3]; start[FNR] = cur }
	else if (closes($0)) cur = ""
	if (cur != "" && $0 ~ /^mig_internal void _X/) { f = $0; sub(/^mig_internal void /, "", f); stub[cur] = f }
	if (cur != "" && (FNR in why) && !(cur in bad)) {
		bad[cur] = why[FNR]
		printf "%s\t%s\t%s\n", tag, cur, why[FNR] > xout
	}
	next
}

pass == 2 {
	if (FNR in start) {
		skipping = (start[FNR] in bad)
		if (skipping) {
			r = start[FNR]
			if (side == "user") {
				print "/* Routine " r ": cut out by the wire harness, its stub does not compile */"
				next
			}
			print "/* Routine " r ": cut out by the wire harness, its stub does not compile */"
			print "mig_internal void " stub[r]
			print "\t(mach_msg_header_t *InHeadP, mach_msg_header_t *OutHeadP)"
			print "{"
			print "\t(void) InHeadP;"
			print "\t((mig_reply_header_t *) OutHeadP)->RetCode = MIG_BAD_ID;"
			print "}"
			print ""
			next
		}
	} else if (closes($0)) {
		skipping = 0
	}
	if (!skipping) print
}
