/* SPDX-License-Identifier: ISC */
/*
 * Event hash chain (see chain.h).  Each field is fed to SHA-256 as its
 * length and bytes, so that no two different events serialise alike.
 */
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cases/chain.h"
#include "cases/model.h"

static void
feed(crypto_hash_sha256_state *h, const char *s)
{
	unsigned char	 len[8];
	size_t		 n = s != NULL ? strlen(s) : 0;
	int		 i;

	for (i = 0; i < 8; i++)
		len[i] = (unsigned char)(n >> (8 * i));
	/* NULL and "" differ: NULL is fed as length 2^64-1. */
	if (s == NULL)
		memset(len, 0xff, sizeof(len));
	crypto_hash_sha256_update(h, len, sizeof(len));
	if (n > 0)
		crypto_hash_sha256_update(h, (const unsigned char *)s, n);
}

/*
 * Writes the hex SHA-256 of (prev, case_id and every stored field of e)
 * into out.  prev is "" for the first event.
 */
void
chain_hash(const char *prev, const char *case_id, const struct event_rec *e,
    char out[CHAIN_HEXLEN])
{
	crypto_hash_sha256_state h;
	unsigned char		 d[crypto_hash_sha256_BYTES];
	char			 num[64];

	crypto_hash_sha256_init(&h);
	feed(&h, prev);
	feed(&h, case_id);
	snprintf(num, sizeof(num), "%d", e->seq);
	feed(&h, num);
	feed(&h, e->action);
	feed(&h, e->actor);
	feed(&h, e->at);
	feed(&h, e->effective);
	snprintf(num, sizeof(num), "%d", e->days);
	feed(&h, num);
	feed(&h, e->party);
	feed(&h, e->outcome);
	snprintf(num, sizeof(num), "%lld", (long long)e->amount_fen);
	feed(&h, num);
	feed(&h, e->note);
	feed(&h, e->payload);
	feed(&h, e->addr);
	crypto_hash_sha256_final(&h, d);
	sodium_bin2hex(out, CHAIN_HEXLEN, d, sizeof(d));
}

/* The hash of one audit row chained to prev ("" for the first). */
void
chain_audit_hash(const char *prev, int64_t id, const char *at,
    const char *actor, const char *addr, const char *action,
    const char *object, const char *detail, char out[CHAIN_HEXLEN])
{
	crypto_hash_sha256_state h;
	unsigned char		 d[crypto_hash_sha256_BYTES];
	char			 num[32];

	crypto_hash_sha256_init(&h);
	feed(&h, prev);
	snprintf(num, sizeof(num), "%lld", (long long)id);
	feed(&h, num);
	feed(&h, at);
	feed(&h, actor);
	feed(&h, addr);
	feed(&h, action);
	feed(&h, object);
	feed(&h, detail);
	crypto_hash_sha256_final(&h, d);
	sodium_bin2hex(out, CHAIN_HEXLEN, d, sizeof(d));
}

/* Copies the hex hash after "key=" in line ("" for an empty chain);
 * 0 when found and well formed. */
static int
anchor_hash(const char *line, const char *key, char out[CHAIN_HEXLEN])
{
	const char	*p = strstr(line, key);
	size_t		 n;

	if (p == NULL)
		return -1;
	p += strlen(key);
	n = strspn(p, "0123456789abcdef");
	if ((n != 0 && n != CHAIN_HEXLEN - 1) ||
	    (p[n] != ' ' && p[n] != '\0'))
		return -1;
	memcpy(out, p, n);
	out[n] = '\0';
	return 0;
}

/* Reads the number after "key=" in line; 0 when found. */
static int
anchor_num(const char *line, const char *key, int64_t *v)
{
	const char	*p = strstr(line, key);
	long long	 n = 0;

	if (p == NULL)
		return -1;
	p += strlen(key);
	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (n > (INT64_MAX - 9) / 10)
			return -1;
		n = n * 10 + (*p - '0');
	}
	if (*p != ' ' && *p != '\0' && *p != '\n' && *p != '\r')
		return -1;
	*v = n;
	return 0;
}

/*
 * Parses "foidesk-anchor events=N last=ID head=HASH [audit=M
 * audit_last=ID audit_head=HASH] at=TIME".  An empty chain's head is ""
 * (events=0).
 */
int
chain_anchor_parse(const char *line, struct chain_anchor *a)
{
	const char	*at;
	size_t		 n;

	memset(a, 0, sizeof(*a));
	if (strncmp(line, "foidesk-anchor ", 15) != 0)
		return -1;
	if (anchor_num(line, " events=", &a->events) != 0 ||
	    anchor_num(line, " last=", &a->last) != 0 ||
	    anchor_hash(line, " head=", a->head) != 0)
		return -1;
	if (strstr(line, " audit=") != NULL &&
	    (anchor_num(line, " audit=", &a->audit) != 0 ||
	    anchor_num(line, " audit_last=", &a->audit_last) != 0 ||
	    anchor_hash(line, " audit_head=", a->audit_head) != 0))
		return -1;
	if ((at = strstr(line, " at=")) == NULL)
		return -1;
	at += 4;
	n = strcspn(at, " \r\n");
	if (n == 0 || n >= sizeof(a->at))
		return -1;
	memcpy(a->at, at, n);
	return 0;
}
