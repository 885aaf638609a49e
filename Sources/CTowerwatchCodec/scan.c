#include "CTowerwatchCodec.h"

#include <string.h>

#if defined(__x86_64__) || defined(_M_X64)

#include <nmmintrin.h>

int tw_scan_record_available(void) {
    // SSE2 is in every x86_64 CPU; the checksum needs SSE4.2.
    return tw_crc32c_hw_available();
}

__attribute__((target("sse4.2")))
size_t tw_scan_record(const uint8_t *p, size_t n, size_t slack, uint32_t *crc,
                      int64_t *starts, int64_t *ends, size_t *first_bad) {
    const __m128i tab = _mm_set1_epi8(0x09);
    const __m128i below = _mm_set1_epi8(0x1F);
    const __m128i del = _mm_set1_epi8(0x7F);
    uint64_t c = 0xFFFFFFFFu;
    size_t fields = 0;
    size_t start = 0;
    size_t bad = n;
    size_t i = 0;
    // Sixty-four bytes per block: the tabs of a block are gathered into one mask
    // and taken lowest bit first, so the loop over them ends (and mispredicts)
    // once per block rather than once per sixteen bytes.
    while (i < n) {
        uint64_t tabs = 0, bads = 0;
        for (size_t j = 0; j < 64 && i + j < n; j += 16) {
            const size_t at = i + j;
            const size_t real = n - at;
            __m128i v;
            uint32_t valid;
            if (real >= 16) {
                memcpy(&v, p + at, 16);
                valid = 0xFFFF;
                uint64_t lo, hi;
                memcpy(&lo, p + at, 8);
                memcpy(&hi, p + at + 8, 8);
                c = _mm_crc32_u64(c, lo);
                c = _mm_crc32_u64(c, hi);
            } else {
                if (at + 16 <= n + slack) {
                    memcpy(&v, p + at, 16);
                } else {
                    unsigned char buffer[16] = {0};
                    memcpy(buffer, p + at, real);
                    memcpy(&v, buffer, 16);
                }
                valid = (1u << real) - 1;
            }
            const uint32_t t = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, tab)) & valid;
            const uint32_t low = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, below), v));
            const uint32_t d = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, del));
            tabs |= (uint64_t)t << j;
            bads |= (uint64_t)(((low & ~t) | d) & valid) << j;
        }
        while (tabs) {
            const size_t at = i + (size_t)__builtin_ctzll(tabs);
            starts[fields] = (int64_t)start;
            ends[fields] = (int64_t)at;
            fields++;
            start = at + 1;
            tabs &= tabs - 1;
        }
        if (bads && bad == n) {
            bad = i + (size_t)__builtin_ctzll(bads);
        }
        i += 64;
    }
    starts[fields] = (int64_t)start;
    ends[fields] = (int64_t)n;
    fields++;
    // The checksum of the last 0-15 bytes, in at most four steps.
    size_t done = n & ~(size_t)15;
    const uint8_t *q = p + done;
    size_t rest = n - done;
    uint32_t c32 = (uint32_t)c;
    if (rest & 8) { uint64_t w; memcpy(&w, q, 8); c32 = (uint32_t)_mm_crc32_u64(c32, w); q += 8; }
    if (rest & 4) { uint32_t w; memcpy(&w, q, 4); c32 = _mm_crc32_u32(c32, w); q += 4; }
    if (rest & 2) { uint16_t w; memcpy(&w, q, 2); c32 = _mm_crc32_u16(c32, w); q += 2; }
    if (rest & 1) { c32 = _mm_crc32_u8(c32, *q); }
    *crc = ~c32;
    *first_bad = bad;
    return fields;
}

#else

int tw_scan_record_available(void) {
    return 0;
}

size_t tw_scan_record(const uint8_t *p, size_t n, size_t slack, uint32_t *crc,
                      int64_t *starts, int64_t *ends, size_t *first_bad) {
    (void)p; (void)slack;
    *crc = 0;
    starts[0] = 0;
    ends[0] = (int64_t)n;
    *first_bad = n;
    return 1;
}

#endif
