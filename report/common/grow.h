/*
 * grow.h — room for one more element in a heap array that doubles.
 *
 * The arrays of one run (files read, slices, history rows) grow one
 * element at a time, byte buffers by as much as they need; this is the one
 * way they do it.
 */
#ifndef FS_GROW_H
#define FS_GROW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

/* Make *items (elements of `size` bytes, room for *cap) hold at least
 * `need`: doubles the room (16 at first) with realloc until it does.
 * False when memory runs out or the size would overflow; *items and *cap
 * are then unchanged (the caller still owns and frees *items). */
static inline bool fs_grow_to(void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap : 16;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return false;
        n *= 2;
    }
    if (size && n > SIZE_MAX / size)
        return false;
    void *p = realloc(*items, n * size);
    if (!p)
        return false;
    *items = p;
    *cap = n;
    return true;
}

/* Room for one more: at least count + 1 elements (fs_grow_to). */
static inline bool fs_grow(void **items, size_t *cap, size_t count, size_t size)
{
    return fs_grow_to(items, cap, count + 1, size);
}

#endif
