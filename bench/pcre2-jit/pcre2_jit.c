/* SPDX-License-Identifier: ISC */
/*
 * pcre2 JIT versus interpreter on kicwatch's extraction pattern
 * (orgs.latin_regex of config/patterns.yaml), over the text of the sample
 * article corpus, and what happens under MemoryDenyWriteExecute: with
 * --mdwe the process first sets PR_SET_MDWE (the prctl systemd's
 * MemoryDenyWriteExecute= also uses on recent kernels), so
 * pcre2_jit_compile() must fail and matching must fall back to the
 * interpreter with identical results.
 *
 * usage: pcre2_jit [--mdwe] PATTERN-FILE ROUNDS FILE.html...
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>

#ifndef PR_SET_MDWE
#define PR_SET_MDWE 65
#define PR_MDWE_REFUSE_EXEC_GAIN 1
#endif

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b;
	long n;

	if (f == NULL)
		exit(1);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	b = malloc((size_t)n + 1);
	*len = fread(b, 1, (size_t)n, f);
	b[*len] = '\0';
	fclose(f);
	return b;
}

/* Drops tags and scripts crudely: the pattern runs on article text. */
static size_t
strip(char *s, size_t n)
{
	size_t o = 0;
	int tag = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '<')
			tag = 1;
		else if (s[i] == '>')
			tag = 0, s[o++] = ' ';
		else if (!tag)
			s[o++] = s[i];
	}
	return o;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long
match_all(pcre2_code *re, char **txt, size_t *len, int ntxt, int rounds,
    uint32_t opts)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	long hits = 0;

	for (int r = 0; r < rounds; r++)
		for (int i = 0; i < ntxt; i++) {
			PCRE2_SIZE at = 0;

			while (at < len[i]) {
				int rc = pcre2_match(re, (PCRE2_SPTR)txt[i],
				    len[i], at, opts, md, NULL);
				PCRE2_SIZE *ov;

				if (rc < 0)
					break;
				ov = pcre2_get_ovector_pointer(md);
				hits++;
				at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
			}
		}
	pcre2_match_data_free(md);
	return hits;
}

int
main(int argc, char **argv)
{
	int mdwe = argc > 1 && strcmp(argv[1], "--mdwe") == 0, a = 1 + mdwe;
	size_t plen, bytes = 0, len[256];
	char *pat, *txt[256];
	int ntxt = 0, rounds, err, jrc;
	PCRE2_SIZE off;
	pcre2_code *re;
	double t0, tj, ti, tc;
	long hj, hi;

	if (argc - a < 3)
		return 64;
	if (mdwe && prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0)) {
		perror("prctl(PR_SET_MDWE)");
		return 77;
	}
	pat = slurp(argv[a], &plen);
	plen = strcspn(pat, "\n");
	rounds = atoi(argv[a + 1]);
	for (int i = a + 2; i < argc && ntxt < 256; i++, ntxt++) {
		txt[ntxt] = slurp(argv[i], &len[ntxt]);
		len[ntxt] = strip(txt[ntxt], len[ntxt]);
		bytes += len[ntxt];
	}
	re = pcre2_compile((PCRE2_SPTR)pat, plen, PCRE2_UTF, &err, &off, NULL);
	if (re == NULL)
		return 65;
	t0 = now();
	jrc = pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	tc = now() - t0;
	t0 = now();
	hj = match_all(re, txt, len, ntxt, rounds, 0);
	tj = now() - t0;
	t0 = now();
	hi = match_all(re, txt, len, ntxt, rounds, PCRE2_NO_JIT);
	ti = now() - t0;
	printf("mdwe=%s texts=%d bytes=%zu rounds=%d\n", mdwe ? "on" : "off",
	    ntxt, bytes, rounds);
	printf("jit_compile rc=%d (%s) in %.3f ms\n", jrc,
	    jrc == 0 ? "JIT in use" : "failed: interpreter", tc * 1e3);
	printf("default path: %ld matches, %.1f ms, %.1f MB/s\n", hj, tj * 1e3,
	    bytes * (double)rounds / tj / 1e6);
	printf("interpreter:  %ld matches, %.1f ms, %.1f MB/s\n", hi, ti * 1e3,
	    bytes * (double)rounds / ti / 1e6);
	pcre2_code_free(re);
	return hj == hi ? 0 : 1;
}
