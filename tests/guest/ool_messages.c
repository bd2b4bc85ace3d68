/*
 * ool_messages.c — out-of-line memory between two tasks started by a boot script (as
 * ipc_two_tasks: the client plants the service receive right in the server). Sizes 0, 1,
 * 4095, 4096, 4097, 64 KiB, 1 MiB and 16 MiB, each from a page start and from offset 123,
 * each with and without msgt_deallocate: the server checks every byte of the position-
 * dependent pattern, that the region sits at a fresh address with the sender's offset in
 * its page (GNU Mach's vm_map_copyout), read/write with maximum VM_PROT_ALL; it flips
 * the first byte and sends the region back with msgt_deallocate (gone from its map
 * afterwards). The client checks the echo, that the server's write never reached its
 * own copy, and that a deallocated range is unmapped. Port rights out of line (arrays of
 * 32-bit names, msgt_size 32): MAKE_SEND, COPY_SEND and MOVE_RECEIVE arrive as names
 * valid in the server. Errors: an out-of-line pointer unmapped, unreadable or outside user
 * space is MACH_SEND_INVALID_MEMORY; a bad name in a port array is MACH_SEND_INVALID_RIGHT
 * with nothing sent and no reference taken; MACH_RCV_TOO_LARGE with MACH_RCV_LARGE keeps
 * the message (and its memory) for the next receive, without it the memory is freed.
 * Guest RAM is 128 MiB (run-guest's -m): the 16 MiB cases stay well inside it.
 */
//! modules() {
//!   printf '%s|%s\n' "$test_path" '/boot/ool_messages client ${server-task} $(task-create) $(task-resume)'
//!   printf '%s|%s\n' "$test_path" '/boot/ool_messages server $(server-task=task-create) $(task-resume)'
//! }
//! timeout=300
//! expect '^server: [0-9]+ regions checked'
//! expect '^kernel: every task exited with status 0; the test run passed$'
//! reject 'FAIL:'
#include "guest_vm.h"
#include <mach/vm_prot.h>
#include <mach/vm_inherit.h>

#define P GVM_PAGE
#define SERVICE_NAME 0x200
#define ID_DATA 600
#define ID_PORTS 601
#define ID_QUIT 602
#define NPORTS 3

static mach_port_t self;

struct data_req {
	mach_msg_header_t h;
	mach_msg_type_t info_t;
	uint64_t size, offset, seed;
	mach_msg_type_t data_t;
	vm_offset_t data;
};

struct data_rep {
	mach_msg_header_t h;
	mach_msg_type_t res_t;
	int64_t bad, offset_seen, region_ok;
	mach_msg_type_t data_t;
	vm_offset_t data;
};

struct ports_req {
	mach_msg_header_t h;
	mach_msg_type_t ports_t;
	vm_offset_t ports;
};

struct ports_rep {
	mach_msg_header_t h;
	mach_msg_type_t res_t;
	int64_t ok;
};

static union {
	mach_msg_header_t h;
	struct data_req data_req;
	struct data_rep data_rep;
	struct ports_req ports_req;
	struct ports_rep ports_rep;
	char bytes[512];
} buf;

static mach_msg_type_t ool_type(unsigned name, unsigned bits, uint32_t number, int dealloc)
{
	return (mach_msg_type_t){ .msgt_name = name, .msgt_size = bits, .msgt_number = number,
				  .msgt_inline = 0, .msgt_deallocate = dealloc ? 1 : 0 };
}

/* ---- The server. ---- */

static int regions_checked;

static void serve_data(void)
{
	struct data_req *q = &buf.data_req;
	size_t size = q->size, offset = q->offset;
	uint32_t seed = (uint32_t)q->seed;
	vm_address_t got = q->data;
	int64_t bad = 0, region_ok = 1;
	CHECK_EQ(q->data_t.msgt_inline, 0);
	CHECK_EQ(q->data_t.msgt_name, MACH_MSG_TYPE_BYTE);
	CHECK_EQ(q->data_t.msgt_number, size);
	if (size == 0) {
		CHECK_EQ(got, 0);                /* no memory: address 0 */
	} else {
		CHECK_EQ(got % P, offset);       /* the sender's offset in the page */
		bad = (int64_t)gvm_mismatches((uint8_t *)got, size, seed);
		struct gvm_region r;
		vm_address_t start = GVM_TRUNC(got), end = GVM_ROUND(got + size);
		region_ok = gvm_region(self, start, &r) == KERN_SUCCESS && r.address <= start &&
			    r.address + r.size >= end && r.prot == VM_PROT_DEFAULT && r.max_prot == VM_PROT_ALL &&
			    r.inherit == VM_INHERIT_DEFAULT;
		((volatile uint8_t *)got)[0] ^= 0xff;   /* must not reach the sender */
		regions_checked++;
	}
	mach_port_t reply_to = q->h.msgh_remote_port;
	buf.data_rep = (struct data_rep){
		.h = { .msgh_bits = MACH_MSGH_BITS_COMPLEX | MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0),
		       .msgh_size = sizeof(struct data_rep), .msgh_remote_port = reply_to, .msgh_id = ID_DATA + 100 },
		.res_t = { .msgt_name = MACH_MSG_TYPE_INTEGER_64, .msgt_size = 64, .msgt_number = 3, .msgt_inline = 1 },
		.bad = bad, .offset_seen = (int64_t)(got % P), .region_ok = region_ok,
		.data_t = ool_type(MACH_MSG_TYPE_BYTE, 8, (uint32_t)size, 1),
		.data = got,
	};
}

static void serve_ports(void)
{
	struct ports_req *q = &buf.ports_req;
	int64_t ok = q->ports_t.msgt_inline == 0 && q->ports_t.msgt_size == 32 &&
		     q->ports_t.msgt_number == NPORTS && q->ports != 0;
	mach_msg_type_name_t kind = q->ports_t.msgt_name;
	mach_port_t *names = (mach_port_t *)q->ports;
	for (int i = 0; ok && i < NPORTS; i++) {
		mach_port_type_t type = 0;
		ok = mach_port_type(self, names[i], &type) == KERN_SUCCESS;
		if (kind == MACH_MSG_TYPE_PORT_SEND) {
			/* Say hello on each: the client receives it on its port i. */
			mach_msg_header_t hello = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND, 0),
						    .msgh_size = sizeof(hello), .msgh_remote_port = names[i],
						    .msgh_id = 900 + i };
			ok = ok && (type & MACH_PORT_TYPE_SEND) &&
			     mach_msg_trap(&hello, MACH_SEND_MSG, sizeof(hello), 0, 0, 0, 0) == MACH_MSG_SUCCESS;
		} else if (kind == MACH_MSG_TYPE_PORT_RECEIVE) {
			/* Receive rights: the client's message is waiting on each. */
			mach_msg_header_t in[8];
			ok = ok && (type & MACH_PORT_TYPE_RECEIVE) &&
			     mach_msg_trap(in, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(in), names[i], 1000, 0) ==
				     MACH_MSG_SUCCESS && in[0].msgh_id == 800 + i;
			mach_port_destroy(self, names[i]);
		} else {
			ok = 0;
		}
	}
	if (q->ports)
		CHECK_EQ(vm_deallocate(self, q->ports, NPORTS * sizeof(mach_port_t)), KERN_SUCCESS);
	mach_port_t reply_to = q->h.msgh_remote_port;
	buf.ports_rep = (struct ports_rep){
		.h = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0),
		       .msgh_size = sizeof(struct ports_rep), .msgh_remote_port = reply_to, .msgh_id = ID_PORTS + 100 },
		.res_t = { .msgt_name = MACH_MSG_TYPE_INTEGER_64, .msgt_size = 64, .msgt_number = 1, .msgt_inline = 1 },
		.ok = ok,
	};
}

static int server(void)
{
	mach_msg_return_t mr;
	while ((mr = mach_msg_trap(&buf.h, MACH_RCV_MSG, 0, sizeof(buf), SERVICE_NAME, 0, 0)) ==
	       MACH_RCV_INVALID_NAME)
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 10);
	vm_address_t echoed = 0, echoed_end = 0;
	while (mr == MACH_MSG_SUCCESS && buf.h.msgh_id != ID_QUIT) {
		if (echoed_end) {                /* the last echo went with msgt_deallocate */
			/* Unless this message's own region was just mapped there (first fit
			 * reuses the freed range), nothing is left of it. */
			if (buf.h.msgh_id != ID_DATA)
				CHECK(gvm_unmapped(self, echoed, echoed_end - echoed));
			echoed_end = 0;
		}
		if (buf.h.msgh_id == ID_DATA) {
			serve_data();
			if (buf.data_rep.data_t.msgt_number) {
				echoed = GVM_TRUNC(buf.data_rep.data);
				echoed_end = GVM_ROUND(buf.data_rep.data + buf.data_rep.data_t.msgt_number);
			}
		} else if (buf.h.msgh_id == ID_PORTS) {
			serve_ports();
		} else {
			CHECK(!"unknown request");
			break;
		}
		mr = mach_msg_trap(&buf.h, MACH_SEND_MSG | MACH_RCV_MSG, buf.h.msgh_size, sizeof(buf),
				   SERVICE_NAME, 0, 0);
	}
	CHECK_EQ(mr, MACH_MSG_SUCCESS);
	guest_print("server: ");
	guest_print_dec(regions_checked);
	guest_print(" regions checked\n");
	return guest_finish();
}

/* ---- The client. ---- */

static mach_port_t service, reply;

static mach_port_t plant_service(mach_port_t server_task)
{
	mach_port_t s = MACH_PORT_NULL;
	CHECK_EQ(syscall_mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &s), KERN_SUCCESS);
	CHECK_EQ(syscall_mach_port_insert_right(self, s, s, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	CHECK_EQ(syscall_mach_port_insert_right(server_task, SERVICE_NAME, s, MACH_MSG_TYPE_MOVE_RECEIVE),
		 KERN_SUCCESS);
	return s;
}

static mach_msg_return_t rpc(mach_msg_size_t size)
{
	buf.h.msgh_bits |= MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE);
	buf.h.msgh_remote_port = service;
	buf.h.msgh_local_port = reply;
	buf.h.msgh_size = size;
	return mach_msg_trap(&buf.h, MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_TIMEOUT, size, sizeof(buf), reply,
			     60000, 0);
}

static void data_case(size_t size, size_t offset, int dealloc, uint32_t seed)
{
	vm_size_t span = GVM_ROUND(offset + size ? offset + size : 1);
	vm_address_t base = 0;
	CHECK_EQ(vm_allocate(self, &base, span, TRUE), KERN_SUCCESS);
	if (!base)
		return;
	uint8_t *src = (uint8_t *)(base + offset);
	gvm_fill(src, size, seed);
	buf.data_req = (struct data_req){
		.h = { .msgh_bits = MACH_MSGH_BITS_COMPLEX, .msgh_id = ID_DATA },
		.info_t = { .msgt_name = MACH_MSG_TYPE_INTEGER_64, .msgt_size = 64, .msgt_number = 3, .msgt_inline = 1 },
		.size = size, .offset = offset, .seed = seed,
		.data_t = ool_type(MACH_MSG_TYPE_BYTE, 8, (uint32_t)size, dealloc),
		.data = (vm_offset_t)src,
	};
	mach_msg_return_t mr = rpc(sizeof(struct data_req));
	CHECK_EQ(mr, MACH_MSG_SUCCESS);
	if (mr != MACH_MSG_SUCCESS)
		return;
	struct data_rep *r = &buf.data_rep;
	CHECK_EQ(r->h.msgh_id, ID_DATA + 100);
	CHECK_EQ(r->bad, 0);
	CHECK_EQ(r->region_ok, 1);
	CHECK_EQ(r->data_t.msgt_number, size);
	if (size) {
		CHECK_EQ(r->offset_seen, offset);
		vm_address_t echo = r->data;
		CHECK_EQ(echo % P, offset);
		CHECK_EQ(gvm_mismatches((uint8_t *)echo, size, seed), 1);   /* the server's flip */
		CHECK_EQ(((uint8_t *)echo)[0], (uint8_t)~gvm_byte(0, seed));
		CHECK_EQ(vm_deallocate(self, echo, size), KERN_SUCCESS);
	} else {
		CHECK_EQ(r->data, 0);
	}
	if (dealloc && size) {
		CHECK(gvm_unmapped(self, base, span));      /* sent away: the pages are gone */
		vm_offset_t data;
		mach_msg_type_number_t n;
		CHECK_EQ(vm_read(self, (vm_address_t)src, size, &data, &n), KERN_INVALID_ADDRESS);
	} else {
		CHECK_EQ(gvm_mismatches(src, size, seed), 0);  /* the server's write is not ours */
		CHECK_EQ(vm_deallocate(self, base, span), KERN_SUCCESS);
	}
}

static void check_data(void)
{
	static const size_t sizes[] = { 0, 1, 4095, 4096, 4097, 64 << 10, 1 << 20, 16 << 20 };
	uint32_t seed = 1;
	for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		for (int offset = 0; offset <= 123; offset += 123)
			for (int dealloc = 0; dealloc <= 1; dealloc++)
				data_case(sizes[i], (size_t)offset, dealloc, seed++);
}

static void ports_case(mach_msg_type_name_t disp)
{
	mach_port_t ports[NPORTS];
	for (int i = 0; i < NPORTS; i++) {
		CHECK_EQ(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &ports[i]), KERN_SUCCESS);
		if (disp != MACH_MSG_TYPE_MAKE_SEND)
			CHECK_EQ(mach_port_insert_right(self, ports[i], ports[i], MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	}
	if (disp == MACH_MSG_TYPE_MOVE_RECEIVE)
		for (int i = 0; i < NPORTS; i++) {       /* a message waits on each */
			mach_msg_header_t m = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0),
						.msgh_size = sizeof(m), .msgh_remote_port = ports[i], .msgh_id = 800 + i };
			CHECK_EQ(mach_msg_trap(&m, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0), MACH_MSG_SUCCESS);
		}
	buf.ports_req = (struct ports_req){
		.h = { .msgh_bits = MACH_MSGH_BITS_COMPLEX, .msgh_id = ID_PORTS },
		.ports_t = ool_type(disp, 32, NPORTS, 0),
		.ports = (vm_offset_t)ports,
	};
	CHECK_EQ(rpc(sizeof(struct ports_req)), MACH_MSG_SUCCESS);
	CHECK_EQ(buf.h.msgh_id, ID_PORTS + 100);
	CHECK_EQ(buf.ports_rep.ok, 1);
	mach_port_type_t type;
	for (int i = 0; i < NPORTS; i++) {
		if (disp == MACH_MSG_TYPE_MOVE_RECEIVE) {
			/* The receive rights left; our send rights stay under the names. */
			CHECK_EQ(mach_port_type(self, ports[i], &type), KERN_SUCCESS);
			CHECK(!(type & MACH_PORT_TYPE_RECEIVE));
		} else {
			mach_msg_header_t in[8];
			CHECK_EQ(mach_msg_trap(in, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(in), ports[i], 1000, 0),
				 MACH_MSG_SUCCESS);
			CHECK_EQ(in[0].msgh_id, 900 + i);
			if (disp == MACH_MSG_TYPE_COPY_SEND) {
				mach_port_urefs_t refs = 0;
				CHECK_EQ(mach_port_get_refs(self, ports[i], MACH_PORT_RIGHT_SEND, &refs), KERN_SUCCESS);
				CHECK_EQ(refs, 1);               /* copied, not moved */
			}
		}
		mach_port_destroy(self, ports[i]);
	}
}

struct ool_msg {
	mach_msg_header_t h;
	mach_msg_type_t t;
	vm_offset_t data;
};

static mach_msg_return_t send_ool(mach_port_t to, vm_offset_t data, unsigned name, unsigned bits,
				  uint32_t number, int dealloc)
{
	struct ool_msg m = {
		.h = { .msgh_bits = MACH_MSGH_BITS_COMPLEX | MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0),
		       .msgh_size = sizeof(m), .msgh_remote_port = to, .msgh_id = 77 },
		.t = ool_type(name, bits, number, dealloc),
		.data = data,
	};
	return mach_msg_trap(&m.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(m), 0, 0, 0, 0);
}

static void check_errors(void)
{
	mach_port_t p = gvm_port();
	vm_address_t a = 0, gone = 0;
	CHECK_EQ(vm_allocate(self, &a, 4 * P, TRUE), KERN_SUCCESS);
	CHECK_EQ(vm_allocate(self, &gone, 2 * P, TRUE), KERN_SUCCESS);
	CHECK_EQ(vm_deallocate(self, gone, 2 * P), KERN_SUCCESS);
	gvm_fill((uint8_t *)a, 4 * P, 99);
	/* Bad memory: nothing is queued. */
	CHECK_EQ(send_ool(p, gone, MACH_MSG_TYPE_BYTE, 8, P, 0), MACH_SEND_INVALID_MEMORY);
	CHECK_EQ(send_ool(p, a + 3 * P, MACH_MSG_TYPE_BYTE, 8, 2 * P, 0), MACH_SEND_INVALID_MEMORY);
	CHECK_EQ(send_ool(p, 0xffff800000001000ul, MACH_MSG_TYPE_BYTE, 8, P, 0), MACH_SEND_INVALID_MEMORY);
	CHECK_EQ(send_ool(p, 0x800000000000ul, MACH_MSG_TYPE_BYTE, 8, P, 0), MACH_SEND_INVALID_MEMORY);
	CHECK_EQ(vm_protect(self, a + 3 * P, P, FALSE, VM_PROT_NONE), KERN_SUCCESS);
	CHECK_EQ(send_ool(p, a + 3 * P, MACH_MSG_TYPE_BYTE, 8, P, 0), MACH_SEND_INVALID_MEMORY);
	CHECK_EQ(vm_protect(self, a + 3 * P, P, FALSE, VM_PROT_DEFAULT), KERN_SUCCESS);
	mach_msg_header_t in[16];
	CHECK_EQ(mach_msg_trap(in, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(in), p, 0, 0), MACH_RCV_TIMED_OUT);

	/* A port array with a bad name: MACH_SEND_INVALID_RIGHT, nothing sent, the good
	 * right's references as they were. */
	mach_port_t good = gvm_port(), names[3] = { good, 0x7777, good };
	mach_port_urefs_t refs = 0;
	CHECK_EQ(send_ool(p, (vm_offset_t)names, MACH_MSG_TYPE_COPY_SEND, 32, 3, 0), MACH_SEND_INVALID_RIGHT);
	CHECK_EQ(mach_port_get_refs(self, good, MACH_PORT_RIGHT_SEND, &refs), KERN_SUCCESS);
	CHECK_EQ(refs, 1);
	CHECK_EQ(mach_msg_trap(in, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(in), p, 0, 0), MACH_RCV_TIMED_OUT);
	/* Null and dead names are carried as they are. */
	mach_port_t odd[3] = { MACH_PORT_NULL, good, MACH_PORT_DEAD };
	CHECK_EQ(send_ool(p, (vm_offset_t)odd, MACH_MSG_TYPE_COPY_SEND, 32, 3, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(mach_msg_trap(in, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(in), p, 0, 0), MACH_MSG_SUCCESS);
	struct ool_msg *got = (struct ool_msg *)in;
	mach_port_t *arr = (mach_port_t *)got->data;
	CHECK_EQ(got->t.msgt_name, MACH_MSG_TYPE_PORT_SEND);
	CHECK_EQ(got->t.msgt_number, 3);
	CHECK_EQ(arr[0], MACH_PORT_NULL);
	CHECK_EQ(arr[1], good);                        /* our own right: the same name */
	CHECK_EQ(arr[2], MACH_PORT_DEAD);
	CHECK_EQ(mach_port_get_refs(self, good, MACH_PORT_RIGHT_SEND, &refs), KERN_SUCCESS);
	CHECK_EQ(refs, 2);
	CHECK_EQ(vm_deallocate(self, got->data, 3 * sizeof(mach_port_t)), KERN_SUCCESS);

	/* MACH_RCV_TOO_LARGE: with MACH_RCV_LARGE the message and its memory stay. */
	long f0 = gvm_free_pages();
	CHECK_EQ(send_ool(p, a, MACH_MSG_TYPE_BYTE, 8, 4 * P, 0), MACH_MSG_SUCCESS);
	((volatile uint8_t *)a)[0] ^= 0xff;          /* after the send: not in the message */
	CHECK_EQ(mach_msg_trap(in, MACH_RCV_MSG | MACH_RCV_TIMEOUT | MACH_RCV_LARGE, 0, sizeof(mach_msg_header_t),
			       p, 0, 0), MACH_RCV_TOO_LARGE);
	CHECK_EQ(in[0].msgh_size, sizeof(struct ool_msg));
	CHECK_EQ(mach_msg_trap(in, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(in), p, 0, 0), MACH_MSG_SUCCESS);
	CHECK_EQ(got->t.msgt_number, 4 * P);
	CHECK_EQ(gvm_mismatches((uint8_t *)got->data, 4 * P, 99), 0);
	CHECK_EQ(vm_deallocate(self, got->data, 4 * P), KERN_SUCCESS);
	((volatile uint8_t *)a)[0] ^= 0xff;
	/* Without it the message is destroyed, its memory with it. */
	vm_address_t big = 0;
	CHECK_EQ(vm_allocate(self, &big, 256 * P, TRUE), KERN_SUCCESS);
	gvm_touch((uint8_t *)big, 256 * P);
	long f1 = gvm_free_pages();
	CHECK_EQ(send_ool(p, big, MACH_MSG_TYPE_BYTE, 8, 256 * P, 1), MACH_MSG_SUCCESS);
	CHECK(gvm_unmapped(self, big, 256 * P));
	CHECK_EQ(mach_msg_trap(in, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(mach_msg_header_t), p, 0, 0),
		 MACH_RCV_TOO_LARGE);
	CHECK_EQ(mach_msg_trap(in, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(in), p, 0, 0), MACH_RCV_TIMED_OUT);
	long f2 = gvm_free_pages();
	CHECK(f2 - f1 >= 250);                        /* the 256 pages were freed */
	CHECK(f0 - f2 < 16);
	CHECK_EQ(vm_deallocate(self, a, 4 * P), KERN_SUCCESS);
	mach_port_destroy(self, p);
	mach_port_destroy(self, good);
}

static int client(int argc, char **argv)
{
	CHECK_EQ(argc, 3);
	if (argc < 3)
		return guest_finish();
	mach_port_t server_task = gvm_parse_port(argv[2]);
	service = plant_service(server_task);
	reply = mach_reply_port();
	mach_msg_header_t quit = { .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0),
				   .msgh_size = sizeof(quit), .msgh_remote_port = service, .msgh_id = ID_QUIT };
	vm_address_t probe = 0;
	kern_return_t kr = vm_allocate(self, &probe, P, TRUE);
	CHECK_EQ(kr, KERN_SUCCESS);
	if (kr != KERN_SUCCESS) {                /* no VM calls at all: say so once */
		mach_msg_trap(&quit, MACH_SEND_MSG, sizeof(quit), 0, 0, 0, 0);
		return guest_finish();
	}
	check_errors();
	check_data();
	ports_case(MACH_MSG_TYPE_MAKE_SEND);
	ports_case(MACH_MSG_TYPE_COPY_SEND);
	ports_case(MACH_MSG_TYPE_MOVE_RECEIVE);
	CHECK_EQ(mach_msg_trap(&quit, MACH_SEND_MSG, sizeof(quit), 0, 0, 0, 0), MACH_MSG_SUCCESS);
	return guest_finish();
}

int main(int argc, char **argv)
{
	self = mach_task_self();
	if (argc >= 2 && argv[1][0] == 's')
		return server();
	return client(argc, argv);
}
