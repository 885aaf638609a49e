#ifndef CTOWERWATCHCODEC_H
#define CTOWERWATCHCODEC_H

// The record codec's byte loops on the CPU's own instructions:
//
// - CRC-32C (Castagnoli, reflected polynomial 0x82F63B78): SSE4.2 `crc32` on
//   x86_64, the ARMv8 CRC extension on aarch64;
// - a one-pass scan of a record's body (its CRC-32C, its tabs, its first
//   forbidden control byte) with SSE2 compares and SSE4.2 `crc32` (x86_64).
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

/// Returns 1 if `tw_scan_record` may be called on this CPU, 0 if not. Ask once.
int tw_scan_record_available(void);

/// Scans the body of a record line (everything before its checksum's tab) in one
/// pass, sixteen bytes at a time, and reports:
///
/// - in `*crc`, the CRC-32C of `p[0..<n]` (a finished checksum, seed 0);
/// - in `*first_bad`, the offset of the first byte below 0x20 other than tab, or
///   0x7F (the bytes a writer always escapes); `n` when there is none;
/// - the fields between the tabs: field `k` is `p[starts[k]..<ends[k]]`.
///
/// Returns the number of fields (tabs + 1). `starts` and `ends` must have room for
/// `n + 1` entries, the most a body of `n` bytes can hold. `slack` bytes after the
/// body may be read (a record line's checksum field follows its body); they are
/// never taken as data. `p` may have any alignment.
///
/// Precondition: `tw_scan_record_available()` returned 1.
size_t tw_scan_record(const uint8_t *p, size_t n, size_t slack, uint32_t *crc,
                      int64_t *starts, int64_t *ends, size_t *first_bad);

#ifdef __cplusplus
}
#endif

#endif
