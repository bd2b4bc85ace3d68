/*
 * format.c — the kernel's printf engine (see format.h for what it accepts).
 *
 * One pass over the format; each conversion is parsed into a struct spec and printed by
 * put_number or put_string. Numbers are converted into a small local buffer, least
 * significant digit first, so no division-free tricks or allocation are needed.
 */
#include <kern/format.h>
#include <stdint.h>
#include <stdbool.h>

struct spec {
	bool left, zero, plus, space, alt;
	int width;      /* -1: none */
	int precision;  /* -1: none */
	int length;     /* 0 int, 1 long, 2 long long, -1 short, -2 char, 3 size_t */
};

struct out {
	format_sink_t sink;
	void *arg;
	int count;
};

static void emit(struct out *o, char c)
{
	o->sink(o->arg, c);
	o->count++;
}

static void emit_pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		emit(o, c);
}

static void put_string(struct out *o, const struct spec *sp, const char *s)
{
	if (!s)
		s = "(null)";
	int len = 0;
	while (s[len] && (sp->precision < 0 || len < sp->precision))
		len++;
	int pad = sp->width > len ? sp->width - len : 0;
	if (!sp->left)
		emit_pad(o, ' ', pad);
	for (int i = 0; i < len; i++)
		emit(o, s[i]);
	if (sp->left)
		emit_pad(o, ' ', pad);
}

/* Prints magnitude v in the given base, with sign or prefix already decided. */
static void put_number(struct out *o, const struct spec *sp, uint64_t v, unsigned base,
		       bool upper, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	int n = 0;

	if (v == 0 && sp->precision == 0)
		n = 0;               /* "%.0d" of zero prints no digits, as in C */
	else
		do {
			buf[n++] = digits[v % base];
			v /= base;
		} while (v);

	int plen = 0;
	while (prefix[plen])
		plen++;
	int zeros = sp->precision > n ? sp->precision - n : 0;
	int body = plen + zeros + n;
	int pad = sp->width > body ? sp->width - body : 0;
	if (sp->zero && !sp->left && sp->precision < 0) {
		zeros += pad;
		pad = 0;
	}
	if (!sp->left)
		emit_pad(o, ' ', pad);
	for (int i = 0; i < plen; i++)
		emit(o, prefix[i]);
	emit_pad(o, '0', zeros);
	while (n)
		emit(o, buf[--n]);
	if (sp->left)
		emit_pad(o, ' ', pad);
}

static const char *parse_int(const char *f, int *v)
{
	*v = 0;
	while (*f >= '0' && *f <= '9')
		*v = *v * 10 + (*f++ - '0');
	return f;
}

static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){ .width = -1, .precision = -1 };
	for (;; f++) {
		if (*f == '-') sp->left = true;
		else if (*f == '0') sp->zero = true;
		else if (*f == '+') sp->plus = true;
		else if (*f == ' ') sp->space = true;
		else if (*f == '#') sp->alt = true;
		else break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = true;
			sp->width = -sp->width;
		}
		f++;
	} else if (*f >= '0' && *f <= '9') {
		f = parse_int(f, &sp->width);
	}
	if (*f == '.') {
		f++;
		if (*f == '*') {
			sp->precision = va_arg(*ap, int);
			if (sp->precision < 0)
				sp->precision = -1;
			f++;
		} else {
			f = parse_int(f, &sp->precision);
		}
	}
	if (f[0] == 'h' && f[1] == 'h') { sp->length = -2; f += 2; }
	else if (f[0] == 'h') { sp->length = -1; f++; }
	else if (f[0] == 'l' && f[1] == 'l') { sp->length = 2; f += 2; }
	else if (f[0] == 'l' || f[0] == 'j') { sp->length = 1; f++; }
	else if (f[0] == 'z' || f[0] == 't') { sp->length = 3; f++; }
	return f;
}

static int64_t signed_arg(const struct spec *sp, va_list *ap)
{
	switch (sp->length) {
	case -2: return (signed char)va_arg(*ap, int);
	case -1: return (short)va_arg(*ap, int);
	case 0: return va_arg(*ap, int);
	case 3: return (int64_t)va_arg(*ap, size_t);
	default: return va_arg(*ap, long long);
	}
}

static uint64_t unsigned_arg(const struct spec *sp, va_list *ap)
{
	switch (sp->length) {
	case -2: return (unsigned char)va_arg(*ap, unsigned);
	case -1: return (unsigned short)va_arg(*ap, unsigned);
	case 0: return va_arg(*ap, unsigned);
	case 3: return va_arg(*ap, size_t);
	default: return va_arg(*ap, unsigned long long);
	}
}

static void put_conversion(struct out *o, char c, struct spec *sp, va_list *ap)
{
	switch (c) {
	case 'd':
	case 'i': {
		int64_t v = signed_arg(sp, ap);
		uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
		const char *sign = v < 0 ? "-" : sp->plus ? "+" : sp->space ? " " : "";
		put_number(o, sp, mag, 10, false, sign);
		break;
	}
	case 'u':
		put_number(o, sp, unsigned_arg(sp, ap), 10, false, "");
		break;
	case 'x':
	case 'X': {
		uint64_t v = unsigned_arg(sp, ap);
		put_number(o, sp, v, 16, c == 'X', sp->alt && v ? (c == 'X' ? "0X" : "0x") : "");
		break;
	}
	case 'o': {
		uint64_t v = unsigned_arg(sp, ap);
		/* With a precision, C's # raises it just enough to make the first digit 0
		 * (so "%#.0o" of 0 is "0"); a "0" prefix on top would double the zero. */
		if (sp->alt && sp->precision >= 0) {
			int digits = 0;
			for (uint64_t t = v; t; t >>= 3)
				digits++;
			if (sp->precision <= digits)
				sp->precision = digits + 1;
		}
		put_number(o, sp, v, 8, false, sp->alt && v && sp->precision < 0 ? "0" : "");
		break;
	}
	case 'p': {
		sp->precision = 16;
		put_number(o, sp, (uint64_t)(uintptr_t)va_arg(*ap, void *), 16, false, "0x");
		break;
	}
	case 'c': {
		/* Not through put_string: %c of 0 outputs a NUL character, as in C. */
		int pad = sp->width > 1 ? sp->width - 1 : 0;
		if (!sp->left)
			emit_pad(o, ' ', pad);
		emit(o, (char)va_arg(*ap, int));
		if (sp->left)
			emit_pad(o, ' ', pad);
		break;
	}
	case 's':
		put_string(o, sp, va_arg(*ap, const char *));
		break;
	default:
		/* %% and unknown conversions print the character itself. */
		emit(o, c);
		break;
	}
}

int kvformat(format_sink_t sink, void *arg, const char *fmt, va_list ap)
{
	struct out o = { sink, arg, 0 };
	va_list args;
	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			emit(&o, *fmt++);
			continue;
		}
		struct spec sp;
		fmt = parse_spec(fmt + 1, &sp, &args);
		if (!*fmt)
			break;       /* a lone '%' at the end prints nothing */
		put_conversion(&o, *fmt++, &sp, &args);
	}
	va_end(args);
	return o.count;
}

struct buf_sink {
	char *buf;
	size_t size, used;
};

static void buf_put(void *arg, char c)
{
	struct buf_sink *b = arg;
	if (b->used + 1 < b->size)
		b->buf[b->used] = c;
	b->used++;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buf_sink b = { buf, size, 0 };
	int n = kvformat(buf_put, &b, fmt, ap);
	if (size)
		buf[b.used < size ? b.used : size - 1] = '\0';
	return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
