// The C face of libpq for Swift. Debian installs the header under
// postgresql/ (pkg-config's -I flag is not needed this way).
#ifndef CLIBPQ_SHIM_H
#define CLIBPQ_SHIM_H
#include <postgresql/libpq-fe.h>
#endif
