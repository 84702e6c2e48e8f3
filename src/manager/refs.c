/* SPDX-License-Identifier: MIT */
/*
 * References that stored values hold (server side): a proxy of this
 * server's object stored in a hosted dict or list keeps that object alive
 * until the entry is removed, overwritten, or its container freed, as a
 * proxy inside a CPython manager's dict holds a reference (its pickle is
 * rebuilt in the server, which increfs). Without it, the object died with
 * the last proxy its creator held, and a copy fetched from the dict later
 * named an object that no longer existed.
 *
 * The server stores values as their encodings and does not decode them to
 * store them (hosted.c). A value can hold a proxy of this server only if
 * the server's address is among its bytes, so only such a value is
 * decoded, here, to find the proxies in it; every other store costs one
 * search of its bytes. Proxies of the server are recognised by the address
 * the server was started with (a client that reached it by another name,
 * another host name for the same TCP port, stores proxies that hold no
 * reference).
 */
#include "manager/manager.h"

#include <stdlib.h>
#include <string.h>

/* An id's mark, while collected: its proxy was encoded with a lease,
 * which the entry takes over (ids are far below it). */
#define LEASED ((uint64_t)1 << 63)

struct mproc__refs {
  size_t n;
  uint64_t ids[];
};

/* Whether @p needle (@p nlen > 0 bytes) occurs in @p hay: memmem() is not
 * in C11 nor in every C library this builds with. */
static bool contains(const uint8_t *hay, size_t n, const char *needle,
                     size_t nlen) {
  const uint8_t *end = hay + n;
  while ((size_t)(end - hay) >= nlen) {
    const uint8_t *at =
        memchr(hay, (unsigned char)needle[0], (size_t)(end - hay) - nlen + 1);
    if (!at)
      return false;
    if (memcmp(at, needle, nlen) == 0)
      return true;
    hay = at + 1;
  }
  return false;
}

/* Appends to @p r the ids of this server's proxies in @p v (grown as
 * needed; *r may be NULL). Values nest at most as deep as the decoder
 * allows, so the recursion is bounded. */
static int collect(const mproc_value_t *v, const char *address,
                   mproc__refs_t **r, size_t *cap) {
  size_t n = 0;
  const mproc_value_t *items = NULL;
  mproc_proxy_t *p;
  switch (v->type) {
  case MPROC_VALUE_OBJECT:
    if (mproc_value_as_proxy(v, &p) != 0 || strcmp(p->address, address) != 0)
      return 0;
    if (!*r || (*r)->n == *cap) {
      size_t c = *cap ? *cap * 2 : 4;
      mproc__refs_t *g = realloc(*r, sizeof *g + c * sizeof g->ids[0]);
      if (!g)
        return mproc__err(MPROC_E_NOMEM, "recording a stored proxy");
      if (!*r)
        g->n = 0;
      *r = g;
      *cap = c;
    }
    (*r)->ids[(*r)->n++] = p->id | (p->leased ? LEASED : 0);
    return 0;
  case MPROC_VALUE_TUPLE:
  case MPROC_VALUE_LIST:
    items = v->u.seq.items;
    n = v->u.seq.n;
    break;
  case MPROC_VALUE_DICT:
    items = v->u.dict.items;
    n = 2 * v->u.dict.n;
    break;
  default:
    return 0;
  }
  for (size_t i = 0; i < n; i++) {
    int rc = collect(&items[i], address, r, cap);
    if (rc < 0)
      return rc;
  }
  return 0;
}

int mproc__refs_take(const void *p, size_t len, mproc__refs_t **out) {
  *out = NULL;
  const char *address = mproc__server_address();
  if (!address || !*address || !contains(p, len, address, strlen(address)))
    return 0;
  mproc_value_t *vals = NULL;
  size_t nv = 0, cap = 0;
  mproc__refs_t *r = NULL;
  /* A value that does not decode here (a proxy whose tag this process's
   * key does not verify) is stored all the same, holding nothing, as
   * before. */
  if (mproc_decode(p, len, &vals, &nv) != 0)
    return 0;
  int rc = 0;
  for (size_t i = 0; i < nv && rc == 0; i++)
    rc = collect(&vals[i], address, &r, &cap);
  mproc_values_free(vals, nv);
  if (rc < 0) {
    free(r);
    return rc;
  }
  if (r) {
    /* An id whose object is gone holds nothing: the copy fetched later
     * fails to attach, naming the object. */
    size_t k = 0;
    for (size_t i = 0; i < r->n; i++) {
      uint64_t id = r->ids[i] & ~LEASED;
      if (mproc__server_ref(id, r->ids[i] & LEASED ? REF_FROM_LEASE : REF_TAKE))
        r->ids[k++] = id;
    }
    r->n = k;
    if (k == 0) {
      free(r);
      r = NULL;
    }
  }
  *out = r;
  return 0;
}

void mproc__refs_drop(mproc__refs_t *r) {
  if (!r)
    return;
  for (size_t i = 0; i < r->n; i++)
    mproc__server_ref(r->ids[i], REF_DROP);
  free(r);
}

void mproc__refs_to_leases(mproc__refs_t *r) {
  if (!r)
    return;
  for (size_t i = 0; i < r->n; i++)
    mproc__server_ref(r->ids[i], REF_TO_LEASE);
  free(r);
}
