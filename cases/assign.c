/* SPDX-License-Identifier: ISC */
/* Departments, assignment records and workflow events (assign.h). */
#include <stdlib.h>
#include <string.h>

#include "cases/assign.h"

const struct code workflow_events[WEV__MAX] = {
	[WEV_ASSIGN] = { "assign", "分派承办人", NULL },
	[WEV_TRANSFER] = { "transfer", "转办", NULL },
	[WEV_RETURN] = { "return", "退回科室负责人", NULL },
	[WEV_ASSIST] = { "assist", "请协办", NULL },
	[WEV_ASSIST_DONE] = { "assist-done", "协办完成", NULL },
};

int
event_is_step(const char *action)
{
	return action_find(action) >= 0;
}

void
department_clear(struct department *d)
{
	free(d->name);
	free(d->head);
	memset(d, 0, sizeof(*d));
}

void
departments_free(struct department *d, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		department_clear(&d[i]);
	free(d);
}

void
case_assignment_clear(struct case_assignment *a)
{
	size_t	 i;

	free(a->dept_name);
	free(a->dept_head);
	for (i = 0; i < a->nas; i++) {
		free(a->as[i].dept_name);
		free(a->as[i].note);
		free(a->as[i].created_by);
	}
	free(a->as);
	memset(a, 0, sizeof(*a));
}
