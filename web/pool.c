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
 * Jobs are run in order of arrival; web_pool_stop() runs every job
 * already queued, then joins the threads.  A job submitted after the
 * stop began is refused (-1): the caller runs it itself.
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

struct web_pool {
	pthread_mutex_t	 lock;
	pthread_cond_t	 cv;
	struct pjob	*head, *tail;
	int		 stop;
	int		 n;		/* threads started */
	pthread_t	*t;
};

static void *
pool_main(void *arg)
{
	struct web_pool	*p = arg;
	struct pjob	*j;

	(void)pthread_setname_np(pthread_self(), "foidesk-pool");
	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (p->head == NULL && !p->stop)
			pthread_cond_wait(&p->cv, &p->lock);
		if ((j = p->head) == NULL)
			break;		/* stopping, nothing left */
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
	pthread_cond_init(&p->cv, NULL);
	p->t = xcalloc((size_t)(nthreads > 0 ? nthreads : 1), sizeof(*p->t));
	while (p->n < nthreads &&
	    pthread_create(&p->t[p->n], NULL, pool_main, p) == 0)
		p->n++;
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
	pthread_cond_signal(&p->cv);
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
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->lock);
	for (i = 0; i < p->n; i++)
		pthread_join(p->t[i], NULL);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->lock);
	free(p->t);
	free(p);
}
