/* SPDX-License-Identifier: ISC */
/*
 * Event hash chain (see chain.h).  Each field is fed to SHA-256 as its
 * length and bytes, so that no two different events serialise alike.
 */
#include <sodium.h>
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
