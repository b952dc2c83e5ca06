/* SPDX-License-Identifier: ISC */
/*
 * The access log: one line a request, written by web/server.c when the
 * request ends.  The line is "TIME ADDR USER "METHOD PATH" STATUS BYTES
 * MSms", built without printf (as "%s %s %s \"%s %s\" %d %llu %.1fms")
 * and written at once (log_line); the time, to the second, is formatted once a
 * second per thread.  The query is left out: it may hold what people
 * search for.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "web/server_int.h"

/* Appends s to the line at *n, up to cap - 1 bytes. */
static void
line_str(char *line, size_t *n, size_t cap, const char *s)
{
	while (*s != '\0' && *n < cap - 1)
		line[(*n)++] = *s++;
}

/* Appends v in decimal, at least width digits, to the line at *n. */
static void
line_num(char *line, size_t *n, size_t cap, unsigned long long v, int width)
{
	char	 d[24], *p = d + sizeof(d);

	*--p = '\0';
	do {
		*--p = (char)('0' + v % 10);
		width--;
	} while ((v /= 10) != 0 || width > 0);
	line_str(line, n, cap, p);
}

/*
 * Writes one line.  On standard error (unbuffered), with one write(2)
 * and no stdio lock: the workers took turns on that lock for every
 * request (a futex wait and wake a request at 15,000 requests a second);
 * one write of a line is whole in the file or pipe.  Any other stream
 * (a test's) through stdio.
 */
static void
log_line(FILE *log, const char *line, size_t n)
{
	ssize_t	 k;

	if (log != stderr) {
		fwrite(line, 1, n, log);
		return;
	}
	while (n > 0) {
		if ((k = write(STDERR_FILENO, line, n)) < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		line += k;
		n -= (size_t)k;
	}
}

/* Writes the line of a request that began at t0 (CLOCK_MONOTONIC). */
void
web_access_log(FILE *log, const struct timespec *t0, const char *addr,
    const char *user, const char *method, const char *uri, int status,
    uint64_t bytes, int aborted)
{
	static _Thread_local time_t	 ts_sec = -1;
	static _Thread_local char	 ts[32];
	struct timespec	 t1;
	struct tm	 tm;
	time_t		 now;
	char		 path[256], line[768];
	long long	 tenths;
	size_t		 n;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	/* Tenths of a millisecond, rounded as "%.1f" rounds. */
	tenths = ((long long)(t1.tv_sec - t0->tv_sec) * 1000000000LL +
	    (t1.tv_nsec - t0->tv_nsec) + 50000) / 100000;
	if (tenths < 0)
		tenths = 0;
	now = time(NULL);
	if (now != ts_sec) {
		gmtime_r(&now, &tm);
		strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
		ts_sec = now;
	}
	/* The path only: queries may hold what people search for. */
	n = strcspn(uri, "?");
	if (n >= sizeof(path))
		n = sizeof(path) - 1;
	memcpy(path, uri, n);
	path[n] = '\0';
	for (n = 0; path[n] != '\0'; n++)
		if ((unsigned char)path[n] < 0x20 || path[n] == '"' ||
		    (unsigned char)path[n] == 0x7f)
			path[n] = '?';
	n = 0;
	line_str(line, &n, sizeof(line), ts);
	line_str(line, &n, sizeof(line), " ");
	line_str(line, &n, sizeof(line), addr);
	line_str(line, &n, sizeof(line), " ");
	line_str(line, &n, sizeof(line), user[0] != '\0' ? user : "-");
	line_str(line, &n, sizeof(line), " \"");
	line_str(line, &n, sizeof(line), method[0] != '\0' ? method : "-");
	line_str(line, &n, sizeof(line), " ");
	line_str(line, &n, sizeof(line), path);
	line_str(line, &n, sizeof(line), "\" ");
	if (status < 0)
		line_str(line, &n, sizeof(line), "-");
	line_num(line, &n, sizeof(line), (unsigned long long)
	    (status < 0 ? -(long long)status : status), 1);
	line_str(line, &n, sizeof(line), " ");
	line_num(line, &n, sizeof(line), (unsigned long long)bytes, 1);
	line_str(line, &n, sizeof(line), " ");
	line_num(line, &n, sizeof(line), (unsigned long long)(tenths / 10), 1);
	line_str(line, &n, sizeof(line), ".");
	line_num(line, &n, sizeof(line), (unsigned long long)(tenths % 10), 1);
	line_str(line, &n, sizeof(line), "ms");
	if (aborted)
		line_str(line, &n, sizeof(line), " (aborted)");
	line[n++] = '\n';
	log_line(log, line, n);
}
