#include "CTowerwatchCodec.h"

#include <string.h>

#if defined(__x86_64__) || defined(_M_X64)

#include <cpuid.h>
#include <nmmintrin.h>

int tw_crc32c_hw_available(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
        return 0;
    }
    return (ecx & bit_SSE4_2) != 0;   // CPUID.01H:ECX bit 20
}

__attribute__((target("sse4.2")))
uint32_t tw_crc32c_hw(uint32_t seed, const uint8_t *p, size_t n) {
    // The instruction works on the raw register; the seed is a finished checksum.
    uint64_t crc = (uint32_t)~seed;
    // Eight bytes per instruction. memcpy is the portable unaligned load; it
    // compiles to one mov. Each crc32 depends on the one before, so this runs at
    // the instruction's latency (3 cycles per 8 bytes on recent cores): a record of
    // about 100 bytes takes a few dozen cycles, which is why no multi-stream
    // interleave (and the work of recombining streams) is attempted here.
    while (n >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        crc = _mm_crc32_u64(crc, word);
        p += 8;
        n -= 8;
    }
    uint32_t c = (uint32_t)crc;
    // The last 0-7 bytes in at most three steps rather than one per byte.
    if (n & 4) {
        uint32_t word;
        memcpy(&word, p, 4);
        c = _mm_crc32_u32(c, word);
        p += 4;
    }
    if (n & 2) {
        uint16_t half;
        memcpy(&half, p, 2);
        c = _mm_crc32_u16(c, half);
        p += 2;
    }
    if (n & 1) {
        c = _mm_crc32_u8(c, *p);
    }
    return ~c;
}

#elif defined(__aarch64__)

#include <arm_acle.h>
#if defined(__linux__)
#include <sys/auxv.h>
#ifndef HWCAP_CRC32
#define HWCAP_CRC32 (1UL << 7)   // the arm64 Linux value, for C libraries without it
#endif
#endif

int tw_crc32c_hw_available(void) {
#if defined(__ARM_FEATURE_CRC32)
    return 1;                     // the baseline already includes it (e.g. Apple arm64)
#elif defined(__linux__)
    return (getauxval(AT_HWCAP) & HWCAP_CRC32) != 0;
#else
    return 0;
#endif
}

__attribute__((target("crc")))
uint32_t tw_crc32c_hw(uint32_t seed, const uint8_t *p, size_t n) {
    uint32_t c = ~seed;
    while (n >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);       // aarch64 Linux and Darwin are little-endian
        c = __crc32cd(c, word);
        p += 8;
        n -= 8;
    }
    if (n & 4) {
        uint32_t word;
        memcpy(&word, p, 4);
        c = __crc32cw(c, word);
        p += 4;
    }
    if (n & 2) {
        uint16_t half;
        memcpy(&half, p, 2);
        c = __crc32ch(c, half);
        p += 2;
    }
    if (n & 1) {
        c = __crc32cb(c, *p);
    }
    return ~c;
}

#else

int tw_crc32c_hw_available(void) {
    return 0;
}

uint32_t tw_crc32c_hw(uint32_t seed, const uint8_t *p, size_t n) {
    (void)p;
    (void)n;
    return seed;
}

#endif
