#include <mach/mach_types.h>
#include <sys/types.h>
typedef char *data_t; typedef const char *const_data_t;
typedef char string_t[1024]; typedef const char *const_string_t;
typedef int64_t loff_t; typedef unsigned retry_type; typedef mach_port_t io_t;
typedef mach_port_t *portarray_t; typedef const mach_port_t *const_portarray_t;
