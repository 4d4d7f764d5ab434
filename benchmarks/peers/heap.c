/*
 * Peer benchmark for `nines bench`: PHOLD and the hold model on a plain C binary heap.
 *
 * Same work per event as the Nines models: an event is plain data (time in integer
 * nanoseconds + insertion sequence for ties, target, kind, payload); each event pops the
 * minimum, does a trivial effect, draws one exponential delay (mean 1 s = 1e9 ns) with
 * xoshiro256** and -mean*log(u), and pushes one event. Only the steady state is timed.
 *
 * Build: gcc -O2 -o heap heap.c -lm
 * Usage: heap phold PROCESSES EVENTS | heap hold PENDING EVENTS
 * Prints one JSON object per line.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    int64_t time;
    uint64_t seq;
    int32_t target;
    uint32_t kind;
    int64_t payload;
} event_t;

typedef struct {
    event_t *a;
    size_t n, cap;
    uint64_t next_seq;
} heap_t;

static inline int precedes(const event_t *x, const event_t *y) {
    return x->time < y->time || (x->time == y->time && x->seq < y->seq);
}

static void heap_push(heap_t *h, int64_t time, int32_t target, uint32_t kind, int64_t payload) {
    if (h->n == h->cap) {
        h->cap = h->cap ? h->cap * 2 : 1024;
        h->a = realloc(h->a, h->cap * sizeof(event_t));
        if (!h->a) abort();
    }
    event_t e = {time, h->next_seq++, target, kind, payload};
    size_t i = h->n++;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!precedes(&e, &h->a[p])) break;
        h->a[i] = h->a[p];
        i = p;
    }
    h->a[i] = e;
}

static event_t heap_pop(heap_t *h) {
    event_t top = h->a[0];
    event_t last = h->a[--h->n];
    size_t n = h->n, i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && precedes(&h->a[c + 1], &h->a[c])) c++;
        if (!precedes(&h->a[c], &last)) break;
        h->a[i] = h->a[c];
        i = c;
    }
    if (n > 0) h->a[i] = last;
    return top;
}

/* xoshiro256** seeded by SplitMix64, as Nines' RandomStream. */
static uint64_t s[4];
static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static inline uint64_t next_u64(void) {
    uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t; s[3] = rotl(s[3], 45);
    return r;
}
static void seed_rng(uint64_t seed) {
    for (int i = 0; i < 4; i++) {
        uint64_t z = (seed += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        s[i] = z ^ (z >> 31);
    }
}
static inline double open_unit(void) { return (double)((next_u64() >> 11) + 1) * 0x1p-53; }
static inline int64_t exp_delay_ns(void) { return (int64_t)(-1e9 * log(open_unit())); }
/* Uniform in [0, bound) by Lemire's multiply-shift (bias below 1e-15 for bound 1000). */
static inline uint32_t below(uint32_t bound) {
    return (uint32_t)(((unsigned __int128)next_u64() * bound) >> 64);
}

static double clock_seconds(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc != 4 || (strcmp(argv[1], "phold") && strcmp(argv[1], "hold"))) {
        fprintf(stderr, "usage: %s phold PROCESSES EVENTS | hold PENDING EVENTS\n", argv[0]);
        return 2;
    }
    int phold = strcmp(argv[1], "phold") == 0;
    long size = atol(argv[2]), events = atol(argv[3]);
    seed_rng(1);
    heap_t h = {0};
    for (long i = 0; i < size; i++) heap_push(&h, exp_delay_ns(), 0, 0, i);

    double start = clock_seconds(CLOCK_MONOTONIC), cpu_start = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
    int64_t now = 0, checksum = 0;
    for (long k = 0; k < events; k++) {
        event_t e = heap_pop(&h);
        now = e.time;
        if (phold) {
            checksum += e.payload;
            int64_t dest = below((uint32_t)size);
            heap_push(&h, now + exp_delay_ns(), 0, 0, dest);
        } else {
            checksum += e.payload;
            heap_push(&h, now + exp_delay_ns(), 0, 0, e.payload);
        }
    }
    double seconds = clock_seconds(CLOCK_MONOTONIC) - start;
    double cpu_seconds = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu_start;
    printf("{\"name\":\"%s\",\"%s\":%ld,\"events\":%ld,\"seconds\":%.6f,\"events_per_second\":%.0f,"
           "\"events_per_cpu_second\":%.0f,\"final_time_ns\":%lld,\"checksum\":%lld,\"peer\":\"c-binary-heap\"}\n",
           argv[1], phold ? "processes" : "pending", size, events, seconds, events / seconds, events / cpu_seconds,
           (long long)now, (long long)checksum);
    free(h.a);
    return 0;
}
