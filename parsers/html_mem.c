/* SPDX-License-Identifier: ISC */
/*
 * libxml2's allocations for one page's tree, from a bump arena of the
 * thread that parses it. A 55 KB page's tree is ~4,000 malloc calls
 * (nodes, attribute values, text) and as many free calls when it goes,
 * ~10 % of a crawl worker's CPU in glibc, and the thousands of small
 * frees then make the page's next large malloc consolidate them again.
 * Here an allocation is a pointer bump and a free is nothing; the whole
 * arena is given back at once when the thread's last tree is freed.
 *
 * The hooks (xmlMemSetup) are process-wide, so they tell pointers apart
 * by address: one region is reserved at install time (address space
 * only: untouched pages cost no memory) and cut into a slot per thread;
 * anything outside it came from malloc and goes back to free(). A thread
 * allocates from its slot only between html_mem_begin() and the matching
 * html_mem_end() (html_parse ... html_doc_free); at any other time, and
 * when its slot is full or there is none left, libxml2 gets malloc. So a
 * thread that never parses a page (the crawl's main thread reading list
 * pages) sees plain malloc, and nothing allocated outside a window is
 * ever in an arena.
 *
 * What libxml2 allocates inside a window must not be used after it: the
 * tree, its dictionary, XPath results of that tree, all freed with the
 * tree. The one thing libxml2 keeps is the thread's last error (strings
 * copied from a parse error, kept in thread-local state): it is reset
 * before the arena is reused. libxml2 is initialised before the hooks go
 * in, so none of its global tables live in an arena either.
 *
 * Memory: touched pages stay resident up to HTML_MEM_KEEP, the rest is
 * returned to the kernel when a window closes above it. Under ASan the
 * unused part of a slot is poisoned, so a read of a freed tree is caught
 * as it is with malloc.
 */
#include "html_mem.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

#if defined(__SANITIZE_ADDRESS__)
#define HTML_MEM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HTML_MEM_ASAN 1
#endif
#endif
#ifdef HTML_MEM_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n)	ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n)	ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n)	((void)(p), (void)(n))
#define UNPOISON(p, n)	((void)(p), (void)(n))
#endif

#define HTML_MEM_SLOT	((size_t)32 << 20)	/* address space a thread */
#define HTML_MEM_SLOTS	16			/* threads with an arena */
#define HTML_MEM_KEEP	((size_t)1 << 20)	/* resident between pages */
#define HTML_MEM_SMALL	1024	/* larger blocks come from malloc */
#define HDR		16	/* sizeof(struct hdr): keeps 16-byte alignment */

/* Before each block. A block of an earlier window (a pointer that outlived
   its tree, which libxml2 should not have) is told apart by gen and left
   alone, never reused. */
struct hdr {
	uint32_t size;		/* asked for */
	uint32_t gen;		/* window it was allocated in, | FREED */
	char *link;		/* next freed block of its class */
};
#define FREED		0x80000000u

struct arena {
	char *base;		/* NULL: no slot (yet, or none free) */
	char *top;		/* next free byte */
	char *used;		/* high-water mark since the last trim */
	unsigned depth;		/* open windows on this thread */
	uint32_t gen;		/* windows closed so far */
	char *free[HTML_MEM_SMALL / 16]; /* freed blocks by size class */
};

static char *region;		/* NULL until installed */
static _Atomic uint32_t slots_free = (uint32_t)-1; /* bit k: slot k */
static pthread_key_t slot_key;	/* the slot of a thread, + 1 */
static _Thread_local struct arena ar;

static bool
in_region(const void *p)
{
	return region != NULL &&
	       (uintptr_t)p - (uintptr_t)region <
	           HTML_MEM_SLOT * HTML_MEM_SLOTS;
}

static struct hdr *
hdr_of(char *p)
{
	return (struct hdr *)(void *)(p - HDR);
}

/* A live block of this thread's open window? */
static bool
in_open_arena(char *p)
{
	return ar.depth > 0 && p > ar.base && p < ar.top &&
	       hdr_of(p)->gen == ar.gen;
}

static size_t
round16(size_t n)
{
	return n == 0 ? 16 : (n + 15) & ~(size_t)15;
}

static void
block_set(char *p, size_t n, char *link)
{
	struct hdr *h = hdr_of(p);

	h->size = (uint32_t)n;
	h->gen = ar.gen;
	h->link = link;
}

/*
 * A block of n bytes from this thread's open arena, or NULL: a freed one
 * of the same size class, else the next one at the top. Freed blocks are
 * reused within the page, so the arena holds about what glibc's heap held
 * for the tree, not everything the parse ever asked for.
 */
static void *
bump(size_t n)
{
	size_t need = round16(n);
	char *p, *link;

	if (ar.depth == 0 || ar.base == NULL || n > HTML_MEM_SMALL)
		return NULL;
	if ((p = ar.free[need / 16 - 1]) != NULL) {
		link = hdr_of(p)->link;
		ar.free[need / 16 - 1] = link;
		UNPOISON(p, need);
		block_set(p, n, NULL);
		return p;
	}
	if (HDR + need > (size_t)(ar.base + HTML_MEM_SLOT - ar.top))
		return NULL;
	p = ar.top + HDR;
	ar.top = p + need;
	if (ar.top > ar.used)
		ar.used = ar.top;
	UNPOISON(p - HDR, HDR + need);
	block_set(p, n, NULL);
	return p;
}

static void *
mem_malloc(size_t n)
{
	void *p = bump(n);

	return p != NULL ? p : malloc(n);
}

/* The top block goes back to the top, a small one to its free list;
   anything else waits for the window to close. */
static void
mem_free(void *v)
{
	char *p = v;
	size_t need;

	if (!in_region(p)) {
		free(p);
		return;
	}
	if (!in_open_arena(p))
		return;
	need = round16(hdr_of(p)->size);
	hdr_of(p)->gen = ar.gen | FREED;	/* a second free is ignored */
	POISON(p, need);
	if (p + need == ar.top)
		ar.top = p - HDR;
	else if (need <= HTML_MEM_SMALL) {
		hdr_of(p)->link = ar.free[need / 16 - 1];
		ar.free[need / 16 - 1] = p;
	}
}

static void *
mem_realloc(void *v, size_t n)
{
	char *p = v, *q;
	size_t old;

	if (p == NULL)
		return mem_malloc(n);
	if (!in_region(p))
		return realloc(p, n);
	old = hdr_of(p)->size;
	/* The top block of the open arena grows where it is. */
	if (in_open_arena(p) && p + round16(old) == ar.top &&
	    n <= UINT32_MAX &&
	    round16(n) <= (size_t)(ar.base + HTML_MEM_SLOT - p)) {
		ar.top = p + round16(n);
		if (ar.top > ar.used)
			ar.used = ar.top;
		UNPOISON(p, round16(n));
		block_set(p, n, NULL);
		return p;
	}
	if ((q = mem_malloc(n)) != NULL) {
		memcpy(q, p, old < n ? old : n);
		mem_free(p);
	}
	return q;
}

static char *
mem_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = mem_malloc(n);

	if (p != NULL)
		memcpy(p, s, n);
	return p;
}

/* A thread that ends gives its slot back, emptied. */
static void
slot_release(void *v)
{
	unsigned k = (unsigned)(uintptr_t)v - 1;
	char *base = region + (size_t)k * HTML_MEM_SLOT;

	madvise(base, HTML_MEM_SLOT, MADV_DONTNEED);
	POISON(base, HTML_MEM_SLOT);
	atomic_fetch_or(&slots_free, (uint32_t)1 << k);
}

static void
slot_take(void)
{
	uint32_t f = atomic_load(&slots_free);
	unsigned k;

	do {
		if (f == 0)
			return;
		k = (unsigned)__builtin_ctz(f);
	} while (!atomic_compare_exchange_weak(
	    &slots_free, &f, f & ~((uint32_t)1 << k)));
	if (pthread_setspecific(slot_key, (void *)(uintptr_t)(k + 1)) != 0) {
		atomic_fetch_or(&slots_free, (uint32_t)1 << k);
		return;
	}
	ar.base = ar.top = ar.used = region + (size_t)k * HTML_MEM_SLOT;
}

void
html_mem_install(void)
{
	static bool done;
	void *r;

	if (done)
		return;
	done = true;
	/* libxml2's own tables are made now, with malloc. */
	xmlInitParser();
	if (pthread_key_create(&slot_key, slot_release) != 0)
		return;
	r = mmap(NULL, HTML_MEM_SLOT * HTML_MEM_SLOTS, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (r == MAP_FAILED)
		return;
	atomic_store(&slots_free, HTML_MEM_SLOTS >= 32 ? (uint32_t)-1 :
	    ((uint32_t)1 << HTML_MEM_SLOTS) - 1);
	region = r;
	xmlMemSetup(mem_free, mem_malloc, mem_realloc, mem_strdup);
}

void
html_mem_begin(void)
{
	if (region == NULL)
		return;
	if (ar.base == NULL && ar.depth == 0)
		slot_take();
	ar.depth++;
}

void
html_mem_end(void)
{
	if (region == NULL || ar.depth == 0 || --ar.depth > 0)
		return;
	if (ar.base == NULL)
		return;
	/* Its strings may be in the arena: dropped before it is reused. */
	xmlResetLastError();
	POISON(ar.base, (size_t)(ar.used - ar.base));
	memset(ar.free, 0, sizeof(ar.free));
	ar.gen = (ar.gen + 1) & ~FREED;
	if (ar.used > ar.base + HTML_MEM_KEEP) {
		madvise(ar.base + HTML_MEM_KEEP,
		    (size_t)(ar.used - ar.base) - HTML_MEM_KEEP, MADV_DONTNEED);
		ar.used = ar.base + HTML_MEM_KEEP;
	}
	ar.top = ar.base;
}
