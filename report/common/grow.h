/*
 * grow.h — room for one more element in a heap array that doubles.
 *
 * The arrays of one run (files read, slices, history rows) grow one
 * element at a time; this is the one way they do it.
 */
#ifndef FS_GROW_H
#define FS_GROW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

/* Make *items (elements of `size` bytes, `count` in use, room for *cap)
 * hold at least count + 1: doubles the room (16 at first) with realloc.
 * False when memory runs out or the size would overflow; *items and *cap
 * are then unchanged (the caller still owns and frees *items). */
static inline bool fs_grow(void **items, size_t *cap, size_t count, size_t size)
{
    if (count < *cap)
        return true;
    size_t n = *cap ? *cap * 2 : 16;
    if (n < *cap || (size && n > SIZE_MAX / size))
        return false;
    void *p = realloc(*items, n * size);
    if (!p)
        return false;
    *items = p;
    *cap = n;
    return true;
}

#endif
