/* SPDX-License-Identifier: ISC */
/*
 * Common options of the read commands, and opening the store read-only.
 * Options may follow operands (GNU getopt permutes), so both
 * `query events --since 7d` and `query --since 7d events` work.
 */
#include "query.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

enum {
	OPT_SINCE = 256, OPT_UNTIL, OPT_ORG, OPT_TAG, OPT_SOURCE, OPT_TYPE,
	OPT_LIMIT, OPT_FORMAT, OPT_OUTPUT, OPT_RUN,
};

struct opt_def {
	struct option opt;
	unsigned mask;
};

static const struct opt_def opt_defs[] = {
	{{"since", required_argument, NULL, OPT_SINCE}, QUERY_OPT_FILTER},
	{{"until", required_argument, NULL, OPT_UNTIL}, QUERY_OPT_FILTER},
	{{"org", required_argument, NULL, OPT_ORG}, QUERY_OPT_FILTER},
	{{"tag", required_argument, NULL, OPT_TAG}, QUERY_OPT_FILTER},
	{{"source", required_argument, NULL, OPT_SOURCE}, QUERY_OPT_FILTER},
	{{"type", required_argument, NULL, OPT_TYPE}, QUERY_OPT_FILTER},
	{{"limit", required_argument, NULL, OPT_LIMIT}, QUERY_OPT_LIMIT},
	{{"format", required_argument, NULL, OPT_FORMAT}, QUERY_OPT_FORMAT},
	{{"output", required_argument, NULL, OPT_OUTPUT}, QUERY_OPT_OUTPUT},
	{{"run", required_argument, NULL, OPT_RUN}, QUERY_OPT_RUN},
};
#define NOPTS (sizeof(opt_defs) / sizeof(opt_defs[0]))

static int
parse_count(const char *name, const char *s, int64_t *out, struct err *e)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v <= 0)
		return err_set(e, "--%s: expected a positive number, got '%s'",
		    name, s);
	*out = v;
	return 0;
}

static void
opt_set(struct query_opts *o, int ch, const char *arg)
{
	switch (ch) {
	case OPT_SINCE: o->since = arg; break;
	case OPT_UNTIL: o->until = arg; break;
	case OPT_ORG: o->org = arg; break;
	case OPT_TAG: o->tag = arg; break;
	case OPT_SOURCE: o->source = arg; break;
	case OPT_TYPE: o->type = arg; break;
	case OPT_FORMAT: o->format = arg; break;
	case OPT_OUTPUT: o->output = arg; break;
	default: break;
	}
}

int
query_opts_parse(int argc, char **argv, unsigned mask,
    struct query_opts *o, struct err *e)
{
	struct option longopts[NOPTS + 1];
	size_t n = 0;
	int ch;

	memset(o, 0, sizeof(*o));
	for (size_t i = 0; i < NOPTS; i++)
		if (opt_defs[i].mask & mask)
			longopts[n++] = opt_defs[i].opt;
	memset(&longopts[n], 0, sizeof(longopts[n]));
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch == '?' || ch == ':')
			return err_set(e, "%s: unknown option or missing value "
					  "'%s'", argv[0], argv[optind - 1]);
		if (ch == OPT_LIMIT && parse_count("limit", optarg, &o->limit,
		    e) == -1)
			return -1;
		if (ch == OPT_RUN && parse_count("run", optarg, &o->run_id,
		    e) == -1)
			return -1;
		opt_set(o, ch, optarg);
	}
	o->optind = optind;
	return 0;
}

int
query_format_parse(const char *s, unsigned allowed, enum query_format *out,
    struct err *e)
{
	static const char *const names[] = {"table", "json", "csv", "md",
		"html"};
	struct buf b = {0};

	for (int i = 0; i < 5; i++) {
		if ((allowed & (1u << i)) && strcmp(s, names[i]) == 0) {
			*out = (enum query_format)i;
			return 0;
		}
	}
	for (int i = 0; i < 5; i++)
		if (allowed & (1u << i))
			buf_printf(&b, "%s%s", b.len ? "|" : "", names[i]);
	err_set(e, "--format: expected %s, got '%s'", b.data, s);
	buf_free(&b);
	return -1;
}

int
query_store_open(struct cli *cli, struct store **out)
{
	struct cfg *cfg = NULL;
	struct err e = {{0}};
	int rc;

	if (cli->db_path == NULL && (rc = cli_cfg_load(cli, &cfg)) != 0)
		return rc;
	rc = 0;
	if (store_open(cli_db_path(cli, cfg), STORE_RO, out, &e) == -1) {
		log_err("%s", e.msg);
		rc = EX_NOINPUT_;
	} else if (store_read_tune(*out, &e) == -1) {
		log_warnx("%s", e.msg);	/* slower, not wrong */
	}
	cfg_free(cfg);
	return rc;
}
