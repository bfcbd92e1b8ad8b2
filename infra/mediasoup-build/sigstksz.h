/*
 * Force-included into every C++ unit of the mediasoup 3.8.4 worker build (see infra/setup.sh).
 * Since glibc 2.34 SIGSTKSZ expands to a sysconf() call instead of a constant, and the abseil
 * copy bundled with mediasoup 3.8.4 uses it where a constant expression is required.
 * Pulling <signal.h> in first and pinning SIGSTKSZ to a constant restores the old behaviour.
 */
#include <signal.h>
#undef SIGSTKSZ
#define SIGSTKSZ 16384
