/*
 * mach/x86_64/fp_reg.h - the floating-point save areas that i386_FLOAT_STATE and
 * i386_XFLOAT_STATE carry, and the x87 control/status word bits.
 */
#ifndef _MACH_I386_FP_REG_H_
#define _MACH_I386_FP_REG_H_

/* Legacy FSAVE environment (28 bytes), followed in FSAVE order by the registers. */
struct i386_fp_save {
	unsigned short fp_control;
	unsigned short fp_unused_1;
	unsigned short fp_status;
	unsigned short fp_unused_2;
	unsigned short fp_tag;
	unsigned short fp_unused_3;
	unsigned int fp_eip;
	unsigned short fp_cs;
	unsigned short fp_opcode;
	unsigned int fp_dp;
	unsigned short fp_ds;
	unsigned short fp_unused_4;
};

/* The eight 80-bit x87 registers, five 16-bit words each. */
struct i386_fp_regs {
	unsigned short fp_reg_word[8][5];
};

/* Bit 63 of xcomp_bv: the XSAVE area uses the compacted format. */
#define XSAVE_XCOMP_BV_COMPACT	(((unsigned long long)1) << 63)

/* The 64-byte XSAVE header that follows the legacy 512-byte FXSAVE area. */
struct i386_xfp_xstate_header {
	unsigned long long xfp_features;
	unsigned long long xcomp_bv;
	unsigned long long reserved[6];
} __attribute__((packed));

/* FXSAVE/XSAVE image; the processor requires 64-byte alignment. */
struct i386_xfp_save {
	unsigned short fp_control;
	unsigned short fp_status;
	unsigned short fp_tag;		/* abridged tag word */
	unsigned short fp_opcode;
	unsigned int fp_eip;
	unsigned short fp_cs;
	unsigned short fp_eip3;
	unsigned int fp_dp;
	unsigned short fp_ds;
	unsigned short fp_dp3;
	unsigned int fp_mxcsr;
	unsigned int fp_mxcsr_mask;
	unsigned char fp_reg_word[8][16];	/* st0-st7 / mm0-mm7 */
	unsigned char fp_xreg_word[16][16];	/* xmm0-xmm15 */
	unsigned int padding[24];
	struct i386_xfp_xstate_header header;
	unsigned char extended[0];		/* AVX and later components */
} __attribute__((packed, aligned(64)));

/* x87 control word. */
#define FPC_IE		0x0001	/* exception masks: invalid operation, */
#define FPC_IM		FPC_IE
#define FPC_DE		0x0002	/* denormal, */
#define FPC_DM		FPC_DE
#define FPC_ZE		0x0004	/* zero divide, */
#define FPC_ZM		FPC_ZE
#define FPC_OE		0x0008	/* overflow, */
#define FPC_OM		FPC_OE
#define FPC_UE		0x0010	/* underflow, */
#define FPC_PE		0x0020	/* precision */
#define FPC_PC		0x0300	/* precision control field */
#define FPC_PC_24	0x0000
#define FPC_PC_53	0x0200
#define FPC_PC_64	0x0300
#define FPC_RC		0x0c00	/* rounding control field */
#define FPC_RC_RN	0x0000	/* nearest */
#define FPC_RC_RD	0x0400	/* down */
#define FPC_RC_RU	0x0800	/* up */
#define FPC_RC_CHOP	0x0c00	/* toward zero */
#define FPC_IC		0x1000	/* infinity control (287 only) */
#define FPC_IC_PROJ	0x0000
#define FPC_IC_AFF	0x1000

/* x87 status word. */
#define FPS_IE		0x0001
#define FPS_DE		0x0002
#define FPS_ZE		0x0004
#define FPS_OE		0x0008
#define FPS_UE		0x0010
#define FPS_PE		0x0020
#define FPS_SF		0x0040	/* stack fault */
#define FPS_ES		0x0080	/* error summary */
#define FPS_C0		0x0100
#define FPS_C1		0x0200
#define FPS_C2		0x0400
#define FPS_TOS		0x3800	/* top-of-stack field */
#define FPS_TOS_SHIFT	11
#define FPS_C3		0x4000
#define FPS_BUSY	0x8000

#ifdef MACH_KERNEL
/* What kind of floating-point unit the kernel found. */
#define FP_NO		0
#define FP_SOFT		1
#define FP_287		2
#define FP_387		3
#define FP_387FX	4	/* FXSAVE/FXRSTOR */
#define FP_387X		5	/* XSAVE/XRSTOR */
#endif

#endif /* _MACH_I386_FP_REG_H_ */
