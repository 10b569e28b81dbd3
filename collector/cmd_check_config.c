/* SPDX-License-Identifier: ISC */
/*
 * kicwatch check-config: validate kicwatch.yaml and the files it names,
 * like smtpd -n. Every problem is logged as file:line:col; the exit code
 * is 78 (EX_CONFIG) on any. It never opens the store, so a broken config
 * cannot create or alter one. On success a short summary tells the
 * operator what would be collected.
 */
#include <stdio.h>
#include <string.h>

#include "cfg.h"
#include "cfg_entities.h"
#include "cfg_value.h"
#include "cli.h"
#include "cmd.h"

static void
usage(FILE *f)
{
	fprintf(f, "usage: kicwatch [-c CONFIG] check-config\n\n"
		   "Validates the configuration and the entities and patterns "
		   "files it names.\nPrints a summary and exits 0, or logs "
		   "every error as file:line:column and\nexits 78. The store "
		   "is never opened.\n");
}

static void
print_http(const struct cfg_http *h)
{
	char delay[32], body[32];

	cfg_duration_format(h->per_host_delay_ms, delay, sizeof(delay));
	cfg_size_format(h->max_body, body, sizeof(body));
	printf("http      %u connection%s per host, %s between requests, "
	       "bodies up to %s, robots.txt %s, %s\n",
	    h->per_host_connections, h->per_host_connections == 1 ? "" : "s",
	    delay, body, h->robots ? "obeyed" : "IGNORED",
	    h->proxy ? "through a proxy" : "no proxy");
	printf("          user agent \"%s\"\n", h->user_agent);
}

static void
print_source(const struct cfg_source *s)
{
	const struct cfg_article *a = s->article;
	char every[32], profile[64], fields[32] = "";

	cfg_duration_format(s->interval * 1000, every, sizeof(every));
	if (s->list != NULL)
		snprintf(profile, sizeof(profile), "list, %u page%s%s",
		    s->list->max_pages, s->list->max_pages == 1 ? "" : "s",
		    s->list->next ? "" : " (no next link)");
	else
		snprintf(profile, sizeof(profile), "single page");
	if (a != NULL && (a->title || a->date || a->body))
		snprintf(fields, sizeof(fields), "xpath:%s%s%s",
		    a->title ? " title" : "", a->date ? " date" : "",
		    a->body ? " body" : "");
	printf("  %-28s %-8s every %-6s %-28s %s%s\n", s->name,
	    s->lang ? s->lang : "detect", every, profile,
	    fields[0] ? fields : "generic extraction",
	    s->enabled ? "" : "  (disabled)");
}

static void
print_summary(const struct cli *cli, const struct cfg *c)
{
	size_t enabled = 0;

	printf("config    %s: ok\n", c->path);
	printf("store     %s%s\n", cli_db_path(cli, c),
	    cli->db_path ? " (--db)" : "");
	print_http(&c->http);
	for (size_t i = 0; i < c->nsources; i++)
		enabled += c->sources[i].enabled;
	printf("sources   %zu (%zu enabled)\n", c->nsources, enabled);
	for (size_t i = 0; i < c->nsources; i++)
		print_source(&c->sources[i]);
	if (c->entities_path != NULL)
		printf("entities  %s: %zu entities, %zu aliases\n",
		    c->entities_path, c->entities.n,
		    cfg_entities_alias_count(&c->entities));
	else
		printf("entities  none (no gazetteer: organisations are "
		       "found by their shape only)\n");
	printf("patterns  %s\n", c->patterns_path ? c->patterns_path :
					            "none");
	printf("metrics   %s\n", c->metrics_path ? c->metrics_path : "off");
}

int
cmd_check_config(struct cli *cli, int argc, char **argv)
{
	struct cfg *cfg = NULL;
	int rc;

	if (cli_wants_help(argc, argv)) {
		usage(stdout);
		return EX_OK_;
	}
	if (argc > 1) {
		usage(stderr);
		return EX_USAGE_;
	}
	rc = cli_cfg_load(cli, &cfg);
	if (rc != 0)
		return rc;
	print_summary(cli, cfg);
	cfg_free(cfg);
	return EX_OK_;
}
