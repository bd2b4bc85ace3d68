# gen.awk — write the client or the implementation file of one unit's driver from the
# routine table (parse.awk) and the type classes of both sides (probe).  Usage:
#   awk -v mode=client|impl -v defs=F.defs -v config=C -v kuser=0|1 -v kserver=0|1 \
#       -v uheader=H -v sheader=H -f gen.awk routines.tab uprobe.tab sprobe.tab
#
# No routine is known by name here: every argument is given a role from its
# prototype, the item lists of the messages, and whether its C type decays to a
# pointer, is a string, a structure... (which only the compiler can say, hence the
# probe):
#   SCALAR  a value, or `T *x` for an out/inout value
#   CNT     `xCnt`, the count of array x        POLY  `xPoly`, the disposition of port x
#   ARR     an array passed as a pointer (in, or a caller-supplied out buffer)
#   PARR    `T *x` where T is a pointer typedef: an out array the stub hands back
#   IARR    an array whose address is an integer (pointer_t), counted in bytes
#   BAD     two levels of pointers: not driven (no reference .defs has one)
# Values come from wt_seed(routine, name) for what the client sends and from
# wt_seed(routine, name "=") for what the implementation returns, so the two files
# agree without sharing code, and an out value never equals the in value it replaces.

BEGIN { FS = OFS = "\t" }

FILENAME == ARGV[1] {
	if ($1 == "D") demux = $2
	else if ($1 == "R") { order[++nr] = $2; rkind[$2] = $3; ufn[$2] = $4 }
	else if ($1 == "F") { sfn[$2] = $3; forder[++nf] = $2 }
	else if ($1 == "X") { skip[$2] = $3; reqonly[$2] = 1 }
	else if ($1 == "Q") { inq[$2, $3] = 1; q[$2, ++nq[$2]] = $3 }
	else if ($1 == "P") { inp[$2, $3] = 1; p[$2, ++np[$2]] = $3 }
	else if ($1 == "U" || $1 == "S") {
		sd = $1; r = $2; i = $3
		pname[sd, r, i] = $4; pstars[sd, r, i] = $5; ptype[sd, r, i] = $6; pconst[sd, r, i] = $7
		pidx[sd, r, $4] = i
		if (i > npar[sd, r]) npar[sd, r] = i
	}
	next
}
# Probe tables: type, decays to a pointer, is an array typedef, size, is a char
# pointer, type class.
FILENAME == ARGV[2] { ptrlike["U", $1] = $2; isarr["U", $1] = $3; tsize["U", $1] = $4; charp["U", $1] = $5; tclass["U", $1] = $6; next }
FILENAME == ARGV[3] { ptrlike["S", $1] = $2; isarr["S", $1] = $3; tsize["S", $1] = $4; charp["S", $1] = $5; tclass["S", $1] = $6; next }

function base(n) { return (n ~ /(Cnt|Poly)$/) ? substr(n, 1, length(n) - ((n ~ /Cnt$/) ? 3 : 4)) : n }

function kenv(sd) { return sd == "U" ? kuser : kserver }

function role(sd, r, i,    n, s, t) {
	n = pname[sd, r, i]; s = pstars[sd, r, i]; t = ptype[sd, r, i]
	if (n ~ /Cnt$/ && (sd, r, base(n)) in pidx) return "CNT"
	if (n ~ /Poly$/ && (sd, r, base(n)) in pidx) return "POLY"
	if (s > 1) return "BAD"
	if (ptrlike[sd, t]) {
		# In the kernel a pointer that is neither an array typedef, nor counted, nor
		# a string is an object passed by value (task_t, ipc_port_t...).
		if (s == 0 && kenv(sd) && !isarr[sd, t] && !charp[sd, t] && !((sd, r, n "Cnt") in pidx))
			return "SCALAR"
		if (s == 0) return "ARR"
		if (!isarr[sd, t] && (sd, r, n "Cnt") in pidx) return "PARR"
	}
	# An array whose address travels in an integer (pointer_t is a vm_offset_t):
	# MIG cannot say its element size in C, so it counts bytes.
	if ((sd, r, n "Cnt") in pidx) return "IARR"
	return "SCALAR"
}

# Is the out direction of n in the reply?  Values passed by pointer that are not in
# the request are out-only.
function isout(r, n, s) { return ((r, n) in inp) || (s > 0 && !((r, n) in inq)) }

# Can the value of n be checked across the wire?  Only if both ends see the same C
# type of the same size.  (Arrays whose elements change size on the way, like port
# arrays entering the kernel, are told apart at run time: wt_loga records the
# element size and wire.c only compares equal ones.)
function crossable(r, n,    iu, is, t) {
	if (!(("U", r, n) in pidx) || !(("S", r, n) in pidx)) return 0
	iu = pidx["U", r, n]; is = pidx["S", r, n]; t = ptype["U", r, iu]
	if (t != ptype["S", r, is] || pstars["U", r, iu] != pstars["S", r, is]) return 0
	if (role("U", r, iu) != role("S", r, is)) return 0
	# The kernel rebuilds structures field by field through its translation
	# functions (time values): their padding does not cross, so only the
	# generators are compared there, not the two ends.
	if ((kuser || kserver) && (tclass["U", t] == 12 || tclass["S", t] == 12)) return 0
	return tsize["U", t] == tsize["S", t]
}
function kind(r, n, poly) { return crossable(r, n) ? (poly ? "WT_POLY" : "WT_PLAIN") : "WT_LOCAL" }

function seed(r, n) { return "wt_seed(\"" r "\", \"" n "\")" }
function oseed(r, n) { return "wt_seed(\"" r "\", \"" n "=\")" }
function decl(sd, r, i,    c) {
	c = pconst[sd, r, i] ? "const " : ""
	return c ptype[sd, r, i] " " substr("**", 1, pstars[sd, r, i]) pname[sd, r, i]
}
function esize(t) { return "sizeof(WT_ELEM(" t "))" }

END {
	if (mode == "client") client(); else impl()
}

# ---------------------------------------------------------------- client
function client(    k, r, i, n, s, t, ro, a, cnt, args, dg, dour, dhave) {
	print "/* Generated by gen.awk from GNU MIG's output for " defs " (" config "). */"
	print "#include \"wire.h\""
	print "#include \"" uheader "\""
	print ""
	if (kserver) {
		# GNU MIG makes no demux for a KernelServer: the kernel dispatches through
		# the routine table itself (impl.c plays that part).
		print "extern int wt_kdemux_gnu(mach_msg_header_t *, mach_msg_header_t *);"
		print "extern int wt_kdemux_ours(mach_msg_header_t *, mach_msg_header_t *);"
		print "extern char wtos_" demux "_routines[] __attribute__((weak));"
		dg = "wt_kdemux_gnu"; dour = "wt_kdemux_ours"; dhave = "wtos_" demux "_routines"
	} else {
		print "extern int wtgs_" demux "(mach_msg_header_t *, mach_msg_header_t *);"
		print "extern int wtos_" demux "(mach_msg_header_t *, mach_msg_header_t *) __attribute__((weak));"
		dg = "wtgs_" demux; dour = dhave = "wtos_" demux
	}
	for (k = 1; k <= nr; k++) {
		r = order[k]
		print ""
		print "extern __typeof__(" ufn[r] ") wtgu_" ufn[r] ";"
		print "extern __typeof__(" ufn[r] ") wtou_" ufn[r] " __attribute__((weak));"
		printf "static const char *const req_%s[] = {", r
		for (i = 1; i <= nq[r]; i++) printf " \"%s\",", q[r, i]
		print " 0 };"
		printf "static const char *const rep_%s[] = {", r
		for (i = 1; i <= np[r]; i++) printf " \"%s\",", p[r, i]
		print " 0 };"
		print "static kern_return_t c_" r "(void *stub)"
		print "{"
		print "\t__typeof__(" ufn[r] ") *fn = (__typeof__(" ufn[r] ") *) stub;"
		print "\tkern_return_t kr;"
		args = ""
		# Declarations and in values, in parameter order.
		for (i = 1; i <= npar["U", r]; i++) {
			n = pname["U", r, i]; s = pstars["U", r, i]; t = ptype["U", r, i]
			ro = role("U", r, i); a = "a" i
			args = args (i > 1 ? ", " : "") (s ? "&" : "") a
			if (ro == "BAD") skip[r] = "parameter '" n "' has two levels of pointers"
			if (ro == "CNT") {
				print "\tmach_msg_type_number_t " a " = " (s ? "WT_CAP" : "wt_count(" seed(r, n) ")") ";"
				if (!s) print "\twt_log(WT_SENT, " kind(r, n, 0) ", \"" n "\", &" a ", sizeof " a ");"
				else if ((r, n) in inq) print "\twt_log(WT_SENT, WT_LOCAL, \"" n "\", &" a ", sizeof " a ");"
			} else if (ro == "POLY") {
				print "\tmach_msg_type_name_t " a " = " (s ? "0" : "wt_poly(" seed(r, n) ")") ";"
				if (!s) print "\twt_log(WT_SENT, " kind(r, n, 1) ", \"" n "\", &" a ", sizeof " a ");"
			} else if (ro == "IARR") {
				print "\t" t " " a " = (" t ") (uintptr_t) wt_buf(" seed(r, n) ");"
				cnt = "a" pidx["U", r, n "Cnt"]
				if (!s && !pstars["U", r, pidx["U", r, n "Cnt"]])
					inlate = inlate "\twt_loga(WT_SENT, " kind(r, n, 0) ", \"" n "\", (void *) (uintptr_t) " a ", " cnt ", 1);\n"
			} else if (ro == "ARR" || ro == "PARR") {
				print "\tWT_ELEM(" t ") *" a " = wt_buf(" seed(r, n) ");"
			} else {
				print "\t" t " " a ";"
				print "\twt_fill(&" a ", sizeof " a ", " seed(r, n) ");"
				if (!s || (r, n) in inq) print "\twt_log(WT_SENT, " kind(r, n, 0) ", \"" n "\", &" a ", sizeof " a ");"
			}
		}
		# Arrays last: their counts are set by now.
		for (i = 1; i <= npar["U", r]; i++) {
			n = pname["U", r, i]; t = ptype["U", r, i]; ro = role("U", r, i); a = "a" i
			if (ro != "ARR" || !((r, n) in inq) && ((r, n) in inp)) continue
			if (("U", r, n "Cnt") in pidx) {
				cnt = "a" pidx["U", r, n "Cnt"]
				if (pstars["U", r, pidx["U", r, n "Cnt"]]) continue
				print "\twt_loga(WT_SENT, " kind(r, n, 0) ", \"" n "\", " a ", " cnt " * " esize(t) ", " esize(t) ");"
			} else {
				print "\tif (" esize(t) " == 1) {"
				print "\t\twt_str((void *) " a ", WT_FIXSIZE(" t ") ? WT_FIXSIZE(" t ") : 64, " seed(r, n) ");"
				print "\t\twt_loga(WT_SENT, " kind(r, n, 0) ", \"" n "\", " a ", wt_strlen(" a ", WT_BUFSZ) + 1, " esize(t) ");"
				print "\t} else if (WT_FIXSIZE(" t ")) {"
				print "\t\twt_loga(WT_SENT, " kind(r, n, 0) ", \"" n "\", " a ", WT_FIXSIZE(" t "), " esize(t) ");"
				print "\t} else {"
				print "\t\twt_unsupported(\"'" n "' is a pointer without a count\");"
				print "\t}"
			}
		}
		printf "%s", inlate
		inlate = ""
		print "\twt_scrub();"
		print "\tkr = fn(" args ");"
		# What came back.
		for (i = 1; i <= npar["U", r]; i++) {
			n = pname["U", r, i]; s = pstars["U", r, i]; t = ptype["U", r, i]
			ro = role("U", r, i); a = "a" i
			if (ro == "CNT" || ro == "POLY") {
				if (s) print "\twt_log(WT_GOT, " kind(r, n, ro == "POLY") ", \"" n "\", &" a ", sizeof " a ");"
			} else if (ro == "IARR") {
				if (!s) continue
				cnt = "a" pidx["U", r, n "Cnt"]
				print "\twt_log_u32(WT_GOT, WT_LOCAL, \"" n ".where\", (uint32_t) wt_ptrclass((void *) (uintptr_t) " a "));"
				print "\twt_loga(WT_GOT, " kind(r, n, 0) ", \"" n "\", (void *) (uintptr_t) " a ", " cnt " < WT_BUFSZ ? " cnt " : WT_BUFSZ, 1);"
			} else if (ro == "PARR") {
				cnt = "a" pidx["U", r, n "Cnt"]
				print "\twt_log_u32(WT_GOT, WT_LOCAL, \"" n ".where\", (uint32_t) wt_ptrclass(" a "));"
				print "\twt_loga(WT_GOT, " kind(r, n, 0) ", \"" n "\", " a ", " clamp(cnt, t) ", " esize(t) ");"
			} else if (ro == "ARR") {
				if (!((r, n) in inp)) continue
				if (("U", r, n "Cnt") in pidx) {
					cnt = "a" pidx["U", r, n "Cnt"]
					print "\twt_loga(WT_GOT, " kind(r, n, 0) ", \"" n "\", " a ", " clamp(cnt, t) ", " esize(t) ");"
				} else {
					print "\twt_loga(WT_GOT, " kind(r, n, 0) ", \"" n "\", " a ", " esize(t) " == 1 ? wt_strlen(" a ", WT_BUFSZ) + 1 : WT_FIXSIZE(" t "), " esize(t) ");"
				}
			} else if (ro == "SCALAR" && s && isout(r, n, s)) {
				print "\twt_log(WT_GOT, " kind(r, n, 0) ", \"" n "\", &" a ", sizeof " a ");"
			}
		}
		print "\treturn kr;"
		print "}"
		if (!(r in sfn)) skip[r] = "the server of this configuration does not serve it"
	}
	print ""
	print "static const struct wt_routine routines[] = {"
	for (k = 1; k <= nr; k++) {
		r = order[k]
		printf "\t{ \"%s\", %d, %s, %d, c_%s, { (void *) wtgu_%s, (void *) wtou_%s }, req_%s, rep_%s },\n",
			r, rkind[r] == "simple", (r in skip) ? "\"" cstr(skip[r]) "\"" : "0", (r in reqonly), r, ufn[r], ufn[r], r, r
	}
	print "};"
	print "const struct wt_unit wt_unit = {"
	print "\t\"" defs "\", \"" config "\", " (kuser + 0) ", " (kserver + 0) ","
	print "\t{ " dg ", " dour " }, (const void *) " dhave ","
	print "\troutines, " nr ","
	print "};"
}

# Bytes of an array of count c, capped to the harness's buffer (a wrong count from a
# broken stub must not make the log read past it).
function clamp(c, t) { return "(" c " * " esize(t) " < WT_BUFSZ ? " c " * " esize(t) " : WT_BUFSZ)" }

# ---------------------------------------------------------------- implementation
function impl(    k, r, i, n, s, t, ro, f, c, ci, params, outs) {
	print "/* Generated by gen.awk from GNU MIG's output for " defs " (" config "). */"
	print "#include \"wire.h\""
	if (kserver) {
		# The server header's own lookup function (D_routine) then reads the table
		# of the pairing in progress.
		print "#define " demux "_routines (*wt_ktable)"
	}
	print "#include \"" sheader "\""
	for (k = 1; k <= nf; k++) {
		r = forder[k]
		f = sfn[r]
		params = ""
		for (i = 1; i <= npar["S", r]; i++) params = params (i > 1 ? ", " : "") decl("S", r, i)
		if (params == "") params = "void"
		print ""
		print "kern_return_t wti_" f "(" params ");"
		print "_Static_assert(__builtin_types_compatible_p(__typeof__(wti_" f "), __typeof__(" f ")), \"prototype of " f "\");"
		print "kern_return_t wti_" f "(" params ")"
		print "{"
		print "\tint round = wt_impl_enter(\"" r "\");"
		# Not every argument is looked at (counts go with their arrays, say).
		for (i = 1; i <= npar["S", r]; i++) print "\t(void) " pname["S", r, i] ";"
		outs = ""
		for (i = 1; i <= npar["S", r]; i++) {
			n = pname["S", r, i]; s = pstars["S", r, i]; t = ptype["S", r, i]; ro = role("S", r, i)
			if (ro == "BAD") { print "\twt_unsupported(\"'" n "' has two levels of pointers\");"; continue }
			if (ro == "CNT" || ro == "POLY") {
				if (!s) print "\twt_log(WT_RECV, " kind(r, n, ro == "POLY") ", \"" n "\", &" n ", sizeof " n ");"
				else if (ro == "POLY") outs = outs "\t*" n " = wt_poly_out(" oseed(r, n) ");\n" \
					"\twt_log(WT_RET, " kind(r, n, 1) ", \"" n "\", " n ", sizeof *" n ");\n"
				continue
			}
			if (ro == "SCALAR") {
				if (!s) { print "\twt_log(WT_RECV, " kind(r, n, 0) ", \"" n "\", &" n ", sizeof " n ");"; continue }
				if ((r, n) in inq) print "\twt_log(WT_RECV, " kind(r, n, 0) ", \"" n "\", " n ", sizeof *" n ");"
				if (isout(r, n, s)) outs = outs "\twt_fill(" n ", sizeof *" n ", " oseed(r, n) ");\n" \
					"\twt_log(WT_RET, " kind(r, n, 0) ", \"" n "\", " n ", sizeof *" n ");\n"
				continue
			}
			ci = pidx["S", r, n "Cnt"]; c = ci ? n "Cnt" : ""
			if (ro == "IARR") {
				if (!s) {
					print "\twt_loga(WT_RECV, " kind(r, n, 0) ", \"" n "\", (void *) (uintptr_t) " n ", " c ", 1);"
					continue
				}
				outs = outs "\t{\n\t\tuint32_t k = wt_count(" oseed(r, c) ");\n" \
					"\t\t*" n " = (" t ") (uintptr_t) wt_ool(" oseed(r, n) ");\n" \
					"\t\t*" c " = k;\n" \
					"\t\twt_loga(WT_RET, " kind(r, n, 0) ", \"" n "\", (void *) (uintptr_t) *" n ", k, 1);\n" \
					"\t\twt_log(WT_RET, " kind(r, c, 0) ", \"" c "\", " c ", sizeof *" c ");\n\t}\n"
				continue
			}
			if (ro == "PARR") {
				# The stub may offer room in the reply (inline data): say how much.
				print "\tif (wt_in_reply(*" n "))"
				print "\t\twt_log(WT_RECV, WT_LOCAL, \"" c ".room\", " c ", sizeof *" c ");"
				outs = outs "\t{\n\t\tuint32_t k = wt_count(" oseed(r, c) ");\n" \
					"\t\tif (wt_in_reply(*" n ") && *" c " >= k)\n" \
					"\t\t\twt_fill((void *) *" n ", k * " esize(t) ", " oseed(r, n) ");\n" \
					"\t\telse\n\t\t\t*" n " = wt_ool(" oseed(r, n) ");\n" \
					"\t\t*" c " = k;\n" \
					"\t\twt_loga(WT_RET, " kind(r, n, 0) ", \"" n "\", *" n ", k * " esize(t) ", " esize(t) ");\n" \
					"\t\twt_log(WT_RET, " kind(r, c, 0) ", \"" c "\", " c ", sizeof *" c ");\n\t}\n"
				continue
			}
			# ARR: an in array, or a buffer in the reply for the implementation to fill.
			if (c != "" && pstars["S", r, ci]) {
				print "\twt_log(WT_RECV, WT_LOCAL, \"" c ".room\", " c ", sizeof *" c ");"
				outs = outs "\t{\n\t\tuint32_t k = wt_count(" oseed(r, c) ");\n" \
					"\t\tif (k > *" c ")\n\t\t\tk = *" c ";\n" \
					"\t\twt_fill((void *) " n ", k * " esize(t) ", " oseed(r, n) ");\n" \
					"\t\t*" c " = k;\n" \
					"\t\twt_loga(WT_RET, " kind(r, n, 0) ", \"" n "\", " n ", k * " esize(t) ", " esize(t) ");\n" \
					"\t\twt_log(WT_RET, " kind(r, c, 0) ", \"" c "\", " c ", sizeof *" c ");\n\t}\n"
				continue
			}
			if (c != "") {
				print "\twt_loga(WT_RECV, " kind(r, n, 0) ", \"" n "\", " n ", " c " * " esize(t) ", " esize(t) ");"
				continue
			}
			if ((r, n) in inq || !((r, n) in inp)) {
				print "\tif (" esize(t) " == 1)"
				print "\t\twt_loga(WT_RECV, " kind(r, n, 0) ", \"" n "\", " n ", wt_strlen(" n ", WT_FIXSIZE(" t ") ? WT_FIXSIZE(" t ") : WT_BUFSZ) + 1, " esize(t) ");"
				print "\telse if (WT_FIXSIZE(" t "))"
				print "\t\twt_loga(WT_RECV, " kind(r, n, 0) ", \"" n "\", " n ", WT_FIXSIZE(" t "), " esize(t) ");"
				print "\telse"
				print "\t\twt_unsupported(\"'" n "' is a pointer without a count\");"
			}
			if ((r, n) in inp && !pconst["S", r, i]) {
				outs = outs "\tif (" esize(t) " == 1) {\n" \
					"\t\twt_str((void *) " n ", WT_FIXSIZE(" t ") ? WT_FIXSIZE(" t ") : 64, " oseed(r, n) ");\n" \
					"\t\twt_loga(WT_RET, " kind(r, n, 0) ", \"" n "\", " n ", wt_strlen(" n ", WT_BUFSZ) + 1, " esize(t) ");\n" \
					"\t} else {\n" \
					"\t\twt_fill((void *) " n ", WT_FIXSIZE(" t "), " oseed(r, n) ");\n" \
					"\t\twt_loga(WT_RET, " kind(r, n, 0) ", \"" n "\", " n ", WT_FIXSIZE(" t "), " esize(t) ");\n\t}\n"
			}
		}
		print "\tif (round)"
		print "\t\treturn WT_ERR;"
		printf "%s", outs
		print "\treturn KERN_SUCCESS;"
		print "}"
	}
	if (kserver) kdemux()
}

# The kernel's side of a KernelServer interface, for which MIG makes only the routine
# table: the reply header as GNU Mach's ipc_kobject_server prepares it, then the
# routine the server header's lookup function finds in the pairing's table.
function kdemux() {
	print ""
	print "extern mig_routine_t wtgs_" demux "_routines[];"
	print "extern mig_routine_t wtos_" demux "_routines[] __attribute__((weak));"
	print "mig_routine_t (*wt_ktable)[];"
	print "static int kdemux(mig_routine_t (*table)[], mach_msg_header_t *InP, mach_msg_header_t *OutHeadP)"
	print "{"
	print "\tmig_reply_header_t *OutP = (mig_reply_header_t *) OutHeadP;"
	print "\tconst mach_msg_type_t RetCodeType = {"
	print "\t\t.msgt_name = MACH_MSG_TYPE_INTEGER_32, .msgt_size = 32, .msgt_number = 1, .msgt_inline = TRUE,"
	print "\t};"
	print "\tmig_routine_t routine;"
	print ""
	print "\tOutP->Head.msgh_bits = MACH_MSGH_BITS(MACH_MSGH_BITS_LOCAL(InP->msgh_bits), 0);"
	print "\tOutP->Head.msgh_size = sizeof *OutP;"
	print "\tOutP->Head.msgh_remote_port = InP->msgh_local_port;"
	print "\tOutP->Head.msgh_local_port = MACH_PORT_NULL;"
	print "\tOutP->Head.msgh_seqno = 0;"
	print "\tOutP->Head.msgh_id = InP->msgh_id + 100;"
	print "\tOutP->RetCodeType = RetCodeType;"
	print "\tOutP->RetCode = MIG_BAD_ID;"
	print "\twt_ktable = table;"
	print "\tif ((routine = " demux "_routine(InP)) == 0)"
	print "\t\treturn FALSE;"
	print "\troutine(InP, OutHeadP);"
	print "\treturn TRUE;"
	print "}"
	print "int wt_kdemux_gnu(mach_msg_header_t *in, mach_msg_header_t *out);"
	print "int wt_kdemux_gnu(mach_msg_header_t *in, mach_msg_header_t *out) { return kdemux(&wtgs_" demux "_routines, in, out); }"
	print "int wt_kdemux_ours(mach_msg_header_t *in, mach_msg_header_t *out);"
	print "int wt_kdemux_ours(mach_msg_header_t *in, mach_msg_header_t *out) { return kdemux(&wtos_" demux "_routines, in, out); }"
}

# Text made safe inside a C string literal.
function cstr(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return s }
