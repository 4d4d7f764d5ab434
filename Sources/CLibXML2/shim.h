// libxml2's tree and parser API, for reading Oozie definitions without Foundation's XMLParser
// (which segfaults on some malformed input on Linux).
#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, and its encoding header then includes ICU's headers, which
// clash with the copy inside Foundation. Nines never touches encoding handlers, so leave ICU out.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

// `xmlFree` is a global function pointer, which Swift 6 will not reference directly.
static inline void nines_xml_free(void *pointer) { xmlFree(pointer); }
