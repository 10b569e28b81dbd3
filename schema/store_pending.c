/* SPDX-License-Identifier: ISC */
/*
 * Placeholders so the tree links while store modules are being written.
 * Each owner deletes its function here when the real one lands.
 */
#include "store_record.h"

/* owner: records (schema/store_record.c) */
int
store_run_current(struct store *s, const struct cfg *c, int64_t *run_id,
    struct err *e)
{
	(void)s;
	(void)c;
	(void)run_id;
	return err_set(e, "store_record not built yet");
}

/* owner: records (schema/store_record.c) */
int
store_run_begin(struct store *s, const struct cfg *c, const char *kind,
    int64_t *run_id, struct err *e)
{
	(void)s;
	(void)c;
	(void)kind;
	(void)run_id;
	return err_set(e, "store_record not built yet");
}

/* owner: records (schema/store_record.c) */
int
store_run_complete(struct store *s, int64_t run_id, struct err *e)
{
	(void)s;
	(void)run_id;
	return err_set(e, "store_record not built yet");
}

/* owner: records (schema/store_record.c) */
int
store_document_insert(struct store *s, int64_t run_id, int64_t capture_id,
    int64_t source_id, const char *url, const struct extract_result *r,
    int64_t *document_id, struct err *e)
{
	(void)s;
	(void)run_id;
	(void)capture_id;
	(void)source_id;
	(void)url;
	(void)r;
	(void)document_id;
	return err_set(e, "store_record not built yet");
}
