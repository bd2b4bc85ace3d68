# probe.awk — write a C program that prints, for every parameter type of one side
# (s = "U" or "S") of the routine table, what only the compiler knows about it:
#   type, decays to a pointer, is an array typedef, size, is a char pointer, class
# (the class is __builtin_classify_type's: 5 pointer, 12 structure, ...).
# Every expression is valid whatever the type is, so one program does for all.
BEGIN {
	print "#include <stdio.h>"
	print "#include \"" h "\""
	print "#define CLASS(v) __builtin_classify_type(v)"
	print "#define SAME(v, T) __builtin_types_compatible_p(__typeof__(v), T)"
	# An array typedef is the one pointer-like type that changes under ?: (it decays).
	print "#define PROBE(name, v) printf(\"%s\\t%d\\t%d\\t%zu\\t%d\\t%d\\n\", name, \\"
	print "\tCLASS(v) == 5, CLASS(v) == 5 && !SAME(v, __typeof__(1 ? v : v)), sizeof v, \\"
	print "\tSAME(v, char *) || SAME(v, const char *), CLASS(v))"
}
$1 == s && !($6 in seen) { seen[$6] = 1; t[++n] = $6 }
END {
	for (i = 1; i <= n; i++) print t[i] " wt_p" i ";"
	print "int main(void)"
	print "{"
	for (i = 1; i <= n; i++) print "\tPROBE(\"" t[i] "\", wt_p" i ");"
	print "\treturn 0;"
	print "}"
}
