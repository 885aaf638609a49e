#ifndef CTOWERWATCHCRC_H
#define CTOWERWATCHCRC_H

// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) with the CPU's own
// instruction: SSE4.2 `crc32` on x86_64, the ARMv8 CRC extension on aarch64.
//
// The functions carry their instruction set in a target attribute, so the module
// builds with no extra compiler flags; whether the CPU really has the instruction is
// decided at run time by `tw_crc32c_hw_available`.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Returns 1 if `tw_crc32c_hw` may be called on this CPU, 0 if not (also on every
/// architecture without a hardware path). Cheap, but meant to be asked once.
int tw_crc32c_hw_available(void);

/// Returns the CRC-32C of `p[0..<n]`, continuing from `seed`.
///
/// `seed` and the result are finished checksums, not raw register values: the
/// function inverts the seed on entry and the register on exit (initial value and
/// final XOR 0xFFFFFFFF), exactly like the Swift `CRC32C.update(seed, bytes)`. So a
/// seed of 0 starts a new checksum, and passing a previous result as the seed
/// continues it: tw_crc32c_hw(tw_crc32c_hw(0, a, na), b, nb) is the CRC-32C of a
/// followed by b. `p` may have any alignment; it is not read when `n` is 0.
///
/// Precondition: `tw_crc32c_hw_available()` returned 1. On other CPUs the call
/// executes an unsupported instruction; where no hardware path is compiled in at all
/// it returns `seed` unchanged.
uint32_t tw_crc32c_hw(uint32_t seed, const uint8_t *p, size_t n);

#ifdef __cplusplus
}
#endif

#endif
