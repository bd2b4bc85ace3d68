/*
 * device/disk_status.h - the BSD-style disk label a disk driver reports, and the
 * disk control codes.  The control codes use _IOR/_IOW, which the includer provides
 * (mach/machine/ioccom.h), as with the reference.
 */
#ifndef _DISK_STATUS_H_
#define _DISK_STATUS_H_

#define LABELSECTOR	0			/* sector holding the label */
#define LABELOFFSET	64			/* byte offset of the label in it */
#define DISKMAGIC	((unsigned int) 0x82564557U)

#ifndef MAXPARTITIONS
#define MAXPARTITIONS	8
#endif

#ifndef LOCORE
struct disklabel {
	unsigned int d_magic;			/* DISKMAGIC */
	short d_type;				/* DTYPE_* */
	short d_subtype;
	char d_typename[16];
	/* Pack name, or in a boot block the secondary boot program names. */
	union {
		char un_d_packname[16];
		struct {
			char *un_d_boot0;
			char *un_d_boot1;
		} un_b;
	} d_un;
#define d_packname	d_un.un_d_packname
#define d_boot0		d_un.un_b.un_d_boot0
#define d_boot1		d_un.un_b.un_d_boot1

	/* Geometry. */
	unsigned int d_secsize;			/* bytes per sector */
	unsigned int d_nsectors;		/* sectors per track */
	unsigned int d_ntracks;			/* tracks per cylinder */
	unsigned int d_ncylinders;
	unsigned int d_secpercyl;
	unsigned int d_secperunit;
	unsigned short d_sparespertrack;
	unsigned short d_sparespercyl;
	unsigned int d_acylinders;		/* alternate cylinders */

	/* Hardware characteristics. */
	unsigned short d_rpm;
	unsigned short d_interleave;
	unsigned short d_trackskew;
	unsigned short d_cylskew;
	unsigned int d_headswitch;		/* microseconds */
	unsigned int d_trkseek;			/* microseconds */
	unsigned int d_flags;			/* D_* below */
#define NDDATA 5
	unsigned int d_drivedata[NDDATA];	/* driver-specific */
#define NSPARE 5
	unsigned int d_spare[NSPARE];
	unsigned int d_magic2;			/* DISKMAGIC again */
	unsigned short d_checksum;		/* xor of the label's words */

	/* File system and partition information. */
	unsigned short d_npartitions;
	unsigned int d_bbsize;			/* boot area size */
	unsigned int d_sbsize;			/* superblock size */
	struct partition {
		unsigned int p_size;		/* sectors */
		unsigned int p_offset;		/* first sector */
		unsigned int p_fsize;		/* file system fragment size */
		unsigned char p_fstype;		/* FS_* */
		unsigned char p_frag;
		unsigned short p_cpg;		/* cylinders per group */
	} d_partitions[MAXPARTITIONS + 1];
};
#else /* LOCORE: offsets for assembler code */
	.set	d_secsize, 40
	.set	d_nsectors, 44
	.set	d_ntracks, 48
	.set	d_ncylinders, 52
	.set	d_secpercyl, 56
	.set	d_secperunit, 60
	.set	d_end_, 276
#endif /* LOCORE */

/* d_type */
#define DTYPE_SMD	1
#define DTYPE_MSCP	2
#define DTYPE_DEC	3
#define DTYPE_SCSI	4
#define DTYPE_ESDI	5
#define DTYPE_ST506	6
#define DTYPE_FLOPPY	10

#ifdef DKTYPENAMES
static char *dktypenames[] = {
	"unknown", "SMD", "MSCP", "old DEC", "SCSI", "ESDI", "type 6",
	"type 7", "type 8", "type 9", "floppy", 0
};
#define DKMAXTYPES	(sizeof(dktypenames) / sizeof(dktypenames[0]) - 1)
#endif

/* p_fstype */
#define FS_UNUSED	0
#define FS_SWAP		1
#define FS_V6		2
#define FS_V7		3
#define FS_SYSV		4
#define FS_V71K		5	/* V7 with 1 KiB blocks (4.1BSD) */
#define FS_V8		6
#define FS_BSDFFS	7
#define FS_LINUXFS	8

#ifdef DKTYPENAMES
static char *fstypenames[] = {
	"unused", "swap", "Version 6", "Version 7", "System V", "4.1BSD",
	"Eighth Edition", "4.2BSD", "Linux", 0
};
#define FSMAXTYPES	(sizeof(fstypenames) / sizeof(fstypenames[0]) - 1)
#endif

/* d_flags */
#define D_REMOVABLE	0x01
#define D_ECC		0x02
#define D_BADSECT	0x04	/* uses bad-sector forwarding */
#define D_RAMDISK	0x08
#define D_CHAIN		0x10	/* can do back-to-back transfers */

/* d_drivedata for SMD and similar drives. */
#define d_smdflags	d_drivedata[0]
#define D_SSE		0x1	/* skip sectors with errors */
#define d_mindist	d_drivedata[1]
#define d_maxdist	d_drivedata[2]
#define d_sdist		d_drivedata[3]

/* d_drivedata for ST506 drives. */
#define d_precompcyl	d_drivedata[0]
#define d_gap3		d_drivedata[1]	/* for formatting */

/* d_drivedata for floppies (and d_gap3 as above). */
#define d_step		d_drivedata[2]

#ifndef LOCORE
/* Argument of the format calls. */
struct format_op {
	char *df_buf;
	int df_count;			/* bytes */
	recnum_t df_startblk;
	int df_reg[8];			/* controller registers */
};

#define DIOCGDINFO	_IOR('d', 101, struct disklabel)
#define DIOCSDINFO	_IOW('d', 102, struct disklabel)
#define DIOCWDINFO	_IOW('d', 103, struct disklabel)
#define DIOCRFORMAT	_IOWR('d', 105, struct format_op)
#define DIOCWFORMAT	_IOWR('d', 106, struct format_op)
#define DIOCSSTEP	_IOW('d', 107, int)
#define DIOCSRETRIES	_IOW('d', 108, int)
#define DIOCWLABEL	_IOW('d', 109, int)
#define DIOCSBAD	_IOW('d', 110, struct dkbad)
#endif /* LOCORE */

#endif /* _DISK_STATUS_H_ */
