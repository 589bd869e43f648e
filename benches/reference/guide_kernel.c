/*
 * A ceiling for the columnar guide path (benches/README.md, "Where the time goes").
 *
 * The same work as coopetition's columnar guide kernel, written plainly in C
 * for gcc's optimiser: 1,000,000 rows of the same columns (revenue in cents,
 * day, lead origin, partners, shared resources, steward, informed), a lookup
 * table of rate numerators over 100, the amount and the in-kind credit rounded
 * half away from zero, the situation and the explanation pattern written out.
 *
 *   scalar: one loop, 64-bit products (what any compiler does row by row);
 *   narrow: chunks of 512 rows, table entries gathered first, then 32-bit
 *           products that gcc vectorises (valid while revenue × rate < 2^32);
 *   half:   scalar, rounding as the Rust kernels do since 2026-11-28: add
 *           half the divisor, divide once, and the amount was inexact when
 *           the quotient times the divisor is not the product (no remainder
 *           to compare; the in-kind credit needs no inexact bit at all).
 *
 *   gcc -O3 benches/reference/guide_kernel.c -o /tmp/guide_kernel && /tmp/guide_kernel
 *   gcc -O3 -march=native benches/reference/guide_kernel.c -o /tmp/guide_kernel && /tmp/guide_kernel
 *
 * Prints the best of 20 runs of each, in million rows per second on one core.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define ROWS 1000000
#define CHUNK 512

typedef struct { int64_t num, in_kind; uint16_t situation, bits; uint8_t gap; } Entry;
typedef struct {
    int64_t *revenue; int32_t *day; uint8_t *origin, *steward, *informed; uint32_t *partners, *shared;
    int64_t *due, *in_kind; uint16_t *situation, *pattern;
} Cols;

static Entry table[5 * 4 * 4 * 4];

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static inline unsigned cell(const Cols *c, size_t i) {
    unsigned p = c->partners[i] < 3 ? c->partners[i] : 3, s = c->shared[i] < 3 ? c->shared[i] : 3;
    return c->origin[i] * 64u + p * 16u + s * 4u + c->steward[i] * 2u + c->informed[i];
}

static int scalar(Cols *c) {
    int flag = 0;
    for (size_t i = 0; i < ROWS; i++) {
        Entry e = table[cell(c, i)];
        uint64_t v = (uint64_t)c->revenue[i] * e.num, q = v / 100, rem = v - q * 100;
        uint64_t w = (uint64_t)c->revenue[i] * e.in_kind, qk = w / 100, rk = w - qk * 100;
        c->due[i] = q + (rem * 2 >= 100);
        c->in_kind[i] = qk + (rk * 2 >= 100);
        c->situation[i] = e.situation;
        c->pattern[i] = e.bits | ((rem != 0) << 1);
        flag |= e.gap | (c->day[i] < 0);
    }
    return flag;
}

static int narrow(Cols *c) {
    int flag = 0;
    uint32_t cells[CHUNK], nums[CHUNK], kinds[CHUNK];
    for (size_t b = 0; b < ROWS; b += CHUNK) {
        size_t m = ROWS - b < CHUNK ? ROWS - b : CHUNK;
        for (size_t j = 0; j < m; j++) { cells[j] = cell(c, b + j); flag |= c->day[b + j] < 0; }
        for (size_t j = 0; j < m; j++) {
            Entry e = table[cells[j]];
            nums[j] = (uint32_t)e.num; kinds[j] = (uint32_t)e.in_kind;
            c->situation[b + j] = e.situation; c->pattern[b + j] = e.bits; flag |= e.gap;
        }
        uint64_t largest = 0;
        for (size_t j = 0; j < m; j++) largest = (uint64_t)c->revenue[b + j] > largest ? (uint64_t)c->revenue[b + j] : largest;
        if (largest > UINT32_MAX / 100) return -1; /* the 64-bit loop would take this chunk */
        for (size_t j = 0; j < m; j++) {
            uint32_t r = (uint32_t)c->revenue[b + j], v = r * nums[j], q = v / 100, rem = v - q * 100;
            uint32_t w = r * kinds[j], qk = w / 100, rk = w - qk * 100;
            c->due[b + j] = q + (rem * 2 >= 100);
            c->in_kind[b + j] = qk + (rk * 2 >= 100);
            c->pattern[b + j] |= (rem != 0) << 1;
        }
    }
    return flag;
}

static int half(Cols *c) {
    int flag = 0;
    for (size_t i = 0; i < ROWS; i++) {
        Entry e = table[cell(c, i)];
        uint64_t v = (uint64_t)c->revenue[i] * e.num, q = (v + 50) / 100;
        uint64_t w = (uint64_t)c->revenue[i] * e.in_kind;
        c->due[i] = q;
        c->in_kind[i] = (w + 50) / 100;
        c->situation[i] = e.situation;
        c->pattern[i] = e.bits | ((q * 100 != v) << 1);
        flag |= e.gap | (c->day[i] < 0);
    }
    return flag;
}

static void run(const char *name, int (*kernel)(Cols *), Cols *c) {
    double best = 1e9;
    int flag = 0;
    for (int rep = 0; rep < 20; rep++) {
        double t = now();
        flag |= kernel(c);
        double e = now() - t;
        if (e < best) best = e;
    }
    int64_t sum = 0;
    for (size_t i = 0; i < ROWS; i++) sum += c->due[i] + c->in_kind[i] + c->situation[i] + c->pattern[i];
    printf("%-7s %6.1f M rows/s  (%.2f ms; checksum %lld, flag %d)\n", name, ROWS / best / 1e6, best * 1e3,
           (long long)sum, flag);
}

int main(void) {
    Cols c = {
        malloc(ROWS * 8), malloc(ROWS * 4), malloc(ROWS), malloc(ROWS), malloc(ROWS), malloc(ROWS * 4),
        malloc(ROWS * 4), malloc(ROWS * 8), malloc(ROWS * 8), malloc(ROWS * 2), malloc(ROWS * 2),
    };
    for (int i = 0; i < 320; i++) table[i] = (Entry){i % 10, i % 3, (uint16_t)(i % 6), (uint16_t)(i & 1), 0};
    /* Revenues of 500 € to 60,500 € with random cents; plausible counts and flags. */
    uint64_t x = 0x5EED;
    for (size_t i = 0; i < ROWS; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        c.revenue[i] = 50000 + (int64_t)((x >> 20) % 6000000);
        c.day[i] = (int32_t)(18262 + (x >> 40) % 1826);
        c.origin[i] = (uint8_t)((x >> 8) % 5);
        c.partners[i] = (uint32_t)((x >> 12) % 4);
        c.shared[i] = (uint32_t)((x >> 16) % 4);
        c.steward[i] = (uint8_t)((x >> 50) % 12 == 0);
        c.informed[i] = (uint8_t)((x >> 55) & 1);
    }
    run("scalar", scalar, &c);
    run("narrow", narrow, &c);
    run("half", half, &c);
    return 0;
}
