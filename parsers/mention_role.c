/* SPDX-License-Identifier: ISC */
/*
 * Roles of the organisations in a sentence. Organisations are first
 * grouped into lists (joined by , 、 및 와/과 与 和, with people's names,
 * titles, brackets and bullets in between: "횃불센터 허OO 부주임, KIC중국
 * 김OO 센터장 등이"). A list then takes its role from, in order:
 * 1. a label whose range holds it (主办单位：A、B；承办单位：C);
 * 2. a cue right after it (A가 주최하고, 由A主办, A의 후원으로, A 등이 참석);
 * 3. when it is the subject (A는 …, or a Chinese clause opening with it),
 *    the sentence's own verb cue: the last free cue for Korean (the verb
 *    ends the sentence), the first free one after it for Chinese;
 * else it is a participant. An organisation after 在/于 is the venue.
 */
#include "mention.h"

#include <stdlib.h>
#include <string.h>

#include "xmem.h"

#define ROLE_CUE_GAP 40		/* bytes between a list and its cue */
#define ROLE_GLUE_MAX 80	/* bytes between two members of a list */
#define ROLE_MAX_SLOTS 64

struct role_list {
	size_t start, end;	/* from the first member to the last */
	size_t first, n;	/* members: slots[first .. first + n) */
	long role;		/* index into pat->roles, or -1 */
	bool topic;
	bool venue;
};

struct role_ctx {
	const struct mention_doc *d;
	size_t start, end;
	size_t slots[ROLE_MAX_SLOTS];	/* indexes into d->om */
	size_t nslots;
	struct role_list lists[ROLE_MAX_SLOTS];
	size_t nlists;
	size_t owned[ROLE_MAX_SLOTS];	/* start offsets of cues lists took */
	size_t nowned;
};

/* Korean particles that mark the subject or topic of the clause. */
static const char *const role_topic_particles[] = {"은", "는", "이", "가",
    "께서", "에서는", "측은", "측이", "에서", NULL};

static size_t
hit_len(const struct mention_doc *d, size_t i, uint32_t mask, long *idx)
{
	size_t best = 0;

	for (size_t k = mention_hits_from(d, i); k < d->hits.n; k++) {
		const struct gaz_hit *h = &d->hits.v[k];

		if (h->start > i)
			break;
		if ((MK_BIT(h->kind) & mask) && h->end - h->start > best) {
			best = h->end - h->start;
			if (idx != NULL)
				*idx = h->idx;
		}
	}
	return best;
}

/* A role cue (not a label) starting at i: the role index, else -1. */
static long
cue_at(const struct mention_doc *d, size_t i)
{
	size_t best = 0;
	long role = -1;

	for (size_t k = mention_hits_from(d, i); k < d->hits.n; k++) {
		const struct gaz_hit *h = &d->hits.v[k];

		if (h->start > i)
			break;
		if (h->kind == MK_ROLE && h->idx % 2 == 0 &&
		    h->end - h->start > best) {
			best = h->end - h->start;
			role = (long)(h->idx / 2);
		}
	}
	return role;
}

/*
 * A person's name: Korean before a title (김OO 센터장), Chinese right
 * after one (主任张三、). Returns its length in bytes, or 0.
 */
static size_t
person_len(const struct mention_doc *d, size_t i, size_t end,
    bool after_title)
{
	size_t j = i, at, n = 0, k;
	uint32_t cp;

	while (j < end && n < 4) {
		at = j;
		cp = mention_next(d->s, end, &at);
		if (!mention_is_hangul(cp) && !mention_is_han(cp) &&
		    cp != 'O' && cp != 0x25cb && cp != 'X' && cp != '*')
			break;
		for (k = mention_hits_from(d, j); k < d->hits.n &&
		    d->hits.v[k].start == j; k++)
			if (d->hits.v[k].kind == MK_ROLE ||
			    d->hits.v[k].kind == MK_TITLE ||
			    d->hits.v[k].kind == MK_CUE ||
			    d->hits.v[k].kind == MK_MOU ||
			    d->hits.v[k].kind == MK_EVENT)
				break;
		if (k < d->hits.n && d->hits.v[k].start == j)
			break;
		j = at;
		n++;
	}
	if (n < 2)
		return 0;
	at = j < end && d->s[j] == ' ' ? j + 1 : j;
	k = i;
	if (mention_is_hangul(mention_next(d->s, end, &k)))
		return hit_len(d, at, MK_BIT(MK_TITLE), NULL) > 0 ? j - i : 0;
	if (!after_title || n > 3)
		return 0;
	if (j >= end || cue_at(d, j) >= 0 || d->s[j] == ',' ||
	    (j + 3 <= end && memcmp(d->s + j, "、", 3) == 0) ||
	    hit_len(d, j, MK_BIT(MK_TITLE), NULL) > 0)
		return j - i;
	return 0;
}

/* Skips spaces, brackets, bullets, titles and names. */
static size_t
role_skip(const struct mention_doc *d, size_t i, size_t end)
{
	const struct cfg_patterns *p = d->voc->pat;
	bool after_title = false;

	for (int guard = 0; guard < 16 && i < end; guard++) {
		size_t n;

		if (d->s[i] == ' ' || d->s[i] == '\n') {
			i++;
			continue;
		}
		if (d->s[i] == '(') {
			const char *c = memchr(d->s + i, ')',
			    end - i < 60 ? end - i : 60);

			if (c == NULL)
				break;
			i = (size_t)(c - d->s) + 1;
			continue;
		}
		n = hit_len(d, i, MK_BIT(MK_TITLE), NULL);
		if (n > 0) {
			after_title = true;
			i += n;
			continue;
		}
		n = mention_word_at(&p->bullets, d->s, i, end);
		if (n == 0)
			n = person_len(d, i, end, after_title);
		if (n == 0)
			break;
		after_title = false;
		i += n;
	}
	return i;
}

static bool
is_topic_particle(const struct mention_doc *d, size_t i, size_t n)
{
	for (size_t k = 0; role_topic_particles[k] != NULL; k++)
		if (strlen(role_topic_particles[k]) == n &&
		    memcmp(d->s + i, role_topic_particles[k], n) == 0)
			return true;
	return false;
}

/* May a and b (byte offsets: end of one, start of next) share a list? */
static bool
role_glue(const struct mention_doc *d, size_t i, size_t b)
{
	const struct cfg_patterns *p = d->voc->pat;
	size_t n;

	if (b - i > ROLE_GLUE_MAX)
		return false;
	n = mention_particles_len(d, i, b);
	if (n > 0) {
		if (mention_word_at(&p->list_joiners, d->s, i, b) != n)
			return false;
		i += n;
	}
	while (i < b) {
		i = role_skip(d, i, b);
		if (i >= b)
			break;
		n = mention_word_at(&p->list_joiners, d->s, i, b);
		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

static void
role_slots(struct role_ctx *c)
{
	const struct mention_doc *d = c->d;

	for (size_t i = mention_om_from(d, c->start); i < d->nom &&
	    d->om[i].start < c->end && c->nslots < ROLE_MAX_SLOTS; i++) {
		if (d->om[i].nested || d->om[i].modifier ||
		    d->om[i].end > c->end)
			continue;
		c->slots[c->nslots++] = i;
	}
}

static void
role_group(struct role_ctx *c)
{
	const struct mention_doc *d = c->d;
	struct role_list *l = NULL;

	for (size_t k = 0; k < c->nslots; k++) {
		const struct mention_om *m = &d->om[c->slots[k]];

		if (l != NULL && role_glue(d, l->end, m->start)) {
			l->end = m->end;
			l->n++;
			continue;
		}
		l = &c->lists[c->nlists++];
		memset(l, 0, sizeof(*l));
		l->start = m->start;
		l->end = m->end;
		l->first = k;
		l->n = 1;
		l->role = -1;
	}
}

/* 在A举办, 于A: A is where it happens. */
static bool
role_venue(const struct mention_doc *d, size_t start)
{
	return (start >= 3 && memcmp(d->s + start - 3, "在", 3) == 0) ||
	    (start >= 3 && memcmp(d->s + start - 3, "于", 3) == 0);
}

/* The cue right after list l, marking whether l is a Korean subject. */
static void
role_after(struct role_ctx *c, struct role_list *l)
{
	const struct mention_doc *d = c->d;
	size_t i = l->end, n, lim = l->end + ROLE_CUE_GAP;

	if (lim > c->end)
		lim = c->end;
	for (int round = 0; round < 2 && i < lim; round++) {
		n = mention_particles_len(d, i, lim);
		if (n > 0 && is_topic_particle(d, i,
		    mention_word_at(&d->voc->pat->particles, d->s, i, lim)))
			l->topic = true;
		i = role_skip(d, i + n, lim);
	}
	if (i < lim && (l->role = cue_at(d, i)) >= 0 &&
	    c->nowned < ROLE_MAX_SLOTS)
		c->owned[c->nowned++] = i;
}

static bool
role_owned(const struct role_ctx *c, size_t at)
{
	for (size_t i = 0; i < c->nowned; i++)
		if (c->owned[i] == at)
			return true;
	return false;
}

/* A Chinese clause that opens with the list: nothing but dates before. */
static bool
role_zh_topic(const struct role_ctx *c, const struct role_list *l)
{
	const struct mention_doc *d = c->d;
	size_t i = l->start;

	while (i > c->start) {
		size_t st;
		uint32_t cp = mention_prev(d->s, i, &st);

		if (cp == ',' || cp == ';' || cp == 0x3002 || cp == ':')
			break;
		i = st;
	}
	if (mention_has_cue(d, MK_BIT(MK_ROLE) | MK_BIT(MK_EVENT) |
	    MK_BIT(MK_MOU), -1, i, l->start))
		return false;
	i = l->end;
	while (i < c->end && d->s[i] == ' ')
		i++;
	return i < c->end && mention_is_han(mention_next(d->s, c->end, &i));
}

/* The clause's own verb for a subject list. */
static long
role_predicate(const struct role_ctx *c, const struct role_list *l,
    bool korean)
{
	const struct mention_doc *d = c->d;
	long found = -1;

	for (size_t k = mention_hits_from(d, l->end); k < d->hits.n; k++) {
		const struct gaz_hit *h = &d->hits.v[k];

		if (h->start >= c->end)
			break;
		if (h->kind != MK_ROLE || h->idx % 2 != 0 ||
		    role_owned(c, h->start) || mention_om_at(d, h->start))
			continue;
		found = (long)(h->idx / 2);
		if (!korean)
			break;
	}
	return found;
}

static long
role_index(const struct mention_doc *d, const char *name)
{
	for (size_t i = 0; i < d->voc->pat->nroles; i++)
		if (strcmp(d->voc->pat->roles[i].role, name) == 0)
			return (long)i;
	return -1;
}

/* A visit trigger starting in s[i..j). */
static bool
visit_at(const struct mention_doc *d, size_t i, size_t j)
{
	for (size_t k = mention_hits_from(d, i); k < d->hits.n; k++) {
		const struct gaz_hit *h = &d->hits.v[k];

		if (h->start >= j)
			break;
		if (h->kind == MK_EVENT &&
		    strcmp(d->voc->pat->events[h->idx].type, "visit") == 0)
			return true;
	}
	return false;
}

/*
 * The visited organisation hosts the visit: the object of 방문 (A를
 * 방문했다) or what follows 访问/考察/走访 (走访了A).
 */
static bool
role_visited(const struct role_ctx *c, const struct role_list *l)
{
	const struct mention_doc *d = c->d;
	size_t i = l->end, b = l->start;

	if (i + 3 <= c->end && (memcmp(d->s + i, "을", 3) == 0 ||
	    memcmp(d->s + i, "를", 3) == 0)) {
		i += 3;
		while (i < c->end && d->s[i] == ' ')
			i++;
		return visit_at(d, i, i + 1);
	}
	if (b >= 3 && memcmp(d->s + b - 3, "了", 3) == 0)
		b -= 3;
	return b > c->start && visit_at(d, b > c->start + 9 ? b - 9 :
	    c->start, b) && !mention_has_cue(d, MK_BIT(MK_ROLE), -1,
	    b > c->start + 9 ? b - 9 : c->start, b);
}

/* A label is followed by ':' (주최: A), or, in Chinese, by 为/是. */
static bool
label_valid(const struct mention_doc *d, const struct gaz_hit *h, size_t end)
{
	size_t i = h->end, k = h->start;

	while (i < end && d->s[i] == ' ')
		i++;
	if (i >= end)
		return false;
	if (d->s[i] == ':')
		return true;
	/* English labels ("with support from A and B") need no colon */
	if ((unsigned char)d->s[h->start] < 0x80 &&
	    (unsigned char)d->s[h->end - 1] < 0x80)
		return true;
	return mention_is_han(mention_next(d->s, end, &k)) && i + 3 <= end &&
	    (memcmp(d->s + i, "为", 3) == 0 || memcmp(d->s + i, "是", 3) == 0);
}

static size_t
label_range_end(const struct mention_doc *d, size_t i, size_t end)
{
	for (; i < end; i++) {
		if (d->s[i] == ';' || d->s[i] == '\n')
			return i;
		if (i + 3 <= end && memcmp(d->s + i, "。", 3) == 0)
			return i;
	}
	return end;
}

static void
role_labels(struct role_ctx *c, bool *labelled)
{
	const struct mention_doc *d = c->d;

	for (size_t k = mention_hits_from(d, c->start); k < d->hits.n; k++) {
		const struct gaz_hit *h = &d->hits.v[k];
		size_t re;

		if (h->start >= c->end)
			break;
		if (h->kind != MK_ROLE || h->idx % 2 != 1 ||
		    !label_valid(d, h, c->end))
			continue;
		re = label_range_end(d, h->end, c->end);
		for (size_t i = 0; i < c->nlists; i++) {
			struct role_list *l = &c->lists[i];

			if (l->start >= h->end && l->end <= re) {
				l->role = (long)(h->idx / 2);
				labelled[i] = true;
			}
		}
	}
}

static size_t
role_emit(const struct role_ctx *c, struct mention_party **out)
{
	const struct mention_doc *d = c->d;
	struct mention_party *v = xcalloc(c->nslots + 1, sizeof(*v));
	size_t n = 0;

	for (size_t i = 0; i < c->nlists; i++) {
		const struct role_list *l = &c->lists[i];
		enum extract_role r = EXTRACT_ROLE_PARTICIPANT;

		if (l->role >= 0)
			r = mention_role_parse(d->voc->pat->roles[l->role].role);
		for (size_t k = l->first; k < l->first + l->n; k++) {
			size_t org = d->om[c->slots[k]].org, j;

			for (j = 0; j < n && v[j].org != org; j++)
				;
			if (j == n) {
				if (n >= MENTION_MAX_PARTIES)
					break;
				v[n].org = org;
				v[n++].role = r;
			} else if (v[j].role == EXTRACT_ROLE_PARTICIPANT)
				v[j].role = r;
		}
	}
	*out = v;
	return n;
}

size_t
mention_roles(const struct mention_doc *d, size_t start, size_t end,
    struct mention_party **out)
{
	struct role_ctx *c = xcalloc(1, sizeof(*c));
	bool labelled[ROLE_MAX_SLOTS] = {false};
	size_t n;

	c->d = d;
	c->start = start;
	c->end = end;
	role_slots(c);
	role_group(c);
	role_labels(c, labelled);
	for (size_t i = 0; i < c->nlists; i++) {
		c->lists[i].venue = role_venue(d, c->lists[i].start);
		if (!labelled[i] && !c->lists[i].venue)
			role_after(c, &c->lists[i]);
	}
	for (size_t i = 0; i < c->nlists; i++) {
		struct role_list *l = &c->lists[i];

		if (l->role >= 0 || l->venue)
			continue;
		if (role_visited(c, l))
			l->role = role_index(d, "host");
		else if (l->topic)
			l->role = role_predicate(c, l, true);
		else if (role_zh_topic(c, l))
			l->role = role_predicate(c, l, false);
	}
	n = role_emit(c, out);
	free(c);
	return n;
}

enum extract_role
mention_role_parse(const char *name)
{
	static const char *const names[] = {"host", "co-host", "organiser",
	    "sponsor", "attendee", "exhibitor", "participant"};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i], name) == 0)
			return (enum extract_role)i;
	return EXTRACT_ROLE_PARTICIPANT;
}
