/* mach/mach_param.h - limits of the Mach interface. */
#ifndef _MACH_MACH_PARAM_H_
#define _MACH_MACH_PARAM_H_

/* How many ports mach_ports_register keeps per task. */
#define TASK_PORT_REGISTER_MAX	4

#endif /* _MACH_MACH_PARAM_H_ */
