/* SPDX-License-Identifier: ISC */
/*
 * Civil-date arithmetic (after H. Hinnant's days_from_civil).  "Today"
 * comes from the clock only in date_today(), which honours the
 * FOIDESK_TODAY environment variable so that tests and demonstrations
 * can fix the date.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cases/date.h"

/* Day number of y-m-d (no range check; m 1..12, d 1..31). */
int
date_from_ymd(int y, int m, int d)
{
	int	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
date_to_ymd(int day, int *py, int *pm, int *pd)
{
	int	 z, era, doe, yoe, y, doy, mp, d, m;

	z = day + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	*py = y + (m <= 2);
	*pm = m;
	*pd = d;
}

static int
days_in_month(int y, int m)
{
	static const int dim[12] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dim[m - 1];
}

/*
 * Parses a strict "YYYY-MM-DD" (exactly ten characters, a real date in
 * DATE_MIN..DATE_MAX) into *day.  Returns 0 on success, -1 otherwise.
 */
int
date_parse(const char *s, int *day)
{
	int	 i, y, m, d;

	if (s == NULL)
		return -1;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return -1;
		} else if (s[i] < '0' || s[i] > '9')
			return -1;
	}
	if (s[10] != '\0')
		return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	*day = date_from_ymd(y, m, d);
	if (*day < DATE_MIN || *day > DATE_MAX)
		return -1;
	return 0;
}

/* Writes "YYYY-MM-DD" into out. */
void
date_format(int day, char out[DATE_STRLEN])
{
	int	 y, m, d;

	date_to_ymd(day, &y, &m, &d);
	snprintf(out, DATE_STRLEN, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u);
}

/* Writes "2026年11月21日" (GB/T 9704 §7.3.5.4: no zero padding). */
void
date_format_cn(int day, char *out, unsigned outlen)
{
	int	 y, m, d;

	date_to_ymd(day, &y, &m, &d);
	snprintf(out, outlen, "%d年%d月%d日", y, m, d);
}

/* 0 = Sunday .. 6 = Saturday. */
int
date_weekday(int day)
{
	return (int)(((long)day % 7 + 7 + 4) % 7);
}

int
date_year(int day)
{
	int	 y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return y;
}

/* Today's date in China (UTC+8), or FOIDESK_TODAY when set and valid. */
int
date_today(void)
{
	const char	*env;
	time_t		 t;
	int		 day;

	if ((env = getenv("FOIDESK_TODAY")) != NULL &&
	    date_parse(env, &day) == 0)
		return day;
	t = time(NULL) + 8 * 3600;
	return (int)(t / 86400);
}
