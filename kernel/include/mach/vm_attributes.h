/* mach/vm_attributes.h - machine attributes of memory, for vm_machine_attribute. */
#ifndef _MACH_VM_ATTRIBUTES_H_
#define _MACH_VM_ATTRIBUTES_H_

/* Which attribute (bit values). */
typedef unsigned int vm_machine_attribute_t;

#define MATTR_CACHE		1	/* cachability */
#define MATTR_MIGRATE		2	/* migrability */
#define MATTR_REPLICATE		4	/* replicability */

/* What to do with it. */
typedef int vm_machine_attribute_val_t;

#define MATTR_VAL_OFF		0
#define MATTR_VAL_ON		1
#define MATTR_VAL_GET		2
#define MATTR_VAL_CACHE_FLUSH	6	/* flush all caches */
#define MATTR_VAL_DCACHE_FLUSH	7	/* flush the data cache */
#define MATTR_VAL_ICACHE_FLUSH	8	/* flush the instruction cache */

#endif /* _MACH_VM_ATTRIBUTES_H_ */
