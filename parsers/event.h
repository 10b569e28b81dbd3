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

/* Merges the events of d that are one real event (dropped = true). */
void event_merge(struct mention_doc *d);

/* Attaches the organisations of ▲/△ lines after an event's sentence. */
void event_bullets(struct mention_doc *d, struct mention_event *ev,
    size_t sent);

#endif
