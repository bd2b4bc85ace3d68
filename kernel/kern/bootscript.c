/*
 * bootscript.c — boot-script parsing and expansion (see bootscript.h).
 */
#include <kern/bootscript.h>
#include <kern/format.h>
#include <kern/string.h>

bool bootscript_uses_syntax(const char *cmdline)
{
	for (const char *p = cmdline; *p; p++)
		if (p[0] == '$' && (p[1] == '(' || p[1] == '{'))
			return true;
	return false;
}

/* Handles one $(...) word: fn is the text between the parentheses. */
static bool apply_function(char *fn, struct bootscript_cmd *cmd, char *err, size_t errlen)
{
	char *eq = strchr(fn, '=');
	const char *name = eq ? eq + 1 : fn;
	if (strcmp(name, "task-create") == 0) {
		if (cmd->create) {
			snprintf(err, errlen, "$(task-create) given twice");
			return false;
		}
		cmd->create = true;
		if (eq) {
			*eq = '\0';
			if (!*fn || strlen(fn) >= BOOTSCRIPT_NAME_MAX) {
				snprintf(err, errlen, "bad variable name in $(%s=task-create)", fn);
				return false;
			}
			strlcpy(cmd->create_var, fn, sizeof(cmd->create_var));
		}
		return true;
	}
	if (strcmp(name, "task-resume") == 0 && !eq) {
		cmd->resume = true;
		return true;
	}
	snprintf(err, errlen, "unknown boot-script function $(%s)", fn);
	return false;
}

bool bootscript_parse(char *cmdline, struct bootscript_cmd *cmd, char *err, size_t errlen)
{
	memset(cmd, 0, sizeof(*cmd));
	char *p = cmdline;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (!*p)
			return true;
		char *w = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = '\0';
		size_t len = strlen(w);
		if (w[0] == '$' && w[1] == '(') {
			if (w[len - 1] != ')' || len < 4) {
				snprintf(err, errlen, "unterminated function call \"%s\"", w);
				return false;
			}
			w[len - 1] = '\0';
			if (!apply_function(w + 2, cmd, err, errlen))
				return false;
			continue;
		}
		if (cmd->nwords == BOOTSCRIPT_MAX_WORDS) {
			snprintf(err, errlen, "more than %d words", BOOTSCRIPT_MAX_WORDS);
			return false;
		}
		cmd->words[cmd->nwords++] = w;
	}
}

bool bootscript_expand(const char *word, char *out, size_t outlen, bootscript_lookup_t lookup,
		       void *ctx, char *err, size_t errlen)
{
	size_t o = 0;
	for (const char *p = word; *p;) {
		if (p[0] == '$' && p[1] == '{') {
			const char *close = strchr(p + 2, '}');
			size_t n = close ? (size_t)(close - (p + 2)) : 0;
			if (!close || n == 0 || n >= BOOTSCRIPT_NAME_MAX) {
				snprintf(err, errlen, "malformed variable reference in \"%s\"", word);
				return false;
			}
			char name[BOOTSCRIPT_NAME_MAX], value[BOOTSCRIPT_VALUE_MAX];
			memcpy(name, p + 2, n);
			name[n] = '\0';
			value[0] = '\0';
			if (!lookup(ctx, name, value, sizeof(value))) {
				snprintf(err, errlen, "undefined variable ${%s}", name);
				return false;
			}
			size_t vlen = strlen(value);
			if (o + vlen + 1 > outlen) {
				snprintf(err, errlen, "\"%s\" is too long once expanded", word);
				return false;
			}
			memcpy(out + o, value, vlen);
			o += vlen;
			p = close + 1;
			continue;
		}
		if (o + 1 >= outlen) {
			snprintf(err, errlen, "\"%s\" is too long once expanded", word);
			return false;
		}
		out[o++] = *p++;
	}
	out[o] = '\0';
	return true;
}
