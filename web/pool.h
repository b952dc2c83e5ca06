/* SPDX-License-Identifier: ISC */
/*
 * A fixed pool of threads that run queued jobs (web/pool.c): the
 * server's write requests wait there for their group commit, so that
 * the libmicrohttpd workers never block on the writer.
 */
#ifndef WEB_POOL_H
#define WEB_POOL_H

struct web_pool;

typedef void	(*web_pool_fn)(void *arg);

struct web_pool	*web_pool_start(int nthreads);
int		 web_pool_submit(struct web_pool *, web_pool_fn, void *arg);
void		 web_pool_stop(struct web_pool *);

#endif
