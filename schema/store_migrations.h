/* SPDX-License-Identifier: ISC */
/* The schema migrations compiled in from schema/NNNN_*.sql (generated). */
#ifndef STORE_MIGRATIONS_H
#define STORE_MIGRATIONS_H

struct store_migration {
	int version;		/* PRAGMA user_version after applying it */
	const char *name;	/* file name, for messages */
	const char *sql;
};

extern const struct store_migration store_migrations[];
extern const int store_migrations_count;

#endif
