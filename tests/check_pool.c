/* SPDX-License-Identifier: ISC */
/*
 * The write pool (web/pool.c): jobs run in order of arrival; one job
 * at a time, each waited for, runs on the same thread every time (the
 * thread that went idle last, whose database connection is warm: with
 * one shared condition variable the threads took turns and every one
 * of them opened a connection); jobs queued while all threads are busy
 * all run; web_pool_stop() runs what is queued before it returns; a
 * NULL pool refuses.
 */
#include <check.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "web/pool.h"

struct rec {
	pthread_mutex_t	 lock;
	pthread_cond_t	 cv;
	int		 done;
	int		 order[64];
	pthread_t	 who[64];
	int		 n;
	int		 hold;		/* jobs wait while set */
};

struct job {
	struct rec	*r;
	int		 id;
};

static void
run(void *arg)
{
	struct job	*j = arg;
	struct rec	*r = j->r;

	pthread_mutex_lock(&r->lock);
	while (r->hold)
		pthread_cond_wait(&r->cv, &r->lock);
	r->order[r->n] = j->id;
	r->who[r->n] = pthread_self();
	r->n++;
	r->done++;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->lock);
}

static void
rec_init(struct rec *r)
{
	memset(r, 0, sizeof(*r));
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->cv, NULL);
}

static void
wait_done(struct rec *r, int n)
{
	pthread_mutex_lock(&r->lock);
	while (r->done < n)
		pthread_cond_wait(&r->cv, &r->lock);
	pthread_mutex_unlock(&r->lock);
}

/* Queues n jobs while they are held, then lets them run. */
static void
submit_held(struct web_pool *p, struct rec *r, struct job *j, int n)
{
	int	 i;

	r->hold = 1;
	for (i = 0; i < n; i++) {
		j[i].r = r;
		j[i].id = i;
		ck_assert_int_eq(web_pool_submit(p, run, &j[i]), 0);
	}
	pthread_mutex_lock(&r->lock);
	r->hold = 0;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->lock);
}

START_TEST(test_last_idle_first)
{
	struct web_pool	*p;
	struct rec	 r;
	struct job	 j[20];
	struct timespec	 nap = { 0, 2 * 1000 * 1000 };
	struct timespec	 warm = { 0, 100 * 1000 * 1000 };
	int		 i;

	rec_init(&r);
	ck_assert_ptr_nonnull(p = web_pool_start(8));
	/* Every thread started and idle. */
	nanosleep(&warm, NULL);
	for (i = 0; i < 20; i++) {
		j[i].r = &r;
		j[i].id = i;
		ck_assert_int_eq(web_pool_submit(p, run, &j[i]), 0);
		wait_done(&r, i + 1);
		/* The thread is back on the idle stack before the next. */
		nanosleep(&nap, NULL);
	}
	web_pool_stop(p);
	for (i = 1; i < 20; i++)
		ck_assert_msg(pthread_equal(r.who[i], r.who[0]),
		    "job %d ran on another thread than job 0", i);
}
END_TEST

START_TEST(test_order_and_stop)
{
	struct web_pool	*p;
	struct rec	 r;
	struct job	 j[40];
	int		 i;

	rec_init(&r);
	ck_assert_ptr_nonnull(p = web_pool_start(1));
	submit_held(p, &r, j, 40);
	/* Every job queued runs before the stop returns, in order. */
	web_pool_stop(p);
	ck_assert_int_eq(r.n, 40);
	for (i = 0; i < 40; i++)
		ck_assert_int_eq(r.order[i], i);
	ck_assert_int_eq(web_pool_submit(NULL, run, &j[0]), -1);
}
END_TEST

START_TEST(test_busy_threads_all_run)
{
	struct web_pool	*p;
	struct rec	 r;
	struct job	 j[32];

	rec_init(&r);
	ck_assert_ptr_nonnull(p = web_pool_start(4));
	submit_held(p, &r, j, 32);
	wait_done(&r, 32);
	web_pool_stop(p);
	ck_assert_int_eq(r.n, 32);
}
END_TEST

Suite *
pool_suite(void)
{
	Suite	*s = suite_create("pool");
	TCase	*tc = tcase_create("pool");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_last_idle_first);
	tcase_add_test(tc, test_order_and_stop);
	tcase_add_test(tc, test_busy_threads_all_run);
	suite_add_tcase(s, tc);
	return s;
}
