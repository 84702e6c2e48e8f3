/* SPDX-License-Identifier: MIT */
/*
 * Values as data, private to the common code: Python's hashing and
 * equality for keys (key.c), the hash index a dict made by mproc carries,
 * and the walk that checks a value the caller built (shared by the encoder
 * and by the fork path, which passes values without encoding them). The
 * wire format is codec/value.c; the public container calls are access.c,
 * repr.c, builder.c and args.c, beside this header.
 */
#ifndef MPROC_VALUE_H
#define MPROC_VALUE_H

#include "object.h"

/*
 * Python's hash of a key, reduced to what matters here: equal keys (1, 1.0
 * and True) hash alike. MPROC_E_TYPE for an unhashable value (a list, a
 * dict, an object), MPROC_E_VALUE for a NaN, which Python finds only by
 * identity and identity does not cross processes. @p what names the call.
 */
int mproc__key_hash(const mproc_value_t *k, uint64_t *h, const char *what);

/*
 * The index of a dict of n entries: words[0] is the table's size, a power
 * of two at least 2n, then the slots (0 empty, else entry + 1). Linear
 * probing; a lookup compares keys with mproc_value_equal().
 */
size_t mproc__dict_index_words(size_t n);
/* Fills @p words for the n entries at kv: 0, or 1 for a repeated key with
 * *dup its entry (the second occurrence, no message set), or key_hash's
 * failure for a key that cannot be hashed. */
int mproc__dict_index_build(uint32_t *words, const mproc_value_t *kv,
                            size_t n, size_t *dup, const char *what);
/* The entry of @p key in @p dict (index or scan), or -1. @p h its hash. */
long mproc__dict_find(const mproc_value_t *dict, const mproc_value_t *key,
                      uint64_t h);

/*
 * Checks that values the caller built can travel: no NULL strings or
 * items, objects that are mproc objects, dict keys hashable and distinct,
 * depth and count within the limits. *nodes (may be NULL) gets the number
 * of values at every depth. @p what: "value" or "argument", for messages.
 */
int mproc__values_check(const mproc_value_t *vals, size_t n,
                        const char *what, size_t *nodes);

/* A deep copy in one block that keeps objects by pointer (they must
 * outlive it); free() it. For values held until a child starts. */
int mproc__values_clone(const mproc_value_t *in, size_t n,
                        mproc_value_t **out);

/* Releases the objects of an owned array, at every depth (mproc_values_free
 * without the free). */
void mproc__values_release(mproc_value_t *vals, size_t n);

#endif /* MPROC_VALUE_H */
