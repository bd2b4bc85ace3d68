/*
 * msgt.c — the MACH_MSG_TYPE_* names a .defs file may use, their numbers,
 * their natural sizes on x86_64, and how port rights change in transit
 * (MAKE_SEND is received as a send right, and so on).
 */
#include <string.h>

#include "mig.h"

struct msgt_entry {
	const char *symbol;
	int value;
	unsigned bits;	/* 0: must be given as (name, size) */
};

static const struct msgt_entry table[] = {
	/* BOOLEAN first: names share the value 0, and sizes go by value */
	{ "MACH_MSG_TYPE_BOOLEAN", 0, 32 },
	{ "MACH_MSG_TYPE_UNSTRUCTURED", 0, 0 },
	{ "MACH_MSG_TYPE_BIT", 0, 0 },
	{ "MACH_MSG_TYPE_INTEGER_16", 1, 16 },
	{ "MACH_MSG_TYPE_INTEGER_32", 2, 32 },
	{ "MACH_MSG_TYPE_CHAR", 8, 8 },
	{ "MACH_MSG_TYPE_BYTE", 9, 8 },
	{ "MACH_MSG_TYPE_INTEGER_8", 9, 8 },
	{ "MACH_MSG_TYPE_REAL", 10, 0 },
	{ "MACH_MSG_TYPE_INTEGER_64", 11, 64 },
	{ "MACH_MSG_TYPE_STRING", 12, 0 },
	{ "MACH_MSG_TYPE_STRING_C", 12, 0 },
	{ "MACH_MSG_TYPE_PORT_NAME", 15, 32 },
	{ "MACH_MSG_TYPE_MOVE_RECEIVE", 16, 64 },
	{ "MACH_MSG_TYPE_MOVE_SEND", 17, 64 },
	{ "MACH_MSG_TYPE_MOVE_SEND_ONCE", 18, 64 },
	{ "MACH_MSG_TYPE_COPY_SEND", 19, 64 },
	{ "MACH_MSG_TYPE_MAKE_SEND", 20, 64 },
	{ "MACH_MSG_TYPE_MAKE_SEND_ONCE", 21, 64 },
	{ "MACH_MSG_TYPE_PORT_RECEIVE", MSGT_PORT_RECEIVE_SYM, 64 },
	{ "MACH_MSG_TYPE_PORT_SEND", MSGT_PORT_SEND_SYM, 64 },
	{ "MACH_MSG_TYPE_PORT_SEND_ONCE", MSGT_PORT_SEND_ONCE_SYM, 64 },
	{ "MACH_MSG_TYPE_POLYMORPHIC", MSGT_POLY, 0 },
};

int msgt_lookup(const char *symbol)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(table[i].symbol, symbol) == 0)
			return table[i].value;
	return MSGT_NONE;
}

/* Names as GNU MIG prints them: the first table entry with the value wins,
 * except that received rights read as PORT_* names. */
const char *msgt_symbol(int name, bool received)
{
	if (received) {
		switch (name) {
		case 16: return "MACH_MSG_TYPE_PORT_RECEIVE";
		case 17: return "MACH_MSG_TYPE_PORT_SEND";
		case 18: return "MACH_MSG_TYPE_PORT_SEND_ONCE";
		}
	}
	switch (name) {
	case 0: return "MACH_MSG_TYPE_BOOLEAN";
	case 9: return "MACH_MSG_TYPE_BYTE";
	case 12: return "MACH_MSG_TYPE_STRING_C";
	}
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].value == name)
			return table[i].symbol;
	return NULL;	/* a number with no name: the caller prints it */
}

unsigned msgt_bits(int name)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].value == name)
			return table[i].bits;
	return 0;
}

bool msgt_is_port(int name)
{
	return name == MSGT_POLY || (name >= 16 && name <= 21) ||
	       (name >= MSGT_PORT_RECEIVE_SYM && name <= MSGT_PORT_SEND_ONCE_SYM);
}

int msgt_sent(int name)
{
	if (name >= MSGT_PORT_RECEIVE_SYM && name <= MSGT_PORT_SEND_ONCE_SYM)
		return MSGT_POLY;
	return name;
}

int msgt_received(int name)
{
	switch (name) {
	case MSGT_PORT_RECEIVE_SYM: return 16;
	case MSGT_PORT_SEND_SYM: return 17;
	case MSGT_PORT_SEND_ONCE_SYM: return 18;
	case 19: case 20: return 17;	/* COPY_SEND, MAKE_SEND */
	case 21: return 18;		/* MAKE_SEND_ONCE */
	}
	return name;
}
