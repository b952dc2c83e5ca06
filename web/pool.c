/* SPDX-License-Identifier: ISC */
/*
 * A fixed pool of threads running queued jobs in order of arrival.
 *
 * The server (web/server.c) hands each write request (a POST) to this
 * pool with its connection suspended, and resumes the connection when
 * the job has built the response.  A write waits for the group commit
 * that contains it (web/writer.c); on a libmicrohttpd worker that wait
 * blocked every other connection of the worker, so that with two
 * workers at most two writes were ever queued and a group commit held
 * at most two operations.  Here as many writes wait as the pool has
 * threads, while the workers go on reading and answering requests.
 *
 * Jobs are run in order of arrival, each by the thread that went idle
 * last: idle threads wait on a stack, each on a condition variable of
 * its own.  With one shared condition variable the threads took the
 * jobs in turn, so that all sixteen opened and kept warm a database
 * connection of their own (its schema, statements and page cache) under
 * a load of two or three writes at once: the mixed load's peak RSS went
 * from 52-59 to 69-72 MB.  Now the threads in use are about as many as
 * the writes that wait at once.
 *
 * web_pool_stop() runs every job already queued, then joins the
 * threads.  A job submitted after the stop began is refused (-1): the
 * caller runs it itself.
 */
#include <pthread.h>
#include <stdlib.h>

#include "util/xmalloc.h"
#include "web/pool.h"

struct pjob {
	web_pool_fn	 fn;
	void		*arg;
	struct pjob	*next;
};

struct web_pool;

struct pworker {
	struct web_pool	*p;
	pthread_t	 t;
	pthread_cond_t	 cv;
	int		 woken;		/* taken off the idle stack */
	struct pworker	*next_idle;
};

struct web_pool {
	pthread_mutex_t	 lock;
	struct pjob	*head, *tail;
	struct pworker	*idle;		/* the last to go idle on top */
	int		 stop;
	int		 n;		/* threads started */
	struct pworker	*w;
};

static void *
pool_main(void *arg)
{
	struct pworker	*me = arg;
	struct web_pool	*p = me->p;
	struct pjob	*j;

	(void)pthread_setname_np(pthread_self(), "foidesk-pool");
	pthread_mutex_lock(&p->lock);
	for (;;) {
		if ((j = p->head) == NULL) {
			if (p->stop)
				break;		/* stopping, nothing left */
			me->woken = 0;
			me->next_idle = p->idle;
			p->idle = me;
			while (!me->woken && !p->stop)
				pthread_cond_wait(&me->cv, &p->lock);
			continue;
		}
		if ((p->head = j->next) == NULL)
			p->tail = NULL;
		pthread_mutex_unlock(&p->lock);
		j->fn(j->arg);
		free(j);
		pthread_mutex_lock(&p->lock);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* Starts nthreads threads; NULL when not even one could start. */
struct web_pool *
web_pool_start(int nthreads)
{
	struct web_pool	*p;

	p = xcalloc(1, sizeof(*p));
	pthread_mutex_init(&p->lock, NULL);
	p->w = xcalloc((size_t)(nthreads > 0 ? nthreads : 1), sizeof(*p->w));
	while (p->n < nthreads) {
		p->w[p->n].p = p;
		pthread_cond_init(&p->w[p->n].cv, NULL);
		if (pthread_create(&p->w[p->n].t, NULL, pool_main,
		    &p->w[p->n]) != 0) {
			pthread_cond_destroy(&p->w[p->n].cv);
			break;
		}
		p->n++;
	}
	if (p->n == 0) {
		web_pool_stop(p);
		return NULL;
	}
	return p;
}

/* Queues fn(arg); -1 (not queued) once the pool is stopping or NULL. */
int
web_pool_submit(struct web_pool *p, web_pool_fn fn, void *arg)
{
	struct pjob	*j;
	struct pworker	*w;

	if (p == NULL)
		return -1;
	j = xmalloc(sizeof(*j));
	j->fn = fn;
	j->arg = arg;
	j->next = NULL;
	pthread_mutex_lock(&p->lock);
	if (p->stop) {
		pthread_mutex_unlock(&p->lock);
		free(j);
		return -1;
	}
	if (p->tail != NULL)
		p->tail->next = j;
	else
		p->head = j;
	p->tail = j;
	/* The thread that went idle last (its connection the warmest);
	 * none idle: the next to finish takes it. */
	if ((w = p->idle) != NULL) {
		p->idle = w->next_idle;
		w->woken = 1;
		pthread_cond_signal(&w->cv);
	}
	pthread_mutex_unlock(&p->lock);
	return 0;
}

/* Runs what is queued, joins the threads and frees the pool; NULL is a
 * no-op. */
void
web_pool_stop(struct web_pool *p)
{
	int	 i;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = 1;
	for (i = 0; i < p->n; i++)
		pthread_cond_signal(&p->w[i].cv);
	pthread_mutex_unlock(&p->lock);
	for (i = 0; i < p->n; i++) {
		pthread_join(p->w[i].t, NULL);
		pthread_cond_destroy(&p->w[i].cv);
	}
	pthread_mutex_destroy(&p->lock);
	free(p->w);
	free(p);
}
