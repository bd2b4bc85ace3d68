/* mach/macro_help.h - statement brackets for multi-statement macros. */
#ifndef _MACRO_HELP_H_
#define _MACRO_HELP_H_ 1

#define MACRO_BEGIN	do {
#define MACRO_END	} while (0)
#define MACRO_RETURN	if (1) return

#endif /* _MACRO_HELP_H_ */
