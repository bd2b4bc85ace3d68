/*
 * bootscript.h — GNU Mach's boot-script syntax in module command lines.
 *
 *   module /hurd/ext2fs.static ext2fs --host-priv-port=${host-port} \
 *          --device-master-port=${device-port} --exec-server-task=${exec-task} \
 *          $(task-create) $(task-resume)
 *   module /lib/ld.so exec /hurd/exec $(exec-task=task-create)
 *
 * A word `$(fn)` or `$(var=fn)` calls a function and is not passed to the program:
 * task-create makes a task of the module (and with `var=` names its task port),
 * task-resume lets it run once every module is set up. `${var}` anywhere in a word is
 * replaced by a variable's value: ports (host-port, device-port, task variables) become
 * the decimal name of a send right inserted into the module's task; text variables
 * (kernel-command-line, and each NAME=VALUE word of the kernel command line) become
 * their text.
 *
 * This file parses and expands; kern/bootstrap.c creates the tasks. Portable and
 * unit-tested on the host.
 */
#ifndef KERN_BOOTSCRIPT_H
#define KERN_BOOTSCRIPT_H

#include <stdbool.h>
#include <stddef.h>

#define BOOTSCRIPT_MAX_WORDS 256
#define BOOTSCRIPT_NAME_MAX 64
#define BOOTSCRIPT_VALUE_MAX 1024

struct bootscript_cmd {
	int nwords;
	char *words[BOOTSCRIPT_MAX_WORDS];   /* program arguments, still unexpanded */
	bool create, resume;
	char create_var[BOOTSCRIPT_NAME_MAX];  /* set by $(var=task-create), or "" */
};

/* Whether a command line uses the syntax at all. */
bool bootscript_uses_syntax(const char *cmdline);

/* Splits cmdline (modified in place) into cmd. false with err on an unknown function,
 * a malformed $(...), or too many words. */
bool bootscript_parse(char *cmdline, struct bootscript_cmd *cmd, char *err, size_t errlen);

/* Looks a variable up: writes its text into value (size len); false if undefined. */
typedef bool (*bootscript_lookup_t)(void *ctx, const char *name, char *value, size_t len);

/* Expands every ${name} in word into out; false with err if a variable is undefined,
 * a ${ is not closed, or the result does not fit. */
bool bootscript_expand(const char *word, char *out, size_t outlen, bootscript_lookup_t lookup,
		       void *ctx, char *err, size_t errlen);

#endif
