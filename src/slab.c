/* SPDX-License-Identifier: MIT */
/*
 * Slabs (see slab.h): shared regions of fixed-size slots, one size class
 * per slab, one park per slab.
 *
 * Layout of a slab: a 64-byte header (magic, slot size, the slab's id, the
 * park's word), then slots; each slot is a u32 shared reference count, a
 * u32 kept zero, and the object's bytes; after SLAB_SIZE, the waiter area
 * (POOL_SIZE, zeroed, its layout the Condition's).
 *
 * Why one park per slab and not per object: on Linux a park is no OS
 * object at all, but on Windows it is a kernel semaphore, and a handle per
 * object is what made a thousand objects the limit on Windows as a
 * descriptor per object did on POSIX. The Windows park wakes every waiter
 * of a park when they sleep on different words (src/win32/park.c), which
 * its contract allows and every caller re-checks; contended objects of one
 * slab then share wake-ups, uncontended ones never touch the park.
 *
 * Why a process-local count beside the shared one: the shared count is per
 * process, so that a fork child (which inherits every object of its
 * parent, not just its arguments) costs one increment per slot in use, and
 * a child that received the same slot twice holds it once.
 *
 * The registry (slabs this process maps, the current slab of each class)
 * is guarded by a spin lock, as shared.c guards its names: no lazily made
 * mutex to get wrong across fork, and the sections are short except when a
 * slab is created (a few system calls, once per SLAB_SIZE of objects).
 */
#include "slab.h"

#include "fault.h"
#include "object.h"

#include <stdlib.h>
#include <string.h>

#define SLAB_MAGIC 0x62616c73u /* "slab" */
/* 256 KiB: 4,095 Lock-sized slots, so 100,000 locks take 25 descriptors;
 * the memory is the OS's zero page until a slot is claimed. */
#define SLAB_SIZE ((size_t)256 * 1024)
/* The waiter area after the slots (slab.h): 4,094 Condition waiters beyond
 * those their slots hold, for all the Conditions of the slab. Untouched
 * pages of it are never resident. */
#define POOL_SIZE ((size_t)128 * 1024)
#define SLAB_HDR ((size_t)64)
#define SLOT_HDR ((size_t)8)
#define NCLASS 5 /* slot sizes 64, 128, 256, 512, 1024 */

typedef struct slab_hdr {
  uint32_t magic;
  uint32_t slot_size;
  uint32_t id_lo, id_hi;
  volatile uint32_t park; /* the park's own word (Windows: its waiters) */
} slab_hdr_t;

struct mproc__slab {
  mproc__shm_t shm;
  mproc__park_t park;
  uint64_t id;
  uint32_t slot_size, nslots;
  uint32_t hint;   /* where the next claim starts looking */
  uint32_t nlocal; /* this process's objects in the slab */
  uint32_t *local; /* per slot: this process's objects on it */
  mproc__slab_t *next;
};

static mproc__slab_t *slabs;
static mproc__slab_t *current[NCLASS];
static volatile uint32_t reg_word;
static volatile uint32_t id_counter;
/* Set once this process has given its references back as it ends: from
 * then on a destroyed object leaves its slab mapped, since exit hooks may
 * still use other objects of it. */
static bool ended;

static void reg_lock(void) {
  uint32_t z = 0;
  while (!mproc__cas32(&reg_word, &z, 1)) {
    z = 0;
    mproc__cpu_relax();
  }
}

static void reg_unlock(void) {
  mproc__store32(&reg_word, 0);
}

static int class_of(size_t size) {
  size += SLOT_HDR;
  for (int c = 0; c < NCLASS; c++)
    if (size <= ((size_t)64 << c))
      return c;
  return -1;
}

static volatile uint32_t *slot_ref(const mproc__slab_t *sl, uint32_t idx) {
  return (volatile uint32_t *)((uint8_t *)sl->shm.addr + SLAB_HDR +
                               (size_t)idx * sl->slot_size);
}

static void *slot_data(const mproc__slab_t *sl, uint32_t idx) {
  return (uint8_t *)slot_ref(sl, idx) + SLOT_HDR;
}

static uint32_t nslots_of(uint32_t slot_size) {
  return (uint32_t)((SLAB_SIZE - SLAB_HDR) / slot_size);
}

/* Unmaps and forgets a slab this process no longer uses (registry held). */
static void slab_release(mproc__slab_t *sl) {
  for (mproc__slab_t **p = &slabs; *p; p = &(*p)->next)
    if (*p == sl) {
      *p = sl->next;
      break;
    }
  for (int c = 0; c < NCLASS; c++)
    if (current[c] == sl)
      current[c] = NULL;
  mproc__park_close(&sl->park);
  mproc__shm_close(&sl->shm);
  free(sl->local);
  free(sl);
}

/* A local view of a slab, with its bookkeeping allocated (registry held).
 * Owns nothing yet. */
static mproc__slab_t *slab_view(uint32_t slot_size) {
  mproc__slab_t *sl = calloc(1, sizeof *sl);
  uint32_t n = nslots_of(slot_size);
  if (sl)
    sl->local = calloc(n, sizeof *sl->local);
  if (!sl || !sl->local) {
    free(sl);
    return NULL;
  }
  sl->shm.h = MPROC__INVALID_HANDLE;
  sl->park.h = MPROC__INVALID_HANDLE;
  sl->slot_size = slot_size;
  sl->nslots = n;
  return sl;
}

/* Creates a slab of class @p c (registry held). */
static int slab_new(int c, const char *what, mproc__slab_t **out) {
  uint32_t slot_size = (uint32_t)64 << c;
  mproc__slab_t *sl = slab_view(slot_size);
  if (!sl)
    return mproc__err(MPROC_E_NOMEM, "allocating a slab for a %s", what);
  int rc = mproc__shm_create(&sl->shm, SLAB_SIZE + POOL_SIZE);
  if (rc < 0)
    goto fail;
  slab_hdr_t *h = sl->shm.addr;
  rc = mproc__park_init(&sl->park, &h->park);
  if (rc < 0)
    goto fail;
  /* Unique among the slabs a process can be handed: a child compares ids
   * to map a slab once however many of its objects it receives. */
  sl->id = ((uint64_t)(uint32_t)mproc__getpid() << 32) ^
           ((uint64_t)mproc__fetch_add32(&id_counter, 1) << 20) ^
           (uint64_t)mproc__now_ns();
  h->magic = SLAB_MAGIC;
  h->slot_size = slot_size;
  h->id_lo = (uint32_t)sl->id;
  h->id_hi = (uint32_t)(sl->id >> 32);
  sl->next = slabs;
  slabs = sl;
  *out = sl;
  return 0;
fail:
  mproc__park_close(&sl->park);
  mproc__shm_close(&sl->shm);
  free(sl->local);
  free(sl);
  return rc;
}

/* Claims a free slot of @p sl: the first whose count goes from 0 to 1. */
static bool slab_claim(mproc__slab_t *sl, uint32_t *idx) {
  for (uint32_t i = 0; i < sl->nslots; i++) {
    uint32_t j = sl->hint + i;
    if (j >= sl->nslots)
      j -= sl->nslots;
    volatile uint32_t *ref = slot_ref(sl, j);
    uint32_t z = 0;
    if (mproc__load32(ref) == 0 && mproc__cas32(ref, &z, 1)) {
      sl->hint = j + 1 == sl->nslots ? 0 : j + 1;
      *idx = j;
      return true;
    }
  }
  return false;
}

int mproc__slot_alloc(size_t size, const char *what, mproc__slot_t *out) {
  out->slab = NULL;
  out->idx = 0;
  out->data = NULL;
  out->size = 0;
  int c = class_of(size);
  if (c < 0)
    return mproc__err(MPROC_E_TOOBIG, "a %s of %zu bytes does not fit a slot",
                      what, size);
  /* The claim of a slot as an allocation that can fail, for the fault
   * walk: with a slab at hand, creating an object makes no OS call. */
  if (MPROC__FAIL(SLAB_SLOT))
    return mproc__err_os("claiming a shared slot");
  reg_lock();
  mproc__slab_t *sl = current[c];
  uint32_t idx = 0;
  if (!sl || !slab_claim(sl, &idx)) {
    sl = NULL;
    for (mproc__slab_t *s = slabs; s && !sl; s = s->next)
      if (s->slot_size == ((uint32_t)64 << c) && s != current[c] &&
          s->nlocal < s->nslots && slab_claim(s, &idx))
        sl = s;
    if (!sl) {
      int rc = slab_new(c, what, &sl);
      if (rc < 0) {
        reg_unlock();
        return rc;
      }
      slab_claim(sl, &idx); /* a new slab has every slot free */
    }
    mproc__slab_t *old = current[c];
    current[c] = sl;
    if (old && old->nlocal == 0)
      slab_release(old);
  }
  sl->local[idx] = 1;
  sl->nlocal++;
  reg_unlock();
  out->slab = sl;
  out->idx = idx;
  out->data = slot_data(sl, idx);
  out->size = sl->slot_size - SLOT_HDR;
  memset(out->data, 0, out->size);
  return 0;
}

void mproc__slot_free(mproc__slot_t *s) {
  mproc__slab_t *sl = s->slab;
  if (!sl)
    return;
  s->slab = NULL;
  s->data = NULL;
  s->size = 0;
  reg_lock();
  /* 0 already: this process gave its references back as it ended
   * (mproc__slab_exit) before an exit hook destroyed the object. */
  if (sl->local[s->idx] > 0) {
    sl->nlocal--;
    if (--sl->local[s->idx] == 0)
      mproc__fetch_add32(slot_ref(sl, s->idx), (uint32_t)-1);
  }
  bool cur = false;
  for (int c = 0; c < NCLASS; c++)
    cur = cur || current[c] == sl;
  /* The current slab stays mapped when empty: creating and destroying one
   * object in a loop must not map and unmap a region each time. */
  if (sl->nlocal == 0 && !cur && !ended)
    slab_release(sl);
  reg_unlock();
}

mproc__park_t *mproc__slot_park(const mproc__slot_t *s) {
  return &s->slab->park;
}

void *mproc__slot_pool(const mproc__slot_t *s, size_t *size) {
  *size = POOL_SIZE;
  return (uint8_t *)s->slab->shm.addr + SLAB_SIZE;
}

int mproc__slot_reduce(const mproc__slot_t *s, mproc__spawn_ctx_t *ctx,
                       mproc__wbuf_t *b) {
  mproc__slab_t *sl = s->slab;
  mproc__put_u64(b, sl->id);
  mproc__put_u32(b, sl->slot_size);
  mproc__put_u32(b, s->idx);
  int rc = mproc__reduce_handle(ctx, sl->shm.h, b);
  if (rc == 0)
    rc = mproc__reduce_handle(ctx, sl->park.h, b);
  /* The child's reference, taken now: the caller may destroy its object as
   * soon as the child is started, before the child has mapped the slab.
   * (A start that fails after this leaks the slot, never frees it early.) */
  if (rc == 0)
    mproc__fetch_add32(slot_ref(sl, s->idx), 1);
  return rc;
}

/* Closes handles received for a slab that no view owns. */
static void close_received(mproc__handle_t hshm, mproc__handle_t hpark) {
  mproc__shm_t shm = {NULL, 0, hshm};
  mproc__shm_close(&shm);
  mproc__park_t pk = {hpark, NULL, NULL};
  mproc__park_close(&pk);
}

/* Maps a received slab (registry held); owns both handles on every path. */
static int slab_attach(uint64_t id, uint32_t slot_size, mproc__handle_t hshm,
                       mproc__handle_t hpark, const char *what,
                       mproc__slab_t **out) {
  mproc__slab_t *sl = slab_view(slot_size);
  if (!sl) {
    close_received(hshm, hpark);
    return mproc__err(MPROC_E_NOMEM, "rebuilding a %s", what);
  }
  int rc = mproc__shm_attach(&sl->shm, hshm, SLAB_SIZE + POOL_SIZE);
  if (rc < 0) {
    close_received(MPROC__INVALID_HANDLE, hpark);
    goto fail;
  }
  slab_hdr_t *h = sl->shm.addr;
  if (h->magic != SLAB_MAGIC || h->slot_size != slot_size ||
      h->id_lo != (uint32_t)id || h->id_hi != (uint32_t)(id >> 32)) {
    close_received(MPROC__INVALID_HANDLE, hpark);
    rc = mproc__err(MPROC_E_DECODE, "malformed %s reduction (slab)", what);
    goto fail;
  }
  rc = mproc__park_attach(&sl->park, &h->park, hpark);
  if (rc < 0)
    goto fail;
  sl->id = id;
  sl->next = slabs;
  slabs = sl;
  *out = sl;
  return 0;
fail:
  mproc__shm_close(&sl->shm);
  free(sl->local);
  free(sl);
  return rc;
}

int mproc__slot_rebuild(mproc__rbuf_t *r, size_t size, const char *what,
                        mproc__slot_t *out) {
  out->slab = NULL;
  out->idx = 0;
  out->data = NULL;
  out->size = 0;
  uint64_t id = mproc__get_u64(r);
  uint32_t slot_size = mproc__get_u32(r);
  uint32_t idx = mproc__get_u32(r);
  mproc__handle_t hshm = mproc__rebuild_handle(r);
  mproc__handle_t hpark = mproc__rebuild_handle(r);
  int c = class_of(size);
  bool is_class = false;
  for (int k = c; k >= 0 && k < NCLASS; k++)
    is_class = is_class || slot_size == ((uint32_t)64 << k);
  if (r->err || !is_class || idx >= nslots_of(slot_size) ||
      hshm == MPROC__INVALID_HANDLE) {
    close_received(hshm, hpark);
    return mproc__err(MPROC_E_DECODE, "malformed %s reduction", what);
  }
  reg_lock();
  mproc__slab_t *sl = slabs;
  while (sl && !(sl->id == id && sl->slot_size == slot_size))
    sl = sl->next;
  int rc = 0;
  if (sl) {
    /* Mapped already (another object of the same slab came first): these
     * copies of its handles are not needed. */
    close_received(hshm == sl->shm.h ? MPROC__INVALID_HANDLE : hshm,
                   hpark == sl->park.h ? MPROC__INVALID_HANDLE : hpark);
  } else {
    rc = slab_attach(id, slot_size, hshm, hpark, what, &sl);
  }
  if (rc == 0 && mproc__load32(slot_ref(sl, idx)) == 0)
    rc = mproc__err(MPROC_E_DECODE, "malformed %s reduction (a free slot)",
                    what);
  if (rc < 0) {
    if (sl && sl->nlocal == 0)
      slab_release(sl);
    reg_unlock();
    return rc;
  }
  /* The parent took one reference per object it passed; this process
   * holds one per slot. */
  if (sl->local[idx]++ > 0)
    mproc__fetch_add32(slot_ref(sl, idx), (uint32_t)-1);
  sl->nlocal++;
  reg_unlock();
  out->slab = sl;
  out->idx = idx;
  out->data = slot_data(sl, idx);
  out->size = sl->slot_size - SLOT_HDR;
  return 0;
}

size_t mproc__slab_count(void) {
  reg_lock();
  size_t n = 0;
  for (mproc__slab_t *s = slabs; s; s = s->next)
    n++;
  reg_unlock();
  return n;
}

size_t mproc__slab_used(void) {
  reg_lock();
  size_t n = 0;
  for (mproc__slab_t *s = slabs; s; s = s->next)
    for (uint32_t i = 0; i < s->nslots; i++)
      n += mproc__load32(slot_ref(s, i)) != 0;
  reg_unlock();
  return n;
}

int mproc__slab_idle_handle(intptr_t id) {
  int idle = 0;
  reg_lock();
  for (int c = 0; c < NCLASS; c++) {
    const mproc__slab_t *sl = current[c];
    if (sl && sl->nlocal == 0 &&
        ((intptr_t)sl->shm.h == id ||
         (sl->park.h != MPROC__INVALID_HANDLE && (intptr_t)sl->park.h == id)))
      idle = 1;
  }
  reg_unlock();
  return idle;
}

/* Adds @p d to the shared count of every slot this process holds. */
static void hold_all(uint32_t d) {
  for (mproc__slab_t *s = slabs; s; s = s->next)
    for (uint32_t i = 0; s->nlocal > 0 && i < s->nslots; i++)
      if (s->local[i] > 0)
        mproc__fetch_add32(slot_ref(s, i), d);
}

void mproc__slab_fork_prepare(void) {
  reg_lock();
  hold_all(1); /* the child's references, before it exists */
}

void mproc__slab_fork_parent(bool forked) {
  if (!forked)
    hold_all((uint32_t)-1);
  reg_unlock();
}

void mproc__slab_fork_child(void) {
  /* The child's copy of the lock word is held (by the forking thread,
   * which is this one). */
  mproc__store32(&reg_word, 0);
}

void mproc__slab_exit(void) {
  reg_lock();
  hold_all((uint32_t)-1);
  for (mproc__slab_t *s = slabs; s; s = s->next) {
    memset(s->local, 0, (size_t)s->nslots * sizeof *s->local);
    s->nlocal = 0;
  }
  ended = true;
  reg_unlock();
}
