/* SPDX-License-Identifier: ISC */
/*
 * The server's state, private to web/server.c and the background
 * threads it starts (web/upkeep.c, web/pool.c, web/server_cal.c,
 * web/server_log.c); nothing else includes this.
 */
#ifndef WEB_SERVER_INT_H
#define WEB_SERVER_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include <microhttpd.h>

#include "ops/auth.h"
#include "web/web.h"

struct notifier;
struct web_pool;
struct wjob;

struct calref {
	struct calendar	*cal;
	int		 refs;
	struct calref	*next;
};

struct web {
	struct MHD_Daemon	*d;
	struct web_config	 cfg;
	char			*dbpath;
	struct auth_policy	 policy;
	pthread_key_t		 key;
	pthread_key_t		 rkey;		/* read-only connections */
	pthread_mutex_t		 lock;
	struct store		**stores;
	size_t			 nstores;
	struct store		**readers;	/* closed first */
	size_t			 nreaders;
	struct calref		*cals;		/* head is current */
	char			 calver[32];	/* version of the head */
	pthread_t		 maint;		/* background upkeep */
	struct notifier		*notifier;	/* reminders (issue 13) */
	int			 maint_on;
	int			 stopping;
	pthread_cond_t		 maint_cv;
	time_t			 calcheck;	/* last version check */
	atomic_int		 inflight;
	atomic_int		 heavy;		/* web_heavy_enter() slots taken */
	char			*proxy;		/* trusted reverse proxy */
	uint16_t		 port;
	struct web_pool		*pool;		/* write requests (web/pool.c) */
	/* The writer thread (web/writer.c) and its queue. */
	pthread_t		 writer;
	int			 writer_on;
	int			 wq_inited;
	int			 wq_stop;
	pthread_mutex_t		 wq_lock;
	pthread_cond_t		 wq_cv;		/* the writer waits */
	pthread_cond_t		 wq_done;	/* the callers wait */
	struct wjob		*wq_head, *wq_tail;
	atomic_llong		 wq_req_ms;	/* last write request queued
						 * (CLOCK_MONOTONIC ms) */
	/* Its syncer thread (web/writer.c): batches committed, waiting
	 * for the fdatasync of the WAL that makes them durable. */
	pthread_t		 syncer;
	int			 sync_on;
	int			 sync_stop;
	int			 sync_fd;	/* the WAL file */
	pthread_cond_t		 sync_cv;
	struct wjob		*sync_head;
	/* Its checkpointer thread (web/writer.c). */
	pthread_t		 ckpt;
	int			 ckpt_on;
	int			 ckpt_want;	/* the WAL is long: checkpoint */
	int			 ckpt_inline;	/* it is far behind: the writer */
	pthread_cond_t		 ckpt_cv;
	/* The letter renderer (web/receipts.c). */
	pthread_t		 rc_thread;
	int			 rc_on;
	int			 rc_inited;
	int			 rc_kick;	/* a commit since it looked */
	int			 rc_stop;
	pthread_mutex_t		 rc_lock;
	pthread_cond_t		 rc_cv;
};

/* Reloads the calendar when another process changed it (at most every
 * few seconds; web/server_cal.c). */
void	 web_calendar_check(struct web *, struct store *, time_t now);
void	 web_access_log(FILE *, const struct timespec *t0, const char *addr,
	    const char *user, const char *method, const char *uri, int status,
	    uint64_t bytes, int aborted);

/* The upkeep thread (web/upkeep.c): started by web_start() unless
 * cfg.no_upkeep, stopped by web_stop() through maint_cv. */
void	*web_upkeep_main(void *);

/* CLOCK_MONOTONIC in milliseconds (web/writer.c). */
long long web_mono_ms(void);

/* The letter renderer (web/receipts.c): started and stopped by
 * web/server.c, kicked by the writer after each commit. */
int	 web_receipts_start(struct web *);
void	 web_receipts_kick(struct web *);
void	 web_receipts_stop(struct web *);
void	 web_receipts_free(struct web *);

#endif
