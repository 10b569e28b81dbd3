/* SPDX-License-Identifier: ISC */
/*
 * Buffered output to stdout or --output FILE. Commands build text in a
 * struct buf and flush it every record or so, so an export of the whole
 * store never holds more than a record in memory. A file is written
 * under a temporary name and renamed at the end, so a failed export
 * never leaves a truncated file where a complete one was expected.
 */
#include "query.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xmem.h"

static char *
tmp_name(const char *path)
{
	return xasprintf("%s.tmp%ld", path, (long)getpid());
}

int
query_out_open(const char *path, FILE **out, struct err *e)
{
	char *tmp;

	if (path == NULL || strcmp(path, "-") == 0) {
		*out = stdout;
		return 0;
	}
	tmp = tmp_name(path);
	*out = fopen(tmp, "w");
	if (*out == NULL)
		err_set(e, "%s: %s", tmp, strerror(errno));
	free(tmp);
	return *out == NULL ? -1 : 0;
}

int
query_out_flush(struct buf *b, FILE *f, struct err *e)
{
	if (b->len > 0 && fwrite(b->data, 1, b->len, f) != b->len)
		return err_set(e, "write: %s", strerror(errno));
	buf_reset(b);
	return 0;
}

int
query_out_close(struct buf *b, FILE *f, const char *path, struct err *e)
{
	char *tmp;
	int rc = query_out_flush(b, f, e);

	if (fflush(f) != 0 && rc == 0)
		rc = err_set(e, "write: %s", strerror(errno));
	if (f == stdout)
		return rc;
	tmp = tmp_name(path);
	if (fclose(f) != 0 && rc == 0)
		rc = err_set(e, "%s: %s", tmp, strerror(errno));
	if (rc == 0 && rename(tmp, path) == -1)
		rc = err_set(e, "%s: %s", path, strerror(errno));
	if (rc == -1)
		unlink(tmp);
	free(tmp);
	return rc;
}

void
query_out_abort(FILE *f, const char *path)
{
	char *tmp;

	if (f == NULL || f == stdout)
		return;
	fclose(f);
	tmp = tmp_name(path);
	unlink(tmp);
	free(tmp);
}
