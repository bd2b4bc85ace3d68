#include <arch/x86_64/pmap.h>
void pmap_page_protect(struct vm_page *pg, int prot) { (void)pg; (void)prot; }
bool pmap_is_modified(const struct vm_page *pg) { (void)pg; return false; }
void pmap_clear_modify(struct vm_page *pg) { (void)pg; }
