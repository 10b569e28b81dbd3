/* SPDX-License-Identifier: ISC */
/*
 * Event detection internals shared by event.c (triggers and sentences),
 * event_name.c (titles and noun phrases) and event_merge.c (one record per
 * real event of a document). The pass itself is event_find (mention.h).
 */
#ifndef EVENT_H
#define EVENT_H

#include "mention.h"

/*
 * The name of the event triggered at s[tstart..tend) in the sentence
 * s[start..end): a quoted title (*quoted set) or the noun phrase ending
 * in the trigger; owned, NULL when there is only the bare trigger.
 */
char *event_name(const struct mention_doc *d, size_t start, size_t end,
    size_t tstart, size_t tend, bool *quoted);

/* True if s[a..b) is inside quoted speech (“…했다”), not a title. */
bool event_in_speech(const struct mention_doc *d, size_t a, size_t b);

/*
 * A sentence with no trigger of its own that speaks of the event just
 * reported (이번 행사는 A가 주최하고…; 本次活动由A主办): its organisations
 * and their roles join that event.
 */
void event_anaphora(struct mention_doc *d, size_t sent);

/* Adds an organisation to an event (a known one keeps a specific role). */
void event_party_add(struct mention_event *ev, const struct mention_party *p);

/* Merges the events of d that are one real event (dropped = true). */
void event_merge(struct mention_doc *d);

/* Attaches the organisations of ▲/△ lines after an event's sentence. */
void event_bullets(struct mention_doc *d, struct mention_event *ev,
    size_t sent);

#endif
