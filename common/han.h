/* SPDX-License-Identifier: ISC */
/*
 * Chinese characters in the other script, from OpenCC's character tables
 * (han_table.h, written once by gen_han.py): Simplified to Traditional,
 * back, and Traditional to Taiwan's forms, character by character. What
 * OpenCC adds with its phrase dictionaries (签约 to 簽約 although 签
 * alone becomes 籤) is left to the callers, which try each candidate of a
 * character with several (the gazetteer, search). No OpenCC at run time.
 */
#ifndef HAN_H
#define HAN_H

#include <stdint.h>

#define HAN_CANDIDATES 4	/* the most any character has, 台 to 臺檯颱台 */

enum han_dir {
	HAN_T2S,		/* Traditional to Simplified (TSCharacters) */
	HAN_S2T,		/* Simplified to Traditional (STCharacters) */
	HAN_NDIRS
};

/*
 * The candidates of cp in direction d, OpenCC's default first, into out;
 * returns their number (1..HAN_CANDIDATES). A character the table does
 * not map has itself as its only candidate.
 */
int han_candidates(enum han_dir d, uint32_t cp,
    uint32_t out[HAN_CANDIDATES]);

/* Taiwan's form of a Traditional character (TWVariants: 裏 to 裡), or cp. */
uint32_t han_tw(uint32_t cp);

#endif
